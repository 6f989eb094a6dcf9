// Several real processes against one PostgreSQL server: migrations run once, dedupe holds
// across nodes, and a worker killed with SIGKILL mid-run has its run finished by another.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { listMigrations } from '../../src/db/migrate.ts';
import { clusterEnvironment, httpTo, type Proc, spawnMany, spawnSwitchboard } from '../helpers/processes.ts';

const cluster = clusterEnvironment('sb_scale');
const { url, vendorToken } = cluster;
const env = { ...cluster.env, SWITCHBOARD_RUN_HEARTBEAT_SECONDS: '1', SWITCHBOARD_RUN_LEASE_SECONDS: '3', SWITCHBOARD_RUN_REAPER_INTERVAL_SECONDS: '1' };
const procs: Proc[] = [];
let servers: Proc[] = [];
const http = httpTo;

before(async () => {
  await cluster.createDatabase(); // empty: the three servers below race to migrate it
  servers = await spawnMany(3, 'serve', { ...env, SWITCHBOARD_WORKER_MODE: 'off' });
  procs.push(...servers);
});
after(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await cluster.dropDatabase();
});

describe('three API processes and workers on one PostgreSQL', () => {
  let workspaceId: string;
  let ownerToken: string;

  test('three nodes starting together migrate exactly once and bootstrap one vendor token', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query('SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version');
    const vendors = await c.query(`SELECT count(*)::int AS n FROM api_tokens WHERE kind = 'vendor'`);
    await c.end();
    assert.deepEqual(
      rows.map((r) => r.version),
      listMigrations().map((m) => m.version),
    );
    assert.ok(rows.every((r) => r.n === 1));
    assert.equal(vendors.rows[0].n, 1);
  });

  test('100 concurrent identical starts spread over three processes make exactly one run', async () => {
    const ws = await http(servers[0].port!, 'POST', '/api/v1/workspaces', vendorToken, { name: 'Scale' });
    workspaceId = ws.body.id;
    const m = await http(servers[1].port!, 'POST', `/api/v1/workspaces/${workspaceId}/members`, vendorToken, { email: 'o@scale.test', role: 'owner' });
    ownerToken = (await http(servers[2].port!, 'POST', `/api/v1/workspaces/${workspaceId}/tokens`, vendorToken, { name: 'o', member_id: m.body.id })).body
      .token;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        http(servers[i % 3].port!, 'POST', `/test/workspaces/${workspaceId}/runs`, ownerToken, {
          type: 'test.sleep',
          scope: 'scale-scope',
          inputs: { ms: 1000 },
        }),
      ),
    );
    assert.deepEqual(new Set(results.map((r) => r.status)), new Set([200, 201]));
    assert.equal(new Set(results.map((r) => r.body.run.id)).size, 1);
    assert.equal(results.filter((r) => r.status === 201).length, 1);
  });

  test('a worker killed with SIGKILL mid-run: another worker finishes the run as worker_lost', async () => {
    const victim = await spawnSwitchboard('worker', env);
    procs.push(victim);
    const started = await http(servers[0].port!, 'POST', `/test/workspaces/${workspaceId}/runs`, ownerToken, { type: 'test.hang', scope: 'crash-scope' });
    assert.equal(started.status, 201);
    const id = started.body.run.id;
    const deadline = Date.now() + 30000;
    let run: any;
    do {
      await new Promise((r) => setTimeout(r, 200));
      run = (await http(servers[1].port!, 'GET', `/api/v1/operation-runs/${id}`, ownerToken)).body;
    } while (run.status !== 'running' && Date.now() < deadline);
    assert.equal(run.status, 'running');
    await victim.kill('SIGKILL');
    const survivor = await spawnSwitchboard('worker', env);
    procs.push(survivor);
    const killedAt = Date.now();
    do {
      await new Promise((r) => setTimeout(r, 250));
      run = (await http(servers[2].port!, 'GET', `/api/v1/operation-runs/${id}`, ownerToken)).body;
    } while (run.status !== 'completed' && Date.now() - killedAt < 30000);
    assert.equal(run.status, 'completed', 'the lost run is finished within a bounded time');
    assert.equal(run.outcome, 'failed');
    assert.equal(run.reason_code, 'worker_lost');
    // the scope is free again
    const again = await http(servers[0].port!, 'POST', `/test/workspaces/${workspaceId}/runs`, ownerToken, {
      type: 'test.sleep',
      scope: 'crash-scope',
      inputs: { ms: 10 },
    });
    assert.equal(again.status, 201);
  });
});
