import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { healthCheck } from '../../../src/providers/microsoft/operations/health-check.ts';
import { verifyConnection } from '../../../src/providers/microsoft/operations/verification.ts';
import { ALL_ROLES, APP, OTHER_TENANT, TENANT, secretCredential, withSimulator } from './helpers.ts';

describe('health check', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  before(async () => (env = await withSimulator()));
  after(() => env.sim.close());

  it('is ok with the organization name in details, after one token and one GET /organization', async () => {
    env.sim.resetCounts();
    const progress: string[] = [];
    const result = await healthCheck(env.context({ onProgress: (p) => progress.push(p.message) }));
    assert.equal(result.reasonCode, 'ok');
    assert.equal(result.message, 'Connected to Contoso Ltd.');
    assert.equal(result.details?.displayName, 'Contoso Ltd');
    assert.equal(result.details?.organizationId, TENANT);
    assert.equal(result.details?.defaultDomain, 'contoso.onmicrosoft.com');
    assert.equal(typeof result.latencyMs, 'number');
    assert.equal(env.sim.tokenRequests, 1);
    assert.equal(env.sim.count('organization'), 1);
    assert.equal(progress.length, 3);
  });

  it('returns (does not throw) a failing result with the reason code and next steps', async () => {
    env.sim.setFailure({ endpoint: 'token', failure: { kind: 'aadsts', code: 7000222 }, times: 1 });
    const result = await healthCheck(env.context());
    assert.equal(result.reasonCode, 'authentication_failed');
    assert.equal(result.details?.aadsts, '7000222');
    assert.ok(Array.isArray(result.details?.nextSteps));
  });

  it('without Organization.Read.All → permission_denied naming the permission', async () => {
    env.sim.setAppRoles(TENANT, APP, ['User.Read.All']);
    try {
      const result = await healthCheck(env.context());
      assert.equal(result.reasonCode, 'permission_denied');
      assert.match(JSON.stringify(result.details?.nextSteps), /Organization\.Read\.All/);
    } finally {
      env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    }
  });

  it('Graph outage → dependency_unreachable', async () => {
    const remove = env.sim.setFailure({ endpoint: 'graph', failure: { kind: 'status', status: 500 } });
    try {
      assert.equal((await healthCheck(env.context())).reasonCode, 'dependency_unreachable');
    } finally {
      remove();
    }
  });
});

describe('verification', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  before(async () => (env = await withSimulator()));
  after(() => env.sim.close());

  const byName = (report: Awaited<ReturnType<typeof verifyConnection>>, name: string) => report.checks.find((c) => c.name === name)!;

  it('healthy when the token, every required role and Graph are fine', async () => {
    const report = await verifyConnection(env.context());
    assert.equal(report.overall, 'healthy');
    assert.equal(report.reasonCode, 'ok');
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.status]),
      [
        ['token_acquisition', 'pass'],
        ['app_roles', 'pass'],
        ['graph_reachability', 'pass'],
      ],
    );
    assert.deepEqual(report.operations?.inventory, { ready: true, missing: [] });
  });

  it('degraded when some roles are missing, naming them and the operations that need them', async () => {
    env.sim.setAppRoles(TENANT, APP, ['Organization.Read.All', 'User.Read.All']);
    try {
      const report = await verifyConnection(env.context());
      assert.equal(report.overall, 'degraded');
      assert.equal(report.reasonCode, 'permission_denied');
      const roles = byName(report, 'app_roles');
      assert.equal(roles.status, 'warn');
      assert.match(roles.message, /Group\.Read\.All/);
      assert.match(roles.message, /DeviceManagementManagedDevices\.Read\.All/);
      assert.ok(roles.nextSteps.some((s) => /DeviceManagementManagedDevices\.Read\.All \(needed for: inventory, compliance\)/.test(s)));
      assert.ok(roles.nextSteps.some((s) => /admin-consent link/.test(s)));
      assert.deepEqual(report.operations?.health, { ready: true, missing: [] });
      assert.deepEqual(report.operations?.compliance, { ready: false, missing: ['DeviceManagementManagedDevices.Read.All'] });
      assert.equal(byName(report, 'graph_reachability').status, 'pass');
    } finally {
      env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    }
  });

  it('counts higher-privileged roles as satisfying (Directory.Read.All covers users, groups, organization)', async () => {
    env.sim.setAppRoles(TENANT, APP, ['Directory.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All']);
    try {
      assert.equal((await verifyConnection(env.context())).overall, 'healthy');
    } finally {
      env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    }
  });

  it('blocked when no role is granted (consent missing)', async () => {
    env.sim.setAppRoles(TENANT, APP, []);
    try {
      const report = await verifyConnection(env.context());
      assert.equal(report.overall, 'blocked');
      assert.equal(report.reasonCode, 'permission_denied');
      assert.equal(byName(report, 'app_roles').status, 'fail');
      assert.equal(byName(report, 'graph_reachability').status, 'warn'); // reachable, but 403
    } finally {
      env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    }
  });

  it('blocked when the token cannot be had (consent required), with the other checks skipped', async () => {
    env.sim.setFailure({ endpoint: 'token', failure: { kind: 'aadsts', code: 90094 }, times: 1 });
    const report = await verifyConnection(env.context());
    assert.equal(report.overall, 'blocked');
    assert.equal(report.reasonCode, 'permission_denied');
    assert.deepEqual(
      report.checks.map((c) => c.status),
      ['fail', 'skip', 'skip'],
    );
    assert.ok(report.checks[0].nextSteps.length > 0);
  });

  it('error (not blocked) when Microsoft is unreachable', async () => {
    const remove = env.sim.setFailure({ endpoint: 'graph', failure: { kind: 'status', status: 503 } });
    try {
      const report = await verifyConnection(env.context());
      assert.equal(report.overall, 'error');
      assert.equal(report.reasonCode, 'dependency_unreachable');
      assert.equal(byName(report, 'graph_reachability').status, 'fail');
    } finally {
      remove();
    }
  });

  it('asks for a fresh token so roles granted a moment ago count', async () => {
    const ctx = env.context();
    env.sim.setAppRoles(TENANT, APP, ['Organization.Read.All']);
    await ctx.tokenClient.getToken(TENANT, secretCredential); // cached with one role
    env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    assert.equal((await verifyConnection(ctx)).overall, 'healthy');
  });

  it('blocked with invalid_state when Graph answers for another tenant than the connection names', async () => {
    env.sim.registerApp({ tenantId: OTHER_TENANT, clientId: APP, roles: ALL_ROLES });
    const ctx = env.context();
    // The token client is pointed at OTHER_TENANT while the connection claims TENANT.
    const tokenClient = { ...ctx.tokenClient, getToken: (_t: string, c: typeof secretCredential, o?: object) => ctx.tokenClient.getToken(OTHER_TENANT, c, o) };
    const report = await verifyConnection({ ...ctx, tokenClient });
    assert.equal(report.overall, 'blocked');
    assert.equal(report.reasonCode, 'invalid_state');
  });
});
