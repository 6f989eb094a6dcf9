// Three API processes on one PostgreSQL server share every limit's counters (the UNLOGGED table
// of migration 0010): noise against one SCIM configuration on node 1 is limited on nodes 2 and 3
// too (their first failure is already past the limit), while a bystander configuration's valid
// token, the hammered configuration's own valid token and the vendor token pass on every node.
// Request limits are shared the same way (leased in chunks, never passing more than the limit
// together), and the reached limit is audited once for the cluster.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { clusterEnvironment, type Proc, spawnMany } from '../helpers/processes.ts';

const LIMIT = 5;
const SCIM_PER_MINUTE = 9;
const PRINCIPAL_PER_MINUTE = 30;
const cluster = clusterEnvironment('sb_limits');
const { url, vendorToken } = cluster;
let nodes: Proc[] = [];

async function http(node: Proc, method: string, path: string, authorization: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${node.port}${path}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
}
const bearer = (token: string) => `Bearer ${token}`;
const guess = () => bearer(`sbscim_${randomBytes(32).toString('base64url')}`);

async function sql<T = any>(text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A workspace with an owner token and a SCIM configuration, made through `node`. */
async function customer(node: Proc, name: string) {
  const ws = await http(node, 'POST', '/api/v1/workspaces', bearer(vendorToken), { name });
  assert.equal(ws.status, 201);
  const member = await http(node, 'POST', `/api/v1/workspaces/${ws.body.id}/members`, bearer(vendorToken), {
    email: `o@${name.toLowerCase()}.test`,
    role: 'owner',
  });
  const token = await http(node, 'POST', `/api/v1/workspaces/${ws.body.id}/tokens`, bearer(vendorToken), { name: 'o', member_id: member.body.id });
  const tenant = await http(node, 'POST', `/api/v1/workspaces/${ws.body.id}/tenants`, bearer(vendorToken), { name: `${name} Tenant` });
  const cfg = await http(
    node,
    'POST',
    '/directory/resources/v1/configurations/scim2',
    bearer(token.body.token),
    { source: 'okta' },
    { 'frontegg-tenant-id': String(tenant.body.id) },
  );
  assert.equal(cfg.status, 201);
  return {
    workspaceId: ws.body.id as string,
    ownerToken: token.body.token as string,
    scim: `/directory/resources/scim/v2.0/${cfg.body.id}`,
    configurationId: cfg.body.id as string,
    scimToken: cfg.body.token as string,
  };
}

before(async () => {
  await cluster.createDatabase();
  nodes = await spawnMany(3, 'serve', {
    ...cluster.env,
    SWITCHBOARD_WORKER_MODE: 'off',
    SWITCHBOARD_AUTH_FAILURE_LIMIT: String(LIMIT),
    SWITCHBOARD_AUTH_FAILURE_WINDOW_SECONDS: '300',
    SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE: String(SCIM_PER_MINUTE),
    SWITCHBOARD_RATE_LIMIT_PER_MINUTE: String(PRINCIPAL_PER_MINUTE),
    SWITCHBOARD_RATE_LIMIT_LEASE_PERCENT: '10',
  });
});
after(async () => {
  await Promise.all(nodes.map((p) => p.kill('SIGKILL')));
  await cluster.dropDatabase();
});

describe('limits shared by three API processes on one PostgreSQL', () => {
  let hammered: Awaited<ReturnType<typeof customer>>;
  let bystander: Awaited<ReturnType<typeof customer>>;

  before(async () => {
    hammered = await customer(nodes[0], 'Hammered');
    bystander = await customer(nodes[1], 'Bystander');
  });

  test('noise against one configuration on node 1 is limited on nodes 2 and 3; valid tokens and the vendor pass on every node', async () => {
    for (let i = 0; i < LIMIT; i++) assert.equal((await http(nodes[0], 'GET', `${hammered.scim}/Users`, guess())).status, 401);
    for (const node of nodes) {
      const refused = await http(node, 'GET', `${hammered.scim}/Users`, guess());
      assert.equal(refused.status, 429, `node on port ${node.port}`);
      assert.equal(refused.body.status, '429');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
    }
    for (const node of nodes) {
      assert.equal((await http(node, 'GET', `${bystander.scim}/Users`, bearer(bystander.scimToken))).status, 200, 'the bystander configuration');
      assert.equal((await http(node, 'GET', `${hammered.scim}/Users`, bearer(hammered.scimToken))).status, 200, 'the hammered configuration’s own token');
      assert.equal((await http(node, 'GET', '/api/v1/workspaces', bearer(vendorToken))).status, 200, 'the vendor');
    }
    assert.equal((await http(nodes[2], 'GET', `${bystander.scim}/Users`, guess())).status, 401, 'the bystander’s own failures are a count of their own');
  });

  test('the counters are in the database, and the reached limit was audited once for the whole cluster', async () => {
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM rate_limit_counters WHERE key LIKE 'af_pair:%scim_configuration:${hammered.configurationId}'`);
    assert.equal(n, 1);
    const deadline = Date.now() + 10_000;
    let rows: any[] = [];
    while (Date.now() < deadline) {
      rows = await sql(`SELECT target_type, target_id, metadata FROM audit_events WHERE chain = '' AND action = 'auth.too_many_failures'`);
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(
      rows.map((r) => [r.target_type, r.target_id, r.metadata.failures]),
      [['scim_configuration', hammered.configurationId, LIMIT]],
    );
  });

  test('requests per SCIM configuration and per principal are counted by the cluster, not per node', async () => {
    // The bystander configuration used 3 of its requests above; the rest, spread over the nodes.
    for (let i = 3; i < SCIM_PER_MINUTE; i++)
      assert.equal((await http(nodes[i % 3], 'GET', `${bystander.scim}/Users`, bearer(bystander.scimToken))).status, 200);
    for (const node of nodes) {
      const over = await http(node, 'GET', `${bystander.scim}/Users`, bearer(bystander.scimToken));
      assert.equal(over.status, 429);
      assert.ok(Number(over.headers.get('retry-after')) > 0);
    }
    assert.equal((await http(nodes[1], 'GET', `${hammered.scim}/Users`, bearer(hammered.scimToken))).status, 200, 'another configuration has its own budget');

    // Per principal, leased in chunks of 3 (SWITCHBOARD_RATE_LIMIT_LEASE_PERCENT=10 of 30): the
    // nodes together never pass more than the limit, and refuse at most 2 unspent points per node early.
    const members = `/api/v1/workspaces/${bystander.workspaceId}/members`;
    let passed = 1; // its owner token made the SCIM configuration
    for (let i = 0; i < PRINCIPAL_PER_MINUTE + 10; i++) {
      const r = await http(nodes[i % 3], 'GET', members, bearer(bystander.ownerToken));
      assert.ok(r.status === 200 || r.status === 429, String(r.status));
      if (r.status === 200) passed++;
    }
    assert.ok(passed <= PRINCIPAL_PER_MINUTE && passed >= PRINCIPAL_PER_MINUTE - 3 * 2, `${passed} passed`);
    for (const node of nodes) {
      const over = await http(node, 'GET', members, bearer(bystander.ownerToken));
      assert.equal(over.status, 429);
      assert.equal(over.body.error, 'rate_limited');
      assert.ok(Number(over.headers.get('retry-after')) > 0);
    }
    assert.equal(
      (await http(nodes[2], 'GET', `/api/v1/workspaces/${hammered.workspaceId}/members`, bearer(hammered.ownerToken))).status,
      200,
      'another principal',
    );
  });
});
