// Refused accesses on the audit trail, as a hostile workspace would produce them: refused secret
// reads on the credentials door (capability, narrowing, filter-required, nothing found) and
// probes of another workspace's ids. Each is recorded as outcome `denied` on the caller's own
// chain, aggregated per principal, action and minute (a flood is one row now and one summary with
// the count later), and the caller's response is exactly what it was.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChains } from '../../src/core/audit/audit-verify.ts';
import { type Api, apiClient, setupWorkspace } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

const CREDENTIALS = '/sfp/api/integrations/credentials';
let t: TestRuntime;
let vendor: Api;
let A: Awaited<ReturnType<typeof setupWorkspace>>;
let B: Awaited<ReturnType<typeof setupWorkspace>>;
let bIntegration: string;
let bRun: number;

async function appToken(ws: typeof A, capabilities: string[], narrowing: { providers?: string[]; projects?: string[] } = {}) {
  const res = await vendor
    .as(ws.ownerToken)
    .post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: `app-${Math.random().toString(36).slice(2, 8)}`, capabilities, ...narrowing });
  assert.equal(res.status, 201, res.text);
  return { token: res.body.token as string, id: res.body.id as string };
}

const deniedRows = (chain: string, action: string) =>
  t.rt.db.query(
    `SELECT actor_type, actor_id, action, outcome, request_id, target_type, target_id, metadata, key_version FROM audit_events WHERE chain = $1 AND action = $2 AND outcome = 'denied' ORDER BY seq`,
    [chain, action],
  );

const chainState = async (chain: string) => {
  const [h] = await t.rt.db.query('SELECT seq, hash FROM audit_chain_heads WHERE chain = $1', [chain]);
  const [n] = await t.rt.db.query('SELECT count(*)::int AS n FROM audit_events WHERE chain = $1', [chain]);
  return { seq: Number(h.seq), hash: Buffer.from(h.hash).toString('hex'), rows: n.n };
};

/** The bucket is per minute: start a burst early in a minute so it is one bucket. */
async function startOfAMinute() {
  const s = new Date().getSeconds();
  if (s >= 45) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}

const audit = () =>
  t.rt.modules.find((m) => m.name === 'audit') as unknown as { denials: { sweep(o?: { closedBefore?: Date }): Promise<{ summaries: number }> } };

before(async () => {
  t = await startTestRuntime({ work: false });
  vendor = apiClient(t.rt.app!, t.vendorToken);
  A = await setupWorkspace(vendor, 'Denied A');
  B = await setupWorkspace(vendor, 'Denied B');
  for (const ws of [A, B]) {
    const res = await vendor
      .as(ws.ownerToken)
      .post('/sfp/api/integrations', { provider: 'github', authType: 'pat', credentials: { token: 'ghp_0123456789abcdefWXYZ' }, isGlobal: true });
    assert.equal(res.status, 201, res.text);
    if (ws === B) bIntegration = res.body.id;
  }
  const [run] = await t.rt.db.query(
    `INSERT INTO operation_runs (workspace_id, type, scope_key, identity_key, status, outcome, initiator_type, completed_at)
     VALUES ($1, 'test', 'denied-b', 'denied-b', 'completed', 'succeeded', 'system', now()) RETURNING id`,
    [B.workspaceId],
  );
  bRun = Number(run.id);
});
after(() => t.close());

