// The four run types against the simulated Entra + Graph: state transitions per failure class,
// verification reports, inventory over many pages with throttling, compliance counts, and the
// shared token cache (per app and Entra tenant, single-flight).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { complianceCounts, type SimFailure } from '../../../src/simulators/entra-graph/index.ts';
import { setupWorkspace } from '../../helpers/api.ts';
import {
  ALL_ROLES,
  contractApi,
  DEDICATED_APP,
  DEDICATED_SECRET,
  F,
  fPath,
  getConnection,
  I,
  iPath,
  runDone,
  startProviderEnv,
  type ProviderEnv,
} from '../../helpers/providers.ts';

let env: ProviderEnv;
let api: ReturnType<typeof contractApi>;
let n = 0;

/** A dedicated connection to a fresh Entra tenant (so no token is cached for it yet). */
async function dedicated(
  opts: { roles?: string[]; users?: number; groups?: number; managedDevices?: number; tenantRef?: number | string; api?: ReturnType<typeof contractApi> } = {},
) {
  n += 1;
  const tenant = `${String(n).padStart(8, '0')}-5555-4666-8777-888888888888`;
  env.sim.registerTenant({ tenantId: tenant, displayName: `Customer ${n}`, users: opts.users, groups: opts.groups, managedDevices: opts.managedDevices });
  env.sim.registerApp({ clientId: DEDICATED_APP, tenantId: tenant, clientSecret: DEDICATED_SECRET, roles: opts.roles ?? ALL_ROLES });
  return dedicatedTo(tenant, opts.tenantRef ?? env.ws.tenantSlug, opts.api ?? api);
}

async function dedicatedTo(tenant: string, tenantRef: number | string, a: ReturnType<typeof contractApi>) {
  const r = await a.identity(
    'POST',
    I.create,
    `/admin/tenants/${tenantRef}/provider-connections`,
    {
      provider: 'microsoft',
      entra_tenant_id: tenant,
      display_name: `Customer ${tenant.slice(0, 8)}`,
      is_default: false,
      connection_type: 'dedicated',
      dedicated_credential: { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET },
    },
    { 'x-confirm': 'dedicated' },
  );
  assert.equal(r.status, 201, r.text);
  return { number: r.body.id as number, uuid: r.body.uuid as string, tenant, tenantId: r.body.tenant_id as number };
}

const OPS = { health: ['health-check', F.healthCheck], inventory: ['inventory', F.inventory], compliance: ['compliance-snapshot', F.compliance] } as const;

async function start(c: { uuid: string; tenantId?: number }, op: keyof typeof OPS, a = api) {
  const [path, template] = OPS[op];
  const r = await a.foundation('POST', template, fPath(c.tenantId ?? env.ws.tenantId, c.uuid, `/operations/${path}`));
  assert.equal(r.status, 201, r.text);
  return r.body.id as number;
}
const run = async (c: { uuid: string; tenantId?: number }, op: keyof typeof OPS) => runDone(env.owner, await start(c, op));
async function verify(c: { number: number }) {
  const r = await api.identity('POST', I.verification, iPath(c.number, 'verification'));
  assert.equal(r.body.status, 'started', r.text);
  return runDone(env.owner, r.body.operation_run_id);
}
async function identityView(c: { number: number }) {
  // the identity surface has no GET; an unchanged connection-type PUT answers the current view
  const r = await env.owner.put(iPath(c.number, 'connection-type'), { connection_type: 'dedicated' }, { 'x-confirm': String(c.number) });
  return r.body;
}

before(async () => {
  env = await startProviderEnv();
  api = contractApi(env.owner);
});
after(() => env?.close());

