// The integrations invariants across three API processes on one PostgreSQL server: concurrent
// default changes leave one default per category (the AI providers as one), concurrent creates
// for the same (project, provider) leave one project-scoped integration, and concurrent audited
// credential releases keep the audit chain intact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { clusterEnvironment, httpTo, type Proc, spawnSwitchboard } from '../../helpers/processes.ts';

const cluster = clusterEnvironment('sb_integrations');
const { url, vendorToken } = cluster;
const env = { ...cluster.env, SWITCHBOARD_WORKER_MODE: 'off' };
let nodes: Proc[] = [];
let ownerToken = '';
let workspaceId = '';

const http = (node: number, method: string, path: string, token: string, body?: unknown) => httpTo(nodes[node].port!, method, path, token, body);

async function query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

before(async () => {
  await cluster.createDatabase();
  nodes = [await spawnSwitchboard('serve', env)];
  nodes.push(...(await Promise.all([1, 2].map(() => spawnSwitchboard('serve', env)))));
  const ws = await http(0, 'POST', '/api/v1/workspaces', vendorToken, { name: 'Scale' });
  workspaceId = ws.body.id;
  const member = await http(1, 'POST', `/api/v1/workspaces/${workspaceId}/members`, vendorToken, { email: 'owner@scale.test', role: 'owner' });
  ownerToken = (await http(2, 'POST', `/api/v1/workspaces/${workspaceId}/tokens`, vendorToken, { name: 'owner', member_id: member.body.id })).body.token;
});
after(async () => {
  await Promise.all(nodes.map((p) => p.kill('SIGKILL')));
  await cluster.dropDatabase();
});

test('concurrent default changes on three nodes leave one default per category', async () => {
  const providers = ['ai_anthropic', 'ai_openai', 'ai_google'];
  const ids: string[] = [];
  for (let i = 0; i < 9; i++) {
    const res = await http(i % 3, 'POST', '/sfp/api/integrations', ownerToken, {
      provider: providers[i % 3],
      authType: 'api_key',
      credentials: { api_key: `key-${i}` },
      isGlobal: true,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ids.push(res.body.id);
  }
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all(ids.map((id, i) => http((i + round) % 3, 'PATCH', `/sfp/api/integrations/${id}`, ownerToken, { isDefault: true })));
    assert.deepEqual(
      results.map((r) => r.status),
      ids.map(() => 200),
    );
    const defaults = await query(`SELECT id FROM integrations WHERE workspace_id = $1 AND category = 'ai' AND is_default`, [workspaceId]);
    assert.equal(defaults.length, 1);
    const listed = await http(round, 'GET', '/sfp/api/integrations/defaults', ownerToken);
    assert.deepEqual(
      listed.body.map((d: { id: string }) => d.id),
      [defaults[0].id],
    );
  }
});

test('concurrent creates for one (project, provider) on three nodes: exactly one wins', async () => {
  assert.equal((await http(0, 'POST', '/sfp/api/projects', ownerToken, { identifier: 'acme/race', platform: 'github' })).status, 201);
  const results = await Promise.all(
    [0, 1, 2, 0, 1, 2].map((node, i) =>
      http(node, 'POST', '/sfp/api/integrations', ownerToken, {
        provider: 'github',
        authType: 'pat',
        credentials: { token: `ghp_race_${i}` },
        projects: ['acme/race'],
      }),
    ),
  );
  assert.equal(results.filter((r) => r.status === 201).length, 1, JSON.stringify(results.map((r) => r.status)));
  assert.ok(results.filter((r) => r.status !== 201).every((r) => r.status === 400 && r.body.field === 'projects'));
  const linked = await query(`SELECT count(*)::int AS n FROM integration_projects WHERE workspace_id = $1`, [workspaceId]);
  assert.equal(linked[0].n, 1);
});

test('concurrent audited releases on three nodes keep the audit chain intact', async () => {
  const results = await Promise.all(
    Array.from({ length: 24 }, (_, i) => http(i % 3, 'GET', '/sfp/api/integrations/credentials?provider=ai_openai', ownerToken)),
  );
  assert.ok(results.every((r) => r.status === 200));
  const released = await query(`SELECT count(*)::int AS n FROM audit_events WHERE workspace_id = $1 AND action = 'integration.credentials_released'`, [
    workspaceId,
  ]);
  assert.equal(released[0].n, 24 * 3);
  const verify = await http(1, 'GET', `/api/v1/workspaces/${workspaceId}/audit-events/verify`, ownerToken);
  assert.equal(verify.status, 200);
  assert.equal(verify.body.ok, true, JSON.stringify(verify.body.problems));
});
