// One throttle budget per (app, Entra tenant) shared by every worker of a cluster: an API process
// and three worker processes (one run at a time each) on one PostgreSQL, against the simulated Graph
// in this process. Graph throttles tenant A while a run on one worker pages through it; a run on
// the other worker for the same app and tenant sends nothing before Retry-After; tenant B's run
// is not held up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { type Call, dedicatedConnection, registerTenant, throttledTenantScenario } from '../helpers/graph-throttle.ts';
import { clusterEnvironment, type Proc, spawnMany, spawnSwitchboard } from '../helpers/processes.ts';
import { startEntraGraphSimulator, type EntraGraphSimulator } from '../../src/simulators/entra-graph/index.ts';

const TENANT_A = 'a1a1a1a1-5555-4666-8777-888888888888';
const TENANT_B = 'b2b2b2b2-5555-4666-8777-888888888888';
const cluster = clusterEnvironment('sb_throttle');
const procs: Proc[] = [];
let sim: EntraGraphSimulator;
let api: Proc;

async function http(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${api.port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

before(async () => {
  sim = await startEntraGraphSimulator();
  sim.setPageSize(20, 20);
  for (const t of [TENANT_A, TENANT_B]) registerTenant(sim, t);
  await cluster.createDatabase();
  const env = {
    ...cluster.env,
    SWITCHBOARD_MS_AUTHORITY_HOST: sim.authorityHost,
    SWITCHBOARD_MS_GRAPH_BASE_URL: sim.graphBaseUrl,
    SWITCHBOARD_MS_TIMEOUT_MS: '3000',
    SWITCHBOARD_MS_GRAPH_PACE_PER_SECOND: '10',
    SWITCHBOARD_MS_GRAPH_BURST: '4',
    SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS: '0',
    SWITCHBOARD_RUN_HEARTBEAT_SECONDS: '1',
    SWITCHBOARD_RUN_LEASE_SECONDS: '5',
  };
  api = await spawnSwitchboard('serve', { ...env, SWITCHBOARD_WORKER_MODE: 'off' });
  procs.push(api);
  // One run at a time per worker: while one worker holds the throttled inventory, the health check
  // on the same app and tenant can only go to another, and tenant B's run to the third (a run
  // waiting out a Retry-After holds its worker's slot: docs/scaling.md).
  procs.push(...(await spawnMany(3, 'worker', { ...env, SWITCHBOARD_WORKER_CONCURRENCY: '1' })));
});
after(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await cluster.dropDatabase();
  await sim?.close();
});

describe('the throttle budget across worker processes on one PostgreSQL', () => {
  test('tenant A throttled while worker 1 pages it: worker 2 sends nothing to A before Retry-After; tenant B is not held up', async () => {
    const vendor: Call = (m, p, b, h) => http(cluster.vendorToken, m, p, b, h);
    const ws = (await vendor('POST', '/api/v1/workspaces', { name: 'Throttle' })).body;
    const member = (await vendor('POST', `/api/v1/workspaces/${ws.id}/members`, { email: 'o@throttle.test', role: 'owner' })).body;
    const ownerToken = (await vendor('POST', `/api/v1/workspaces/${ws.id}/tokens`, { name: 'o', member_id: member.id })).body.token;
    const owner: Call = (m, p, b, h) => http(ownerToken, m, p, b, h);
    // Two Switchboard tenants of the workspace connect the same app to Entra tenant A.
    const t1 = (await owner('POST', `/api/v1/workspaces/${ws.id}/tenants`, { name: 'One' })).body;
    const t2 = (await owner('POST', `/api/v1/workspaces/${ws.id}/tenants`, { name: 'Two' })).body;
    const a1 = await dedicatedConnection(owner, t1.slug, TENANT_A);
    const a2 = await dedicatedConnection(owner, t2.slug, TENANT_A);
    const b = await dedicatedConnection(owner, t1.slug, TENANT_B);

    const runs = await throttledTenantScenario(owner, sim, { a1, a2, b, tenantA: TENANT_A, tenantB: TENANT_B });

    const c = new pg.Client({ connectionString: cluster.url });
    await c.connect();
    try {
      const { rows } = await c.query('SELECT id, worker_id FROM operation_runs WHERE id = ANY($1::bigint[]) ORDER BY id', [[runs.inventoryA, runs.healthA]]);
      assert.equal(rows.length, 2);
      assert.notEqual(rows[0].worker_id, rows[1].worker_id, 'the two runs on tenant A ran on two different worker processes');
    } finally {
      await c.end();
    }
  });
});