describe('health check', () => {
  test('success: token, then GET /organization; connected / ok, consent proven', async () => {
    const c = await dedicated();
    const done = await run(c, 'health');
    assert.equal(done.outcome, 'succeeded');
    assert.equal(done.reason_code, 'ok');
    assert.equal(done.summary.displayName, `Customer ${n}`);
    assert.equal(env.sim.count('organization', { tenantId: c.tenant }), 1);
    const conn = await getConnection(env, c.uuid);
    assert.deepEqual([conn.status, conn.health_status, conn.last_error_reason_code], ['connected', 'ok', null]);
    assert.equal((await identityView(c)).consent_status, 'granted');
  });

  const tokenFailures: Array<[string, SimFailure, string, string, string]> = [
    ['AADSTS7000215 (invalid secret)', { kind: 'aadsts', code: 7000215 }, 'authentication_failed', 'error', 'required'],
    ['AADSTS7000222 (expired secret)', { kind: 'aadsts', code: 7000222 }, 'authentication_failed', 'error', 'required'],
    ['AADSTS700016 (app not in tenant)', { kind: 'aadsts', code: 700016 }, 'permission_denied', 'needs_consent', 'required'],
    ['AADSTS65001 (no consent)', { kind: 'aadsts', code: 65001 }, 'permission_denied', 'needs_consent', 'required'],
    ['AADSTS90094 (admin consent required)', { kind: 'aadsts', code: 90094 }, 'permission_denied', 'needs_consent', 'required'],
    ['AADSTS90002 (tenant not found)', { kind: 'aadsts', code: 90002 }, 'invalid_state', 'error', 'required'],
    ['token endpoint throttling', { kind: 'status', status: 429, retryAfterSeconds: 0 }, 'throttled', 'needs_consent', 'required'],
  ];
  for (const [name, failure, reason, status, consent] of tokenFailures) {
    test(`${name} → ${reason}, status ${status}`, async () => {
      const c = await dedicated();
      env.sim.setFailure({ endpoint: 'token', tenantId: c.tenant, failure, times: 10 });
      const done = await run(c, 'health');
      assert.equal(done.outcome, 'failed');
      assert.equal(done.reason_code, reason);
      assert.ok(done.failure_summary);
      assert.ok(done.next_steps.length > 0);
      const conn = await getConnection(env, c.uuid);
      assert.equal(conn.status, status);
      assert.equal(conn.health_status, reason === 'throttled' ? 'degraded' : 'down');
      assert.equal(conn.last_error_reason_code, reason);
      assert.ok(conn.last_health_check_at);
      assert.equal((await identityView(c)).consent_status, consent);
      const [row] = await env.t.rt.db.query('SELECT checks_paused_for, credential_fingerprint FROM provider_connections WHERE id = $1', [c.uuid]);
      assert.equal(row.checks_paused_for, reason === 'authentication_failed' ? row.credential_fingerprint : null);
    });
  }

  test('transient failures of a connected connection change its health, not its status; recovery clears the error', async () => {
    const c = await dedicated();
    assert.equal((await run(c, 'health')).outcome, 'succeeded');

    const removeThrottle = env.sim.setFailure({ endpoint: 'organization', tenantId: c.tenant, failure: { kind: 'status', status: 429, retryAfterSeconds: 0 } });
    const throttled = await run(c, 'health');
    removeThrottle();
    assert.equal(throttled.reason_code, 'throttled');
    let conn = await getConnection(env, c.uuid);
    assert.deepEqual([conn.status, conn.health_status, conn.last_error_reason_code], ['connected', 'degraded', 'throttled']);

    const removeHang = env.sim.setFailure({ endpoint: 'organization', tenantId: c.tenant, failure: { kind: 'hang' } });
    const unreachable = await run(c, 'health');
    removeHang();
    assert.equal(unreachable.reason_code, 'dependency_unreachable');
    conn = await getConnection(env, c.uuid);
    assert.deepEqual([conn.status, conn.health_status, conn.last_error_reason_code], ['connected', 'down', 'dependency_unreachable']);

    env.sim.setAppRoles(c.tenant, DEDICATED_APP, ['User.Read.All']); // Organization.Read.All withdrawn: Graph answers 403
    await verify(c); // a fresh token carries the reduced roles
    const forbidden = await run(c, 'health');
    assert.equal(forbidden.reason_code, 'permission_denied');
    conn = await getConnection(env, c.uuid);
    assert.deepEqual([conn.status, conn.health_status], ['connected', 'degraded']); // the token works: consent is not the problem

    env.sim.setAppRoles(c.tenant, DEDICATED_APP, ALL_ROLES);
    await verify(c); // fresh token with the restored roles
    const ok = await run(c, 'health');
    assert.equal(ok.outcome, 'succeeded');
    conn = await getConnection(env, c.uuid);
    assert.deepEqual([conn.status, conn.health_status, conn.last_error_reason_code, conn.last_error_message], ['connected', 'ok', null, null]);
  });

  test('a disabled connection keeps its status whatever a check says', async () => {
    const c = await dedicated();
    const id = await start(c, 'health');
    await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, c.uuid), { status: 'disabled' });
    const done = await runDone(env.owner, id);
    assert.ok(['succeeded', 'blocked'].includes(done.outcome), done.outcome); // raced with the worker either way
    assert.equal((await getConnection(env, c.uuid)).status, 'disabled');
  });
});

