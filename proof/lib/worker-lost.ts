// Workers killed at each point of a run's life, on a real deployment (PostgreSQL, separate
// processes), shared by `npm run proof:faults` (--only lease) and test/proof/worker-lost.pg.test.ts.
// The points are reached exactly, without hooks in the service: the suite holds the run's row lock
// so that the worker stops at the statement in question, sees it waiting in pg_stat_activity, then
// kills the worker (kill -9) and lets go.
//   before_claim       the job library handed the job over (state active); the claim never commits
//   mid_run            the run executes (progress saved, lease renewed); the worker dies
//   before_completion  the work is done and the completion was sent; it never commits
//   lease_lost         the worker is frozen (SIGSTOP) past its lease, the reaper ends the run, then
//                      the worker wakes (SIGCONT) and tries to finish it: its writes change nothing
// After each: the run ended once as failed / worker_lost, within lease + reaper interval; a run of
// a retry-safe type was started again and succeeded on another worker; one that is not safe was
// not, and its scope takes a new start at once; nothing stays queued or running.
import pg from 'pg';
import type { Proc } from '../../test/helpers/processes.ts';
import { type Deployment, http } from './cluster.ts';
import { waitForRunsToSettle } from './invariants.ts';

export type KillPoint = 'before_claim' | 'mid_run' | 'before_completion' | 'lease_lost';
export const KILL_POINTS: KillPoint[] = ['before_claim', 'mid_run', 'before_completion', 'lease_lost'];

export interface KillResult {
  point: KillPoint;
  type: string;
  runId: number;
  /** From the kill (or the freeze) to the run's completed_at. */
  endedMsAfterKill: number;
  /** What the bound says: lease + reaper interval (+ one heartbeat for a run that was renewing). */
  boundMs: number;
  outcome: string;
  reasonCode: string;
  retryId: number | null;
  retryOutcome: string | null;
  /** Audit rows saying the reaper ended this run: exactly one when it ended once. */
  lostAuditRows: number;
  /** Runs of this scope and their endings: every one completed, none twice. */
  scopeRuns: Array<{ id: number; attempt: number; outcome: string; reason: string }>;
  newStartStatus: number | null;
  zombieDiscarded: boolean | null;
  checks: Array<{ ok: boolean; what: string }>;
}

export interface LeaseSettings {
  heartbeatSeconds: number;
  leaseSeconds: number;
  reaperIntervalSeconds: number;
}

export const leaseEnv = (s: LeaseSettings) => ({
  SWITCHBOARD_RUN_HEARTBEAT_SECONDS: String(s.heartbeatSeconds),
  SWITCHBOARD_RUN_LEASE_SECONDS: String(s.leaseSeconds),
  SWITCHBOARD_RUN_REAPER_INTERVAL_SECONDS: String(s.reaperIntervalSeconds),
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(100);
  }
}

/** A session of the suite's own that holds a run's row lock until released. */
async function holdRow(url: string, runId: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('BEGIN');
  await c.query('SELECT id FROM operation_runs WHERE id = $1 FOR UPDATE', [runId]);
  return {
    async release() {
      await c.query('ROLLBACK').catch(() => {});
      await c.end().catch(() => {});
    },
  };
}

/**
 * A worker's statement waiting for a lock, found by its text (the repository's SQL). Any lock wait
 * counts: a statement queued behind another waiter (a lease renewal) waits on that one, not on the
 * suite's session directly; nothing else in this database holds the row.
 */
