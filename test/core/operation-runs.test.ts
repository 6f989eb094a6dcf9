import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, memberToken, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { testRunsModule } from '../helpers/test-runs-module.ts';
import { waitFor } from '../helpers/wait-for.ts';

let t: TestRuntime;
let vendor: Api;
let owner: Api;
let ws: Awaited<ReturnType<typeof setupWorkspace>>;

before(async () => {
  t = await startTestRuntime({ extraModules: (core) => [testRunsModule(core)] });
  vendor = apiClient(t.rt.app!, t.vendorToken);
  ws = await setupWorkspace(vendor, 'Runs');
  owner = vendor.as(ws.ownerToken);
});
after(() => t.close());

const start = (body: object) => owner.post(`/test/workspaces/${ws.workspaceId}/runs`, body);

describe('operation runs', () => {
  test('a run is created, executed with progress, and completed; view_url answers', async () => {
    const res = await start({ type: 'test.sleep', scope: 'scope-a', inputs: { ms: 1500 } });
    assert.equal(res.status, 201);
    assert.equal(res.body.disposition, 'created');
    assert.equal(res.body.run.status, 'queued');
    assert.equal(res.body.run.view_url, `http://switchboard.test/api/v1/operation-runs/${res.body.run.id}`);
    const id = res.body.run.id;
    const running = await waitFor(async () => {
      const r = await owner.get(`/api/v1/operation-runs/${id}`);
      return r.body.status === 'running' && r.body.progress.done ? r.body : null;
    });
    assert.equal(running.progress.total, 5);
    const done = await waitFor(async () => {
      const r = await owner.get(`/api/v1/operation-runs/${id}`);
      return r.body.status === 'completed' ? r.body : null;
    });
    assert.equal(done.outcome, 'succeeded');
    assert.equal(done.reason_code, 'ok');
    assert.deepEqual(done.summary, { steps: 5 });
    assert.equal(done.progress.done, 5);
    assert.ok(done.started_at && done.completed_at);
    assert.equal(done.initiator.id, `member:${ws.ownerMemberId}`);
  });

  test('same type, scope and inputs while active: the existing run is returned (dedupe)', async () => {
    const a = await start({ type: 'test.sleep', scope: 'scope-b', inputs: { ms: 2000 } });
    const b = await start({ type: 'test.sleep', scope: 'scope-b', inputs: { ms: 2000 } });
    assert.equal(a.status, 201);
    assert.equal(b.status, 200);
    assert.equal(b.body.disposition, 'deduped');
    assert.equal(b.body.run.id, a.body.run.id);
  });

  test('a different type on a busy scope gets scope_busy with the active run', async () => {
    const a = await start({ type: 'test.sleep', scope: 'scope-c', inputs: { ms: 2000 } });
    const b = await start({ type: 'test.fail', scope: 'scope-c' });
    assert.equal(b.status, 409);
    assert.equal(b.body.disposition, 'scope_busy');
    assert.equal(b.body.run.id, a.body.run.id);
    // different inputs of the same type on the same scope are also busy, not deduped
    const c = await start({ type: 'test.sleep', scope: 'scope-c', inputs: { ms: 999 } });
    assert.equal(c.status, 409);
  });

  test('blocked starts create a visible, finished run with reason and next steps', async () => {
    const res = await start({ type: 'test.sleep', scope: 'scope-d', blocked: true });
    assert.equal(res.body.disposition, 'blocked');
    const run = (await owner.get(`/api/v1/operation-runs/${res.body.run.id}`)).body;
    assert.equal(run.status, 'completed');
    assert.equal(run.outcome, 'blocked');
    assert.equal(run.reason_code, 'missing_configuration');
    assert.deepEqual(run.next_steps, ['Attach a credential.']);
    // a blocked run does not hold the scope
    assert.equal((await start({ type: 'test.sleep', scope: 'scope-d', inputs: { ms: 10 } })).status, 201);
  });

  test('failures keep their reason code; unexpected errors are sanitized', async () => {
    const f = await start({ type: 'test.fail', scope: 'scope-e' });
    const failed = await waitFor(async () =>
      (await owner.get(`/api/v1/operation-runs/${f.body.run.id}`)).body.status === 'completed'
        ? (await owner.get(`/api/v1/operation-runs/${f.body.run.id}`)).body
        : null,
    );
    assert.equal(failed.outcome, 'failed');
    assert.equal(failed.reason_code, 'permission_denied');
    const c = await start({ type: 'test.crash', scope: 'scope-f' });
    const crashed = await waitFor(async () =>
      (await owner.get(`/api/v1/operation-runs/${c.body.run.id}`)).body.status === 'completed'
        ? (await owner.get(`/api/v1/operation-runs/${c.body.run.id}`)).body
        : null,
    );
    assert.equal(crashed.reason_code, 'unknown_error');
    assert.ok(!JSON.stringify(crashed).includes('sbt_leak'), 'raw error text is not stored on the run');
  });

  test('100 concurrent identical starts make exactly one run', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => start({ type: 'test.sleep', scope: 'scope-g', inputs: { ms: 3000 } })));
    const ids = new Set(results.map((r) => r.body.run.id));
    assert.equal(ids.size, 1);
    assert.equal(results.filter((r) => r.status === 201).length, 1);
    assert.equal(results.filter((r) => r.status === 200).length, 99);
    const rows = await t.rt.db.query(`SELECT count(*)::int AS n FROM operation_runs WHERE scope_key = 'scope-g'`);
    assert.equal(rows[0].n, 1);
  });

  test('runs of another workspace are 404; viewers may read runs, callers without runs.view may not', async () => {
    const other = await setupWorkspace(vendor, 'OtherRuns');
    const r = await start({ type: 'test.sleep', scope: 'scope-h', inputs: { ms: 10 } });
    assert.equal((await vendor.as(other.ownerToken).get(`/api/v1/operation-runs/${r.body.run.id}`)).status, 404);
    assert.equal((await owner.get(`/api/v1/operation-runs/999999999`)).status, 404);
    const viewer = vendor.as(await memberToken(vendor, ws.workspaceId, 'viewer'));
    assert.equal((await viewer.get(`/api/v1/operation-runs/${r.body.run.id}`)).status, 200);
    const app = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'no-runs', capabilities: ['tenants.view'] });
    assert.equal((await vendor.as(app.body.token).get(`/api/v1/operation-runs/${r.body.run.id}`)).status, 403);
    assert.equal((await owner.get(`/api/v1/operation-runs/abc`)).status, 400);
  });

  test('the event stream sends progress and ends when the run completes', async () => {
    await t.rt.app!.listen({ host: '127.0.0.1', port: 0 });
    const addr = t.rt.app!.server.address() as { port: number };
    const r = await start({ type: 'test.sleep', scope: 'scope-i', inputs: { ms: 2500 } });
    const res = await fetch(`http://127.0.0.1:${addr.port}/api/v1/operation-runs/${r.body.run.id}/events`, {
      headers: { authorization: `Bearer ${ws.ownerToken}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const text = await res.text();
    const events = text
      .split('\n\n')
      .filter((b) => b.includes('event: run'))
      .map((b) =>
        JSON.parse(
          b
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6),
        ),
      );
    assert.ok(events.length >= 3, `expected several run events, got ${events.length}`);
    assert.ok(events.some((e) => e.status === 'running' && e.progress.done >= 1));
    assert.equal(events.at(-1).status, 'completed');
    assert.match(text, /event: end/);
    const denied = await fetch(`http://127.0.0.1:${addr.port}/api/v1/operation-runs/${r.body.run.id}/events`);
    assert.equal(denied.status, 401);
  });

  test('a run whose worker stopped renewing its lease is finished as worker_lost', async () => {
    // Simulate a dead worker: a running run with an expired lease and a worker id nobody holds.
    const [run] = await t.rt.db.query(
      `INSERT INTO operation_runs (workspace_id, type, scope_key, identity_key, status, outcome, initiator_type, worker_id, started_at, heartbeat_at,
         lease_token, lease_expires_at)
       VALUES ($1, 'test.hang', 'scope-j', 'scope-j|x', 'running', 'pending', 'system', 'dead-host:1:abc', now() - interval '1 minute', now() - interval '1 minute',
         gen_random_uuid(), now() - interval '30 seconds') RETURNING id`,
      [ws.workspaceId],
    );
    const done = await waitFor(async () => {
      const r = await owner.get(`/api/v1/operation-runs/${run.id}`);
      return r.body.status === 'completed' ? r.body : null;
    }, 10000);
    assert.equal(done.outcome, 'failed');
    assert.equal(done.reason_code, 'worker_lost');
    assert.ok(done.next_steps.length > 0);
  });

  test('the database refuses a second active run for a scope even if code forgot to check', async () => {
    const insert = (identity: string) =>
      t.rt.db.query(
        `INSERT INTO operation_runs (workspace_id, type, scope_key, identity_key, status, outcome, initiator_type, job_id)
         VALUES ($1, 'x', 'scope-k', $2, 'queued', 'pending', 'system', gen_random_uuid())`,
        [ws.workspaceId, identity],
      );
    await insert('k1');
    await assert.rejects(insert('k2'), /operation_runs_one_active_per_scope/);
    await assert.rejects(
      t.rt.db.query(`UPDATE operation_runs SET status = 'completed' WHERE identity_key = 'k1'`),
      /check constraint/,
      'completed needs an outcome and completed_at',
    );
  });
});