describe('verification', () => {
  test('healthy: named checks, verification_status healthy', async () => {
    const c = await dedicated();
    const done = await verify(c);
    assert.equal(done.outcome, 'succeeded');
    assert.deepEqual(
      done.summary.checks.map((x: { name: string }) => x.name),
      ['token_acquisition', 'app_roles', 'graph_reachability'],
    );
    assert.equal(done.result.operations.inventory.ready, true);
    const view = await identityView(c);
    assert.deepEqual([view.verification_status, view.consent_status, view.status, view.health_status], ['healthy', 'granted', 'connected', 'ok']);
  });

  test('missing permissions: degraded, with the permissions to add as next steps', async () => {
    const c = await dedicated({ roles: ['Organization.Read.All'] });
    const done = await verify(c);
    assert.equal(done.outcome, 'partially_succeeded');
    assert.equal(done.reason_code, 'permission_denied');
    const roles = done.result.checks.find((x: { name: string }) => x.name === 'app_roles');
    assert.equal(roles.status, 'warn');
    assert.ok(done.next_steps.some((s: string) => s.includes('User.Read.All')));
    assert.ok(done.next_steps.some((s: string) => s.includes('DeviceManagementManagedDevices.Read.All')));
    const view = await identityView(c);
    assert.deepEqual([view.verification_status, view.status, view.health_status], ['degraded', 'connected', 'degraded']);
  });

  test('consent withdrawn after it was granted: revoked, needs_consent, verification blocked', async () => {
    const c = await dedicated();
    assert.equal((await verify(c)).outcome, 'succeeded');
    env.sim.revokeApp(c.tenant, DEDICATED_APP);
    const done = await verify(c); // verification asks for a fresh token, so the cache does not hide this
    assert.equal(done.outcome, 'failed');
    assert.equal(done.reason_code, 'permission_denied');
    const view = await identityView(c);
    assert.deepEqual([view.verification_status, view.consent_status, view.status, view.health_status], ['blocked', 'revoked', 'needs_consent', 'down']);
    // data runs are now blocked until consent is granted again
    const blocked = await api.foundation('POST', F.inventory, fPath(env.ws.tenantId, c.uuid, '/operations/inventory'));
    assert.equal(blocked.body.outcome, 'blocked');
    assert.equal(blocked.body.reason_code, 'permission_denied');
  });
});

