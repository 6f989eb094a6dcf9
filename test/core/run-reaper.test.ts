// The run reaper under a controlled clock (both databases). No process executes runs here: the
// test plays the worker that takes a job, claims a run and dies, by writing what that worker would
// have written (the job library's pickup, the claim), then moves the reaper's clock instead of
// sleeping. The background reaper is slowed to once an hour so only the test's passes act.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { claimRun, completeRun, renewLeases, saveProgress } from '../../src/core/runs/run-repository.ts';
import { apiClient, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { testRunsModule } from '../helpers/test-runs-module.ts';

const LEASE = 30;
let t: TestRuntime;
let owner: Api;
let ws: Awaited<ReturnType<typeof setupWorkspace>>;

before(async () => {
  t = await startTestRuntime({
    work: false,
    extraModules: (core) => [testRunsModule(core)],
    env: { SWITCHBOARD_RUN_LEASE_SECONDS: String(LEASE), SWITCHBOARD_RUN_REAPER_INTERVAL_SECONDS: '3600', SWITCHBOARD_RUN_MAX_ATTEMPTS: '3' },
  });
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  ws = await setupWorkspace(vendor, 'Reaper');
  owner = vendor.as(ws.ownerToken);
});
after(() => t.close());

const db = () => t.rt.db;
const secondsFrom = (base: Date, s: number) => new Date(base.getTime() + s * 1000);
const dbNow = async () => (await db().query<{ now: Date }>('SELECT now() AS now'))[0].now;
const run = async (id: number) => (await db().query('SELECT * FROM operation_runs WHERE id = $1', [id]))[0];
const job = async (id: string) => (await db().query(`SELECT state FROM pgboss.job WHERE name = 'operation-runs' AND id = $1`, [id]))[0];
const audit = (action: string, target: number) =>
  db().query(`SELECT actor_type, actor_id, metadata FROM audit_events WHERE action = $1 AND target_id = $2`, [action, String(target)]);

async function start(type: string, scope: string, inputs: Record<string, unknown> = { ms: 100 }) {
  const r = await owner.post(`/test/workspaces/${ws.workspaceId}/runs`, { type, scope, inputs });
  assert.equal(r.status, 201, r.text);
  return run(r.body.run.id);
}

/** What a worker does up to its claim: the job library marks the job taken, the worker claims the run. */
async function takeJob(jobId: string) {
  await db().query(`UPDATE pgboss.job SET state = 'active', started_on = now() WHERE name = 'operation-runs' AND id = $1`, [jobId]);
}

describe('run reaper (controlled clock)', () => {
  test('a running run is left alone while its lease holds and ended as worker_lost once it expired; a retry-safe type runs again', async () => {
    const lost = await start('test.sleep', 'reap-a');
    await takeJob(lost.job_id);
    const claimed = (await claimRun(db(), lost.id, 'dead-host:1:aaaa', LEASE))!;
    const claimedAt = claimed.started_at;
    assert.equal(claimed.status, 'running');
    assert.ok(claimed.lease_token);
    assert.ok(Math.abs(claimed.lease_expires_at!.getTime() - secondsFrom(claimedAt!, LEASE).getTime()) < 1000, 'the lease runs for LEASE seconds');

    const early = await t.rt.engine.reapNow(secondsFrom(claimedAt!, LEASE - 1));
    assert.equal(early.skipped, false);
    assert.equal(early.lost.length, 0);
    assert.equal((await run(lost.id)).status, 'running');

    const report = await t.rt.engine.reapNow(secondsFrom(claimedAt!, LEASE + 1));
    assert.equal(report.lost.length, 1);
    assert.equal(report.lost[0].phase, 'running');
    const ended = await run(lost.id);
    assert.equal(ended.status, 'completed');
    assert.equal(ended.outcome, 'failed');
    assert.equal(ended.reason_code, 'worker_lost');
    const retry = await run(report.lost[0].retry!.id);
    assert.deepEqual(
      [retry.status, retry.type, retry.scope_key, retry.identity_key, Number(retry.attempt), Number(retry.retry_of)],
      ['queued', 'test.sleep', 'reap-a', lost.identity_key, 2, Number(lost.id)],
    );
    assert.deepEqual(retry.inputs, lost.inputs);
    assert.equal((await job(retry.job_id)).state, 'created', 'the retry has its own job waiting');
    assert.equal(Number(ended.summary.retried_as), Number(retry.id));
    assert.match(ended.next_steps[0], new RegExp(`run ${retry.id}`));
    const [lostAudit] = await audit('operation_run.worker_lost', lost.id);
    assert.deepEqual(
      [lostAudit.actor_type, lostAudit.actor_id, lostAudit.metadata.phase, lostAudit.metadata.retried_as],
      ['system', 'run-reaper', 'running', Number(retry.id)],
    );
    const [retryAudit] = await audit('operation_run.started', retry.id);
    assert.deepEqual([retryAudit.metadata.disposition, retryAudit.metadata.retry_of], ['retried', Number(lost.id)]);
    const view = (await owner.get(`/api/v1/operation-runs/${retry.id}`)).body;
    assert.deepEqual([view.attempt, view.retry_of], [2, Number(lost.id)]);
    // Another pass finds nothing more: the run ended once.
    assert.equal((await t.rt.engine.reapNow(secondsFrom(claimedAt!, LEASE + 60))).lost.filter((l) => Number(l.run.id) === Number(lost.id)).length, 0);
    assert.equal((await audit('operation_run.worker_lost', lost.id)).length, 1);
  });

  test('a renewed lease moves the deadline; the reaper acts on the renewed one', async () => {
    const r = await start('test.mutate', 'reap-b');
    await takeJob(r.job_id);
    const claimed = (await claimRun(db(), r.id, 'slow-host:1:bbbb', LEASE))!;
    const held = { id: Number(r.id), leaseToken: claimed.lease_token! };
    // Wait a little on the real clock so the renewal is measurably later than the claim.
    await new Promise((res) => setTimeout(res, 1100));
    assert.deepEqual(await renewLeases(db(), [held], LEASE), [Number(r.id)]);
    const renewed = await run(r.id);
    assert.ok(renewed.lease_expires_at.getTime() > claimed.lease_expires_at!.getTime());
    assert.equal((await t.rt.engine.reapNow(new Date(claimed.lease_expires_at!.getTime() + 500))).lost.length, 0, 'the first deadline no longer counts');
    assert.equal((await t.rt.engine.reapNow(new Date(renewed.lease_expires_at.getTime() + 500))).lost.length, 1);
  });

  test('a run type that is not safe to retry ends once, is not started again, and frees its scope', async () => {
    const r = await start('test.mutate', 'reap-c');
    await takeJob(r.job_id);
    const claimed = (await claimRun(db(), r.id, 'dead-host:1:cccc', LEASE))!;
    const report = await t.rt.engine.reapNow(secondsFrom(claimed.started_at!, LEASE + 1));
    const mine = report.lost.find((l) => Number(l.run.id) === Number(r.id))!;
    assert.equal(mine.retry, null);
    assert.deepEqual((await run(r.id)).next_steps, ['Start the operation again.']);
    const active = await db().query(`SELECT id FROM operation_runs WHERE scope_key = 'reap-c' AND status <> 'completed'`);
    assert.equal(active.length, 0);
    // The scope takes a new start of another type at once (no scope_busy).
    assert.equal((await owner.post(`/test/workspaces/${ws.workspaceId}/runs`, { type: 'test.fail', scope: 'reap-c' })).status, 201);
  });

  test('a queued run whose job still waits (a backlog) is never reaped, however old', async () => {
    const r = await start('test.sleep', 'reap-d');
    assert.equal((await job(r.job_id)).state, 'created');
    const report = await t.rt.engine.reapNow(secondsFrom(await dbNow(), 24 * 3600));
    assert.equal(report.lost.filter((l) => Number(l.run.id) === Number(r.id)).length, 0);
    assert.equal((await run(r.id)).status, 'queued');
    await db().query(`UPDATE operation_runs SET status = 'completed', outcome = 'cancelled', completed_at = now() WHERE id = $1`, [r.id]);
  });

  test('a queued run whose job a worker took and never claimed is ended a lease after the pickup, and started again', async () => {
    const r = await start('test.sleep', 'reap-e');
    await takeJob(r.job_id);
    const pickedUp = await dbNow();
    assert.equal((await t.rt.engine.reapNow(secondsFrom(pickedUp, LEASE - 1))).lost.filter((l) => Number(l.run.id) === Number(r.id)).length, 0);
    const report = await t.rt.engine.reapNow(secondsFrom(pickedUp, LEASE + 1));
    const mine = report.lost.find((l) => Number(l.run.id) === Number(r.id))!;
    assert.equal(mine.phase, 'queued');
    const ended = await run(r.id);
    assert.deepEqual([ended.status, ended.outcome, ended.reason_code, ended.started_at], ['completed', 'failed', 'worker_lost', null]);
    assert.match(ended.failure_summary, /before starting it/);
    assert.equal((await run(mine.retry!.id)).status, 'queued');
    // The worker was only slow, not dead: its late claim finds nothing to claim.
    assert.equal(await claimRun(db(), r.id, 'late-host:1:eeee', LEASE), null);
  });

  test('a queued run whose job ended without a claim (failed, or gone) is ended too', async () => {
    const r = await start('test.mutate', 'reap-f');
    await db().query(`UPDATE pgboss.job SET state = 'failed', started_on = now(), completed_on = now() WHERE name = 'operation-runs' AND id = $1`, [r.job_id]);
    const at = secondsFrom(await dbNow(), LEASE + 1);
    const mine = (await t.rt.engine.reapNow(at)).lost.find((l) => Number(l.run.id) === Number(r.id))!;
    assert.deepEqual([mine.phase, mine.retry], ['queued', null]);
  });

  test('a worker that lost its lease can write nothing: no progress, no renewal, no second ending', async () => {
    const r = await start('test.sleep', 'reap-g');
    await takeJob(r.job_id);
    const claimed = (await claimRun(db(), r.id, 'zombie-host:1:gggg', LEASE))!;
    const held = { id: Number(r.id), leaseToken: claimed.lease_token! };
    await t.rt.engine.reapNow(secondsFrom(claimed.started_at!, LEASE + 1));
    await saveProgress(db(), held, { done: 5, total: 5 });
    assert.deepEqual(await renewLeases(db(), [held], LEASE), []);
    assert.equal(await completeRun(db(), held, { outcome: 'succeeded', reasonCode: 'ok' }), null);
    const after = await run(r.id);
    assert.deepEqual([after.outcome, after.reason_code, after.progress], ['failed', 'worker_lost', {}]);
    // And the database refuses a second ending even from code that forgot the token.
    await assert.rejects(db().query(`UPDATE operation_runs SET outcome = 'succeeded', reason_code = 'ok' WHERE id = $1`, [r.id]), /has already ended/);
    // A running run cannot be handed to another lease, nor go back to queued.
    const other = await start('test.mutate', 'reap-g2');
    await claimRun(db(), other.id, 'host:1:g2', LEASE);
    await assert.rejects(db().query(`UPDATE operation_runs SET lease_token = gen_random_uuid() WHERE id = $1`, [other.id]), /another lease/);
    await assert.rejects(db().query(`UPDATE operation_runs SET status = 'queued' WHERE id = $1`, [other.id]), /back to queued/);
    await assert.rejects(db().query(`UPDATE operation_runs SET lease_expires_at = NULL WHERE id = $1`, [other.id]), /running_holds_lease/);
  });

  test('a run is started at most SWITCHBOARD_RUN_MAX_ATTEMPTS times in all', async () => {
    let current = await start('test.sleep', 'reap-h');
    const attempts: number[] = [];
    for (;;) {
      attempts.push(Number(current.attempt));
      await takeJob(current.job_id);
      const claimed = (await claimRun(db(), current.id, 'crashing-host:1:hhhh', LEASE))!;
      const mine = (await t.rt.engine.reapNow(secondsFrom(claimed.started_at!, LEASE + 1))).lost.find((l) => Number(l.run.id) === Number(current.id))!;
      if (!mine.retry) break;
      current = await run(mine.retry.id);
    }
    assert.deepEqual(attempts, [1, 2, 3]);
    const all = await db().query(`SELECT status, reason_code FROM operation_runs WHERE scope_key = 'reap-h'`);
    assert.deepEqual(
      all.map((r) => [r.status, r.reason_code]),
      [
        ['completed', 'worker_lost'],
        ['completed', 'worker_lost'],
        ['completed', 'worker_lost'],
      ],
    );
  });

  test('lost runs are counted in /metrics by type, phase and retry', async () => {
    const m = await apiClient(t.rt.app!).get('/metrics');
    assert.match(m.text, /switchboard_operation_runs_lost_total\{type="test.sleep",phase="running",retried="yes"\} [1-9]/);
    assert.match(m.text, /switchboard_operation_runs_lost_total\{type="test.mutate",phase="running",retried="no"\} [1-9]/);
    assert.match(m.text, /switchboard_operation_runs_lost_total\{type="test.sleep",phase="queued",retried="yes"\} 1/);
    assert.match(m.text, /switchboard_operation_runs_started_total\{type="test.sleep",disposition="retried"\} [1-9]/);
  });
});
