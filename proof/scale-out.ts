// Scale-out proof: three API processes and two worker processes on one PostgreSQL server, under a
// mixed load (reads, audited secret reads, run starts, default changes, SCIM writes); the same
// load against one API process, alternately, for the throughput ratio. At the end every invariant
// is checked in the database: one active run per scope, one default per category, no duplicate
// SCIM users, no run left open, audit chains complete and verified.
//
//   npm run proof:scale                               # private PostgreSQL cluster, 20 s per measurement
//   DATABASE_URL=postgres://… npm run proof:scale -- --seconds 30 --connections 24 --rounds 2
//
// Exit status 1 when an invariant fails or any request got a 5xx.
import { type Deployment, startDeployment } from './lib/cluster.ts';
import { createFixture, type Fixture } from './lib/fixtures.ts';
import { checkInvariants, waitForRunsToSettle } from './lib/invariants.ts';
import { type AcResult, autocannon, type MixCounts, mixedRequests, summarizeCounts } from './lib/mix.ts';
import { log, option, postgresServer, writeReport } from './lib/args.ts';

const SECONDS = option('seconds', 20);
const CONNECTIONS = option('connections', 24);
const ROUNDS = option('rounds', 2);
const WORKSPACES = option('workspaces', 4);

interface Measurement {
  apis: number;
  round: number;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  byKind: MixCounts;
}

async function measure(d: Deployment, fixtures: Fixture[], apis: number, round: number, seconds: number): Promise<Measurement> {
  const counts: MixCounts = {};
  const urls = d.apis.slice(0, apis).map((p) => `http://127.0.0.1:${p.port}`);
  const r: AcResult = await autocannon({
    // autocannon round-robins over a list of URLs; @types/autocannon types `url` as one string.
    url: urls.length === 1 ? urls[0] : (urls as unknown as string),
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: mixedRequests(fixtures, counts),
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]));
  return {
    apis,
    round,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    statuses,
    byKind: counts,
  };
}

const server = await postgresServer();
log(`PostgreSQL: ${server.label}; ${CONNECTIONS} connections, ${SECONDS} s per measurement, ${ROUNDS} rounds`);
let d: Deployment | undefined;
let exit = 0;
try {
  d = await startDeployment({ serverUrl: server.url, apis: 3, workers: 2, label: 'scale', env: { SWITCHBOARD_WORKER_CONCURRENCY: '4' } });
  log(`3 API processes (ports ${d.apis.map((p) => p.port).join(', ')}) and 2 workers up`);
  const fixtures: Fixture[] = [];
  for (let i = 0; i < WORKSPACES; i++) fixtures.push(await createFixture(d.apis[i % 3].port!, d.vendorToken, `Scale${i}`));
  log(`${fixtures.length} workspaces with integrations, a SCIM configuration and a project`);
  await measure(d, fixtures, 3, 0, 3); // warm-up: JIT, pools, caches on every process
  const results: Measurement[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const apis of [1, 3]) {
      await waitForRunsToSettle(d, 60_000);
      const m = await measure(d, fixtures, apis, round, SECONDS);
      results.push(m);
      log(
        `round ${round}, ${apis} API process${apis > 1 ? 'es' : ''}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.total} requests, statuses ${JSON.stringify(m.statuses)}`,
      );
      log(`   by kind: ${summarizeCounts(m.byKind)}`);
    }
  }
  const mean = (apis: number) => {
    const ms = results.filter((r) => r.apis === apis);
    return ms.reduce((a, r) => a + r.rps, 0) / ms.length;
  };
  const one = mean(1);
  const three = mean(3);
  const fiveXX = results.reduce(
    (a, r) =>
      a +
      Object.entries(r.statuses)
        .filter(([s]) => Number(s) >= 500)
        .reduce((b, [, n]) => b + n, 0),
    0,
  );
  const errors = results.reduce((a, r) => a + r.errors, 0);
  log(
    `throughput: 1 API ${one.toFixed(0)} req/s, 3 APIs ${three.toFixed(0)} req/s, ratio ${(three / one).toFixed(2)} (machine: ${(await import('node:os')).cpus().length} cores, load generator in this process)`,
  );
  log(`5xx answers: ${fiveXX}; connection errors/timeouts: ${errors}`);
  const inv = await checkInvariants(d);
  for (const line of inv.lines) log(line);
  if (!inv.ok || fiveXX > 0) exit = 1;
  const file = writeReport('scale-out', {
    date: new Date().toISOString(),
    server: server.label,
    seconds: SECONDS,
    connections: CONNECTIONS,
    results,
    one,
    three,
    ratio: three / one,
    fiveXX,
    errors,
    invariants: inv.lines,
  });
  log(`report: ${file}`);
} catch (err) {
  console.error(err);
  exit = 1;
} finally {
  await d?.close();
  server.close();
}
process.exit(exit);
