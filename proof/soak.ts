// Soak: a steady mixed load (the scale-out mix at a fixed rate) against one API process and one
// worker process for a given time, printing each process's resident memory every 10 s. At the end:
// mean RSS of the first and the last minute, the least-squares slope after the first minute, and a
// verdict: growth beyond noise is the last minute above the first by more than 10 % + 10 MiB.
//
//   npm run proof:soak                         # 5 minutes (a private PostgreSQL cluster unless DATABASE_URL)
//   npm run proof:soak -- --minutes 60 --rate 200
//
// Exit status 1 on growth beyond noise, a 5xx, or a failed invariant.
import { log, option, postgresServer, writeReport } from './lib/args.ts';
import { type Deployment, rssMiB, startDeployment } from './lib/cluster.ts';
import { createFixture, type Fixture } from './lib/fixtures.ts';
import { checkInvariants } from './lib/invariants.ts';
import { type AcResult, autocannon, type MixCounts, mixedRequests, summarizeCounts } from './lib/mix.ts';

const MINUTES = option('minutes', 5);
const RATE = option('rate', 150);
const INTERVAL_S = option('interval', 10);

interface Point {
  t: number;
  api: number;
  worker: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
function slopePerMinute(points: Array<{ t: number; v: number }>): number {
  const mx = mean(points.map((p) => p.t));
  const my = mean(points.map((p) => p.v));
  const num = points.reduce((a, p) => a + (p.t - mx) * (p.v - my), 0);
  const den = points.reduce((a, p) => a + (p.t - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

const server = await postgresServer();
log(`PostgreSQL: ${server.label}; ${MINUTES} min at ${RATE} req/s, RSS every ${INTERVAL_S} s`);
let d: Deployment | undefined;
let exit = 0;
try {
  d = await startDeployment({ serverUrl: server.url, apis: 1, workers: 1, label: 'soak' });
  const fixtures: Fixture[] = [];
  for (let i = 0; i < 3; i++) fixtures.push(await createFixture(d.apis[0].port!, d.vendorToken, `Soak${i}`));
  const apiPid = d.apis[0].child.pid!;
  const workerPid = d.workers[0].child.pid!;
  const points: Point[] = [];
  const t0 = Date.now();
  const sample = () => {
    const p = { t: (Date.now() - t0) / 1000, api: rssMiB(apiPid) ?? NaN, worker: rssMiB(workerPid) ?? NaN };
    points.push(p);
    log(`t=${String(Math.round(p.t)).padStart(5)} s  api RSS ${p.api.toFixed(1).padStart(7)} MiB  worker RSS ${p.worker.toFixed(1).padStart(7)} MiB`);
  };
  sample();
  const timer = setInterval(sample, INTERVAL_S * 1000);
  const counts: MixCounts = {};
  const r: AcResult = await autocannon({
    url: `http://127.0.0.1:${d.apis[0].port}`,
    connections: 8,
    overallRate: RATE,
    duration: MINUTES * 60,
    timeout: 30,
    requests: mixedRequests(fixtures, counts),
  });
  clearInterval(timer);
  sample();
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]));
  const fiveXX = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 500)
    .reduce((a, [, n]) => a + n, 0);
  log(
    `load: ${r.requests.total} requests, ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, statuses ${JSON.stringify(statuses)}, errors ${r.errors}`,
  );
  log(`by kind: ${summarizeCounts(counts)}`);
  const end = points.at(-1)!.t;
  const verdicts: Record<string, unknown> = {};
  for (const which of ['api', 'worker'] as const) {
    const first = mean(points.filter((p) => p.t <= 60).map((p) => p[which]));
    const last = mean(points.filter((p) => p.t >= end - 60).map((p) => p[which]));
    const slope = slopePerMinute(points.filter((p) => p.t >= 60).map((p) => ({ t: p.t, v: p[which] })));
    const grew = last > first * 1.1 + 10;
    verdicts[which] = { firstMinuteMiB: first, lastMinuteMiB: last, slopeMiBPerMinute: slope, growthBeyondNoise: grew };
    log(
      `${which}: first minute ${first.toFixed(1)} MiB, last minute ${last.toFixed(1)} MiB (${(((last - first) / first) * 100).toFixed(1)} %), slope after the first minute ${slope.toFixed(2)} MiB/min → ${grew ? 'GROWTH beyond noise' : 'no growth beyond noise'}`,
    );
    if (grew) exit = 1;
  }
  if (fiveXX > 0) exit = 1;
  const inv = await checkInvariants(d);
  for (const line of inv.lines) log(line);
  if (!inv.ok) exit = 1;
  log(
    `report: ${writeReport(`soak-${MINUTES}min`, { date: new Date().toISOString(), server: server.label, minutes: MINUTES, rate: RATE, statuses, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, verdicts, points, invariants: inv.lines })}`,
  );
} catch (err) {
  console.error(err);
  exit = 1;
} finally {
  await d?.close();
  server.close();
}
process.exit(exit);