describe('inventory and compliance snapshot', () => {
  after(() => env.sim.setPageSize(100, 999));

  test('inventory pages through users, groups and managed devices (nextLink), honours 429 / Retry-After, stores counts and items', async () => {
    env.sim.setPageSize(25, 25);
    const c = await dedicated({ users: 120, groups: 30, managedDevices: 260 });
    assert.equal((await run(c, 'health')).outcome, 'succeeded'); // consent proven: data runs may start
    env.sim.setFailure({ endpoint: 'managedDevices', tenantId: c.tenant, failure: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 2 });
    const done = await run(c, 'inventory');
    assert.equal(done.outcome, 'succeeded', JSON.stringify(done));
    assert.deepEqual(done.summary.counts, { users: 120, groups: 30, managedDevices: 260 });
    assert.deepEqual(Object.fromEntries(Object.entries(done.summary.collections).map(([k, v]) => [k, (v as { pages: number }).pages])), {
      users: 5,
      groups: 2,
      managedDevices: 11,
    });
    assert.equal(env.sim.count('managedDevices', { tenantId: c.tenant }), 11 + 2); // two throttled answers, retried
    assert.equal(done.progress.done, 260);
    const rows = await env.t.rt.db.query<{ collection: string; n: number }>(
      'SELECT collection, count(*)::int AS n FROM inventory_items WHERE run_id = $1 GROUP BY collection ORDER BY collection',
      [done.id],
    );
    assert.deepEqual(rows, [
      { collection: 'groups', n: 30 },
      { collection: 'managedDevices', n: 260 },
      { collection: 'users', n: 120 },
    ]);
    const [sample] = await env.t.rt.db.query("SELECT data FROM inventory_items WHERE run_id = $1 AND collection = 'managedDevices' LIMIT 1", [done.id]);
    assert.ok(sample.data.complianceState);

    // a later complete inventory replaces the items of the earlier one
    env.sim.setDeviceCount(c.tenant, 40);
    const second = await run(c, 'inventory');
    const [{ n: total }] = await env.t.rt.db.query('SELECT count(*)::int AS n FROM inventory_items WHERE connection_id = $1', [c.uuid]);
    assert.equal(total, 120 + 30 + 40);
    assert.equal((await env.t.rt.db.query('SELECT DISTINCT run_id FROM inventory_items WHERE connection_id = $1', [c.uuid])).length, 1);
    assert.equal(second.summary.counts.managedDevices, 40);
  });

  test('inventory without the Intune permission: partially succeeded, the other collections collected', async () => {
    const c = await dedicated({ roles: ['Organization.Read.All', 'User.Read.All', 'Group.Read.All'] });
    await run(c, 'health');
    const done = await run(c, 'inventory');
    assert.equal(done.outcome, 'partially_succeeded');
    assert.equal(done.reason_code, 'permission_denied');
    assert.equal(done.summary.collections.managedDevices.status, 'failed');
    assert.equal(done.summary.counts.users, 10);
    assert.ok(done.next_steps.some((s: string) => s.includes('DeviceManagementManagedDevices.Read.All')));
    assert.equal((await getConnection(env, c.uuid)).health_status, 'degraded');
  });

  test('compliance snapshot: counts of managed devices by compliance state (paged, then from the Intune summary)', async () => {
    const c = await dedicated({ managedDevices: 137 });
    await run(c, 'health');
    const paged = await run(c, 'compliance');
    assert.equal(paged.outcome, 'succeeded');
    assert.equal(paged.summary.source, 'devices');
    assert.equal(paged.summary.total, 137);
    const expected = complianceCounts(137);
    for (const [state, count] of Object.entries(expected)) assert.equal(paged.summary.counts[state], count, state);

    env.sim.setAppRoles(c.tenant, DEDICATED_APP, [...ALL_ROLES, 'DeviceManagementConfiguration.Read.All']);
    await verify(c); // refreshes the cached token's roles
    const summary = await run(c, 'compliance');
    assert.equal(summary.summary.source, 'summary');
    assert.equal(summary.summary.total, 137);
    assert.equal(env.sim.count('complianceSummary', { tenantId: c.tenant }), 1);
  });
});

describe('token acquisition', () => {
  test('cached per app and Entra tenant across runs until expiry', async () => {
    const c = await dedicated();
    await run(c, 'health');
    await run(c, 'health');
    await run(c, 'compliance');
    await run(c, 'inventory');
    assert.equal(env.sim.count('token', { tenantId: c.tenant }), 1);
  });

  test('single-flight: concurrent runs of two connections to the same app and Entra tenant share one token request', async () => {
    n += 1;
    const tenant = `${String(n).padStart(8, '0')}-5555-4666-8777-888888888888`;
    env.sim.registerTenant({ tenantId: tenant });
    env.sim.registerApp({ clientId: DEDICATED_APP, tenantId: tenant, clientSecret: DEDICATED_SECRET, roles: ALL_ROLES });
    const other = await setupWorkspace(env.vendor, 'Second');
    const otherApi = contractApi(env.owner.as(other.ownerToken));
    const a = await dedicatedTo(tenant, env.ws.tenantSlug, api);
    const b = await dedicatedTo(tenant, other.tenantSlug, otherApi);
    const [ra, rb] = await Promise.all([start(a, 'health'), start(b, 'health', otherApi)]);
    const [da, db] = await Promise.all([runDone(env.owner, ra), runDone(env.owner.as(other.ownerToken), rb)]);
    assert.equal(da.outcome, 'succeeded');
    assert.equal(db.outcome, 'succeeded');
    assert.equal(env.sim.count('token', { tenantId: tenant }), 1);
  });
});