describe('refused secret reads', () => {
  test('100 refused reads in a minute: one denied row at once, one summary with the count after the minute', async () => {
    const { token, id } = await appToken(A, ['integrations.credentials.read'], { providers: ['jira'] });
    const attacker = vendor.as(token);
    await startOfAMinute();
    const first = await attacker.get(`${CREDENTIALS}?provider=github`);
    assert.equal(first.status, 403);
    assert.equal(first.body.error, 'access.forbidden');
    // Visible at once: the first denial of the minute is on the chain when the answer arrives.
    let rows = await deniedRows(A.workspaceId, 'integration.credentials_read');
    const mine = () => rows.filter((r) => r.actor_id === `token:${id}`);
    assert.equal(mine().length, 1, JSON.stringify(rows));
    assert.equal(mine()[0].request_id, first.headers['x-request-id']);
    assert.equal(mine()[0].metadata.code, 'access.forbidden');
    assert.deepEqual(mine()[0].metadata.filter, { provider: 'github', project: null });
    assert.ok(mine()[0].key_version >= 1, 'keyed like every row');
    for (let i = 1; i < 100; i++) assert.equal((await attacker.get(`${CREDENTIALS}?provider=github`)).status, 403);
    rows = await deniedRows(A.workspaceId, 'integration.credentials_read');
    assert.equal(mine().length, 1, 'a flood is still one row');
    // The minute is over (here: the sweep is told it is): one summary with the final count.
    const swept = await audit().denials.sweep({ closedBefore: new Date(Date.now() + 120_000) });
    assert.ok(swept.summaries >= 1);
    rows = await deniedRows(A.workspaceId, 'integration.credentials_read');
    assert.equal(mine().length, 2);
    assert.equal(mine()[1].metadata.aggregated, true);
    assert.equal(mine()[1].metadata.count, 100);
    assert.equal(mine()[1].metadata.first_request_id, first.headers['x-request-id']);
    assert.equal((await verifyAuditChains(t.rt.db, { chain: A.workspaceId })).ok, true);
  });

  test('every kind of refusal on the credentials door is audited as denied, with the same answers as before', async () => {
    const cases = [
      { what: 'no capability', caps: ['integrations.view'], url: `${CREDENTIALS}?provider=github`, status: 403, code: 'access.forbidden' },
      { what: 'no filter', caps: ['integrations.credentials.read'], url: CREDENTIALS, status: 403, code: 'integrations.filter_required' },
      {
        what: 'outside its projects',
        caps: ['integrations.credentials.read'],
        narrowing: { projects: ['acme/one'] },
        url: `${CREDENTIALS}?project=acme/other`,
        status: 403,
        code: 'access.forbidden',
      },
      { what: 'nothing found', caps: ['integrations.credentials.read'], url: `${CREDENTIALS}?provider=jira`, status: 404, code: 'integration.not_found' },
    ];
    for (const c of cases) {
      const { token, id } = await appToken(A, c.caps, c.narrowing);
      const res = await vendor.as(token).get(c.url);
      assert.equal(res.status, c.status, c.what);
      assert.equal(res.body.error, c.code, c.what);
      const rows = (await deniedRows(A.workspaceId, 'integration.credentials_read')).filter((r) => r.actor_id?.includes(id));
      assert.equal(rows.length, 1, c.what);
      assert.equal(rows[0].metadata.code, c.code, c.what);
      assert.equal(rows[0].metadata.status, c.status, c.what);
    }
  });
});

describe('cross-workspace ids', () => {
  test("another workspace's id: the same 404 as a miss, a denied row on the attacker's chain, the victim's chain untouched", async () => {
    const attacker = vendor.as(A.ownerToken);
    const victimBefore = await chainState(B.workspaceId);
    await startOfAMinute();
    const probes = [
      { url: `/api/v1/operation-runs/${bRun}`, miss: '/api/v1/operation-runs/987654321', method: 'get' as const },
      { url: `/sfp/api/integrations/${bIntegration}`, miss: '/sfp/api/integrations/00000000-0000-4000-8000-000000000000', method: 'delete' as const },
      { url: `/api/v1/workspaces/${B.workspaceId}/members`, miss: '/api/v1/workspaces/00000000-0000-4000-8000-000000000001/members', method: 'get' as const },
    ];
    for (const p of probes) {
      const probe = await attacker[p.method](p.url);
      const miss = await attacker[p.method](p.miss);
      assert.equal(probe.status, 404, p.url);
      assert.deepEqual({ ...probe.body, request_id: null }, { ...miss.body, request_id: null }, 'the answer does not tell a foreign id from a miss');
    }
    const rows = await deniedRows(A.workspaceId, 'access.cross_workspace');
    assert.equal(rows.length, 1, 'one principal, one action, one minute: one row (the rest is counted)');
    assert.equal(rows[0].metadata.cross_workspace, true);
    assert.ok(rows[0].actor_id);
    assert.deepEqual(await chainState(B.workspaceId), victimBefore, "nothing was written on the victim's chain");
    await audit().denials.sweep({ closedBefore: new Date(Date.now() + 120_000) });
    const after = await deniedRows(A.workspaceId, 'access.cross_workspace');
    assert.equal(after.length, 2);
    assert.equal(after[1].metadata.count, probes.length, 'the misses were not counted as attempts');
    assert.deepEqual(await chainState(B.workspaceId), victimBefore);
    assert.equal((await verifyAuditChains(t.rt.db)).ok, true);
  });

  test('a plain miss on an id-bearing route is not audited', async () => {
    const { token, id } = await appToken(A, ['runs.view']);
    assert.equal((await vendor.as(token).get('/api/v1/operation-runs/987654322')).status, 404);
    const rows = (await deniedRows(A.workspaceId, 'access.cross_workspace')).filter((r) => r.actor_id?.includes(id));
    assert.equal(rows.length, 0);
  });
});
