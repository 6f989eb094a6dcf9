// What the request limits cost on a shared store: the same authenticated GET through the full
// stack on two runtimes side by side, one with leased limits (the default,
// SWITCHBOARD_RATE_LIMIT_LEASE_PERCENT=1) and one counting every request on the store (0), loaded
// in alternating slices so the machine's background load falls on both alike.
//
//   DATABASE_URL=postgres://... node bench/limits.ts       # counters on PostgreSQL
//   BENCH_REDIS_URL=redis://127.0.0.1:6379 node bench/limits.ts   # counters on Redis
//
// On the embedded database the counters are in memory and never leased: both lines are the same
// work. Knobs: BENCH_SLICES (10 per runtime), BENCH_SLICE_SECONDS (2).
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../test/helpers/runtime.ts';
import { dbLabel, type LoadResult, load, report } from './lib.ts';

const SLICES = Number(process.env.BENCH_SLICES ?? 10);
const SLICE_SECONDS = Number(process.env.BENCH_SLICE_SECONDS ?? 2);
const redis = process.env.BENCH_REDIS_URL;

async function serve(leasePercent: string) {
  const t = await startTestRuntime({
    work: false,
    env: {
      LOG_LEVEL: 'warn',
      // Never reached: what is measured is the counting, not refusals.
      SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000',
      SWITCHBOARD_RATE_LIMIT_LEASE_PERCENT: leasePercent,
      ...(redis ? { SWITCHBOARD_REDIS_URL: redis } : {}),
    },
  });
  const app = t.rt.app!;
  const ws = await setupWorkspace(apiClient(app, t.vendorToken), 'Bench');
  const [run] = await t.rt.db.query(
    `INSERT INTO operation_runs (workspace_id, type, scope_key, identity_key, status, outcome, initiator_type, completed_at)
     VALUES ($1, 'bench', 'bench', 'bench', 'completed', 'succeeded', 'system', now()) RETURNING id`,
    [ws.workspaceId],
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  return { t, url: `http://127.0.0.1:${port}/api/v1/operation-runs/${run.id}`, headers: { authorization: `Bearer ${ws.ownerToken}` } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function summary(slices: LoadResult[]): LoadResult {
  return {
    rps: median(slices.map((s) => s.rps)),
    p50: median(slices.map((s) => s.p50)),
    p99: median(slices.map((s) => s.p99)),
    failed: slices.reduce((n, s) => n + s.failed, 0),
  };
}

const leased = await serve('1');
const exact = await serve('0');
const store = leased.t.rt.app!.limits.store.kind;
console.log(
  `request limits on ${store === 'memory' ? 'process memory (embedded database: nothing is leased)' : store} over ${dbLabel()}, ${SLICES} slices of ${SLICE_SECONDS} s each, 10 connections`,
);
const results: Record<string, LoadResult[]> = { leased: [], exact: [] };
const runtimes: Record<string, { url: string; headers: Record<string, string> }> = { leased, exact };
for (const name of Object.keys(runtimes)) await load({ ...runtimes[name], seconds: 1 }); // warm-up
for (let i = 0; i < SLICES; i++) {
  for (const name of i % 2 ? ['exact', 'leased'] : ['leased', 'exact']) results[name].push(await load({ ...runtimes[name], seconds: SLICE_SECONDS }));
}
report('GET one record, exact limits vs leased', summary(results.exact), summary(results.leased));
await Promise.all([leased.t, exact.t].map((t: TestRuntime) => t.close()));