async function waitingOn(d: Deployment, statement: RegExp): Promise<boolean> {
  const rows = await d.query<{ query: string }>(
    `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return rows.some((r) => statement.test(r.query));
}

export async function killAtPoint(
  d: Deployment,
  o: { workspaceId: string; token: string },
  point: KillPoint,
  s: LeaseSettings,
  // before_completion: a type that saves no progress, so the only write it waits on is the completion.
  type = point === 'mid_run' ? 'test.mutate' : point === 'before_completion' ? 'test.wait' : 'test.sleep',
): Promise<KillResult> {
  const port = d.apis[0].port!;
  const scope = `lease-${point}-${Date.now()}`;
  const startRun = async (ms: number) => {
    const r = await http(port, 'POST', `/test/workspaces/${o.workspaceId}/runs`, o.token, { type, scope, inputs: { ms } });
    if (r.status !== 201) throw new Error(`start: ${r.status} ${r.text}`);
    return Number(r.body.run.id);
  };
  const runRow = async (id: number) => (await d.query('SELECT * FROM operation_runs WHERE id = $1', [id]))[0];
  const renewed = async (id: number) => {
    const r = await runRow(id);
    return r.status === 'running' && r.heartbeat_at.getTime() > r.started_at.getTime();
  };
  const checks: KillResult['checks'] = [];
  const check = (ok: boolean, what: string) => checks.push({ ok, what });
  // No worker is running between points: the victim is the only one that can take the job.
  let victim: Proc;
  let runId: number;
  let killedAt: number;
  let zombieDiscarded: boolean | null = null;
  if (point === 'before_claim') {
    runId = await startRun(600);
    const lock = await holdRow(d.url, runId);
    try {
      victim = await d.addWorker();
      await until('the claim to wait on the lock', () => waitingOn(d, /SET status = 'running'/), 30_000);
      const [job] = await d.query(`SELECT j.state FROM pgboss.job j JOIN operation_runs r ON r.job_id = j.id WHERE r.id = $1`, [runId]);
      check(job?.state === 'active', `the job was handed to the worker (job ${job?.state}, run ${(await runRow(runId)).status})`);
      await victim.kill('SIGKILL');
      killedAt = Date.now();
    } finally {
      await lock.release();
    }
  } else if (point === 'mid_run') {
    runId = await startRun(10 * 60_000);
    victim = await d.addWorker();
    await until('the run to renew its lease', () => renewed(runId), 30_000);
    await victim.kill('SIGKILL');
    killedAt = Date.now();
  } else if (point === 'before_completion') {
    runId = await startRun(1500);
    victim = await d.addWorker();
    await until('the run to start', async () => (await runRow(runId)).status === 'running', 30_000);
    const lock = await holdRow(d.url, runId);
    try {
      await until('the completion to wait on the lock', () => waitingOn(d, /SET status = 'completed'/), 30_000);
      await victim.kill('SIGKILL');
      killedAt = Date.now();
    } finally {
      await lock.release();
    }
  } else {
    // Long enough to be frozen mid-run, short enough for the retry to finish soon after.
    runId = await startRun((2 * s.heartbeatSeconds + 2) * 1000);
    victim = await d.addWorker();
    await until('the run to renew its lease', () => renewed(runId), 30_000);
    victim.child.kill('SIGSTOP');
    killedAt = Date.now();
  }
  const ended = await until(
    'the lost run to end',
    async () => {
      const r = await runRow(runId);
      return r.status === 'completed' ? r : null;
    },
    (s.leaseSeconds + s.reaperIntervalSeconds) * 1000 * 3 + 30_000,
  );
  const endedMsAfterKill = new Date(ended.completed_at).getTime() - killedAt;
  // A worker to run the retries; stopped again afterwards so the next point starts without one.
  const survivor = await d.addWorker();
  if (point === 'lease_lost') {
    // The retry goes to the survivor first; then the frozen worker wakes: its heartbeat learns the
    // run is gone (it stops it) or its completion is refused. Either way it says "lease lost".
    const retryId = Number(ended.summary?.retried_as);
    await until('the survivor to take the retry', async () => (await runRow(retryId)).status !== 'queued', 30_000);
    const before = victim.output.join('').length;
    victim.child.kill('SIGCONT');
    zombieDiscarded = await until(
      'the woken worker to give the run up',
      async () => /lease lost/.test(victim.output.join('').slice(before)),
      (s.heartbeatSeconds + 10) * 1000,
    ).catch(() => false);
    await victim.kill('SIGTERM');
  }
  await waitForRunsToSettle(d, 120_000);
  let newStartStatus: number | null = null;
  if (type === 'test.mutate') {
    const r = await http(port, 'POST', `/test/workspaces/${o.workspaceId}/runs`, o.token, { type: 'test.fail', scope });
    newStartStatus = r.status;
    await waitForRunsToSettle(d, 30_000);
  }
  await survivor.kill('SIGTERM');

  const final = await runRow(runId);
  const retryId = ended.summary?.retried_as ? Number(ended.summary.retried_as) : null;
  const retry = retryId ? await runRow(retryId) : null;
  const [audit] = await d.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'operation_run.worker_lost' AND target_id = $1`, [String(runId)]);
  const scopeRuns = (await d.query(`SELECT id, attempt, status, outcome, reason_code FROM operation_runs WHERE scope_key = $1 ORDER BY id`, [scope])).map(
    (r) => ({
      id: Number(r.id),
      attempt: r.attempt,
      outcome: `${r.status}/${r.outcome}`,
      reason: r.reason_code,
    }),
  );
  const retrySafe = type !== 'test.mutate';
  // One heartbeat of slack for points where the worker was renewing; the queued deadline runs from the pickup.
  const boundMs = (s.leaseSeconds + s.reaperIntervalSeconds + 1) * 1000;
  check(
    final.outcome === 'failed' && final.reason_code === 'worker_lost' && final.completed_at.getTime() === ended.completed_at.getTime(),
    `run ${runId} ended failed / worker_lost and stayed so (${final.outcome} / ${final.reason_code})`,
  );
  check(endedMsAfterKill <= boundMs, `ended ${endedMsAfterKill} ms after the ${point === 'lease_lost' ? 'freeze' : 'kill'} (bound ${boundMs} ms)`);
  check(audit.n === 1, `one worker_lost audit row for it (${audit.n})`);
  if (retrySafe) check(retry?.outcome === 'succeeded' && Number(retry.attempt) === 2, `retry-safe: started again as run ${retryId}, ${retry?.outcome}`);
  else check(retryId === null, `not safe to retry (${type}): not started again`);
  check(
    scopeRuns.every((r) => r.outcome.startsWith('completed/')),
    `every run of the scope ended once: ${scopeRuns.map((r) => `#${r.id} attempt ${r.attempt} ${r.outcome} ${r.reason}`).join(', ')}`,
  );
  if (!retrySafe) check(newStartStatus === 201, `the scope is free: a new start of another type is ${newStartStatus}`);
  if (point === 'lease_lost') check(zombieDiscarded === true, 'the woken worker gave the run up (lease lost) and wrote nothing to it');
  return {
    point,
    type,
    runId,
    endedMsAfterKill,
    boundMs,
    outcome: final.outcome,
    reasonCode: final.reason_code,
    retryId,
    retryOutcome: retry?.outcome ?? null,
    lostAuditRows: audit.n,
    scopeRuns,
    newStartStatus,
    zombieDiscarded,
    checks,
  };
}
