// The load generator's own process (forked by ./generator.ts). It runs autocannon here, not in
// the process that serves the requests: a load generator on the server's event loop takes CPU
// and turns (JSON, sockets, histograms) from the code being measured, and its pauses show up as
// the server's latency.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import type { LoadSpec, LoadMeasurement } from './generator.ts';

// Unique per run, so "{n}" templates never collide with what an earlier run created.
const runTag = randomBytes(4).toString('hex');
let counter = 0;
const fill = (template: string) => (template.includes('{n}') ? template.replaceAll('{n}', `${runTag}-${counter++}`) : template);
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

async function run(spec: LoadSpec, duration: number, amount?: number): Promise<LoadMeasurement> {
  const { request } = spec;
  let next = 0;
  const path = request.order === 'sequential' ? () => request.paths[next++ % request.paths.length] : () => pick(request.paths);
  const requests: autocannon.Request[] = [
    {
      method: request.method,
      path: request.paths[0],
      headers: request.headers,
      setupRequest: (req) => ({
        ...req,
        path: fill(path()),
        ...(request.bodies?.length ? { body: fill(pick(request.bodies)) } : {}),
      }),
    },
  ];
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(amount ? { amount } : { duration }),
    requests,
    timeout: 30,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
  });
  return {
    rps: r.requests.total / Math.max(r.duration, 0.001),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

process.once('message', (message) => {
  const spec = message as LoadSpec;
  (async () => {
    if (spec.warmupSeconds) await run(spec, spec.warmupSeconds);
    return run(spec, spec.durationSeconds, spec.amount);
  })().then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (err: Error) => process.send!({ ok: false, error: err.message }, () => process.exit(1)),
  );
});
