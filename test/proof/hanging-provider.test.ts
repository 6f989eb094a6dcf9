// Providers that never answer: Entra's token endpoint and GitHub hang (the simulators accept the
// connection and say nothing). With two worker slots, more hanging runs than slots plus normal
// runs are started together: every hanging run ends as failed / dependency_unreachable because the
// configured timeouts hold, the normal runs still succeed, no run is left queued or running, and
// the pool is whole afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { startEntraGraphSimulator, type EntraGraphSimulator } from '../../src/simulators/entra-graph/index.ts';
import { startIntegrationSimulators, type IntegrationSimulators } from '../../src/simulators/integrations/index.ts';

const APP = 'dddddddd-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SECRET = 'Dedicated~Hang.4mP9-Xc2wQe8RuIo1AsD5fGh7jK';
const ROLES = ['Organization.Read.All', 'User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All'];
const entraTenant = (n: number) => `${String(n).padStart(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`;

let t: TestRuntime;
let entra: EntraGraphSimulator;
let sims: IntegrationSimulators;
let owner: Api;
let ws: Awaited<ReturnType<typeof setupWorkspace>>;
let hanging: string[] = [];

before(async () => {
  entra = await startEntraGraphSimulator();
  sims = await startIntegrationSimulators();
  t = await startTestRuntime({
    env: {
      SWITCHBOARD_MS_AUTHORITY_HOST: entra.authorityHost,
      SWITCHBOARD_MS_GRAPH_BASE_URL: entra.graphBaseUrl,
      SWITCHBOARD_MS_TIMEOUT_MS: '1000',
      SWITCHBOARD_PROVIDER_BASE_URLS: JSON.stringify(sims.baseUrls),
      SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'true',
      SWITCHBOARD_OUTBOUND_TIMEOUT_MS: '1000',
      SWITCHBOARD_WORKER_CONCURRENCY: '2',
      SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS: '0',
    },
  });
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  ws = await setupWorkspace(vendor, 'Hang');
  owner = vendor.as(ws.ownerToken);
});
after(async () => {
  await t?.close();
  await entra?.close();
  await sims?.close();
});

async function dedicatedConnection(n: number) {
  entra.registerTenant({ tenantId: entraTenant(n), displayName: `Customer ${n}` });
  entra.registerApp({ clientId: APP, tenantId: entraTenant(n), clientSecret: SECRET, roles: ROLES });
  const r = await owner.post(
    `/admin/tenants/${ws.tenantSlug}/provider-connections`,
    {
      provider: 'microsoft',
      entra_tenant_id: entraTenant(n),
      display_name: `Customer ${n}`,
      is_default: false,
      connection_type: 'dedicated',
      dedicated_credential: { credential_kind: 'client_secret', client_id: APP, client_secret: SECRET },
    },
    { 'x-confirm': 'dedicated' },
  );
  assert.equal(r.status, 201, r.text);
  return r.body.uuid as string;
}

async function healthCheck(uuid: string): Promise<number> {
  const r = await owner.post(`/tenants/${ws.tenantId}/provider-connections/${uuid}/operations/health-check`);
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

async function verifyIntegration(id: string): Promise<number> {
  const r = await owner.post(`/sfp/api/integrations/${id}/verify`);
  assert.equal(r.status, 202, r.text);
  return r.body.run.id;
}

async function done(ids: number[], ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const runs = await Promise.all(ids.map(async (id) => (await owner.get(`/api/v1/operation-runs/${id}`)).body));
    if (runs.every((r) => r.status === 'completed')) return runs;
    if (Date.now() > end)
      throw new Error(`runs still open: ${JSON.stringify(runs.filter((r) => r.status !== 'completed').map((r) => [r.id, r.type, r.status]))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a provider that hangs', () => {
  test('hanging runs end as dependency_unreachable, normal runs beside them succeed, nothing stays running', async () => {
    hanging = await Promise.all([1, 2, 3].map(dedicatedConnection));
    const healthy = await dedicatedConnection(4);
    for (const uuid of hanging) assert.ok(uuid);
    // Entra's token endpoint never answers for the three hanging tenants.
    for (const n of [1, 2, 3]) entra.setFailure({ endpoint: 'token', tenantId: entraTenant(n), failure: { kind: 'hang' } });
    // GitHub never answers; OpenAI does.
    sims.setFailure('github', 'hang');
    sims.setValid('ai_openai', { api_key: 'sk-hang-test-0123456789' });
    const gh = await owner.post('/sfp/api/integrations', {
      provider: 'github',
      authType: 'pat',
      credentials: { token: 'ghp_hang_0123456789' },
      isGlobal: true,
    });
    assert.equal(gh.status, 201, gh.text);
    const ai = await owner.post('/sfp/api/integrations', {
      provider: 'ai_openai',
      authType: 'api_key',
      credentials: { api_key: 'sk-hang-test-0123456789' },
      isGlobal: true,
    });
    assert.equal(ai.status, 201, ai.text);

    // Four hanging runs for two worker slots, started first so they take the slots.
    const hangingRuns = [...(await Promise.all(hanging.map(healthCheck))), await verifyIntegration(gh.body.id)];
    const normalRuns = [await healthCheck(healthy), await verifyIntegration(ai.body.id)];
    const runs = await done([...hangingRuns, ...normalRuns]);
    const byId = new Map(runs.map((r) => [r.id, r]));
    for (const id of hangingRuns) {
      const r = byId.get(id)!;
      assert.deepEqual([r.outcome, r.reason_code], ['failed', 'dependency_unreachable'], `${r.type} ${JSON.stringify(r)}`);
    }
    for (const id of normalRuns) {
      const r = byId.get(id)!;
      assert.equal(r.outcome, 'succeeded', `${r.type} ${JSON.stringify(r)}`);
    }
    // The simulators really held the requests open (no shortcut made the runs fail early).
    assert.ok(entra.count('token', { tenantId: entraTenant(1) }) >= 1);
    assert.ok(sims.requests.some((r) => r.target === 'github'));
    const open = await t.rt.db.query(`SELECT count(*)::int AS n FROM operation_runs WHERE status IN ('queued', 'running')`);
    assert.equal(open[0].n, 0);
  });

  test('afterwards the pool is whole: both slots take new work while the provider still hangs', async () => {
    const more = await Promise.all([5, 6].map(dedicatedConnection));
    const ids = await Promise.all(more.map(healthCheck));
    const runs = await done(ids);
    assert.deepEqual(
      runs.map((r) => r.outcome),
      ['succeeded', 'succeeded'],
    );
    // and a hanging provider still times out the same way, next to a normal run
    const [again, normal] = await done([await healthCheck(hanging[0]), await healthCheck(more[0])]);
    assert.deepEqual([again.outcome, again.reason_code], ['failed', 'dependency_unreachable']);
    assert.equal(normal.outcome, 'succeeded');
  });

  test('no secret of these connections reached a log line', () => {
    for (const line of t.logs) {
      assert.ok(!line.includes(SECRET));
      assert.ok(!line.includes('ghp_hang_0123456789'));
      assert.ok(!line.includes('sk-hang-test-0123456789'));
    }
  });
});
