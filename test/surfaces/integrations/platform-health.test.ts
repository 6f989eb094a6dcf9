// GET /sfp/api/integrations/platforms/health against the simulated GitHub and Azure DevOps:
// per-project status through the one resolution rule, overall status, the single-project mode,
// the per-check timeout, bounded concurrency, and who may call it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mapBounded, overallStatus } from '../../../src/core/integrations/platform-health.ts';
import { type Api, apiClient, setupWorkspace } from '../../helpers/api.ts';
import { APP_PRIVATE_KEY, APP_PUBLIC_KEY } from '../../providers/integrations/fixtures.ts';
import { checked, type IntegrationsWorld, registerProjects, startWorld } from './helpers.ts';

let w: IntegrationsWorld;
let owner: Api;
const URL = '/sfp/api/integrations/platforms/health';
const PAT = 'ghp_health_pat_0123456789';
const SP = { client_id: 'ado-client', client_secret: 'ado-secret-0123456789', tenant_id: 'contoso.onmicrosoft.com' };

function accept() {
  w.sim.reset();
  w.sim.setValid('github', { token: PAT, appId: '4242', publicKey: APP_PUBLIC_KEY, installationId: 77 });
  w.sim.setValid('azure-devops', SP);
}

before(async () => {
  w = await startWorld({
    githubRepositories: ['acme/widgets', 'acme/gadgets'],
    env: { SWITCHBOARD_INTEGRATIONS_HEALTH_TIMEOUT_MS: '2000', SWITCHBOARD_OUTBOUND_TIMEOUT_MS: '10000' },
  });
  owner = w.owner;
  accept();
  await registerProjects(owner, [
    { identifier: 'acme/widgets', platform: 'github' },
    { identifier: 'acme/gadgets', platform: 'github' },
    { identifier: 'acme/missing', platform: 'github' },
    { identifier: 'acme/ops/infra', platform: 'azure-devops' },
  ]);
  const post = async (body: object) => {
    const res = await owner.post('/sfp/api/integrations', body);
    assert.equal(res.status, 201, res.text);
  };
  await post({ provider: 'github', authType: 'pat', credentials: { token: PAT }, isGlobal: true, isDefault: true });
  await post({ provider: 'github', authType: 'app', credentials: { appId: '4242', privateKey: APP_PRIVATE_KEY }, projects: ['acme/gadgets'] });
});
after(() => w.close());

const byProject = (body: { platforms: Array<Record<string, any>> }): Record<string, Record<string, any>> =>
  Object.fromEntries(body.platforms.map((p) => [p.project, p]));

describe('platform health', () => {
  test('every registered project: healthy, unhealthy and not configured; overall degraded', async () => {
    accept();
    const res = await owner.get(URL);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'degraded');
    assert.ok(!Number.isNaN(Date.parse(res.body.timestamp)));
    const p = byProject(res.body);
    assert.equal(p['acme/widgets'].status, 'healthy', p['acme/widgets'].message);
    assert.equal(p['acme/widgets'].provider, 'github');
    assert.equal(typeof p['acme/widgets'].latency, 'number');
    assert.equal(p['acme/gadgets'].status, 'healthy', 'the project-scoped GitHub App wins over the default PAT');
    assert.deepEqual(
      w.sim
        .requestsTo('github')
        .filter((r) => r.url.includes('gadgets'))
        .map((r) => r.url),
      ['/repos/acme/gadgets/installation', '/repos/acme/gadgets'],
    );
    assert.equal(p['acme/missing'].status, 'unhealthy');
    assert.equal(p['acme/missing'].reasonCode, 'ext.github.repository_not_found');
    assert.equal(p['acme/ops/infra'].status, 'not_configured');
    assert.equal(p['acme/ops/infra'].provider, 'none');
    assert.ok(!res.text.includes(PAT) && !res.text.includes('BEGIN'), 'no secret in the answer');
  });

  test('Azure DevOps service principal: token from Entra, then connectiondata; a single project', async () => {
    accept();
    const ado = await owner.post('/sfp/api/integrations', {
      provider: 'azure-devops',
      authType: 'service_principal',
      credentials: { organization_url: `${w.sim.baseUrls['azure-devops']}/acme`, entra_authority_url: w.sim.baseUrls.entra, ...SP },
      isGlobal: true,
      isDefault: true,
    });
    assert.equal(ado.status, 201, ado.text);
    const res = await owner.get(`${URL}?project=acme/ops/infra`);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'healthy');
    assert.equal(res.body.platforms.length, 1);
    assert.equal(res.body.platforms[0].provider, 'azure-devops');
    assert.equal(res.body.platforms[0].status, 'healthy', res.body.platforms[0].message);
    assert.deepEqual(
      w.sim.requestsTo('azure-devops').map((r) => r.url),
      ['/acme/_apis/connectiondata'],
    );
    w.sim.setFailure('entra', 'unauthorized');
    const down = await owner.get(`${URL}?project=acme/ops/infra`);
    assert.equal(down.body.status, 'unhealthy');
    assert.equal(down.body.platforms[0].reasonCode, 'authentication_failed');
    await owner.delete(`/sfp/api/integrations/${ado.body.id}`);
  });

  test('an unknown project is 404', async () => {
    const res = await owner.get(`${URL}?project=acme/nope`);
    assert.equal(res.status, 404);
    assert.equal(res.body.message, "Project 'acme/nope' not found");
  });

  test('a check that does not answer is cut off by the per-check timeout', async () => {
    accept();
    w.sim.setFailure('github', 'hang');
    const res = await owner.get(`${URL}?project=acme/widgets`);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'unhealthy');
    assert.equal(res.body.platforms[0].status, 'unhealthy');
    assert.equal(res.body.platforms[0].message, 'the health check did not finish within 2000 ms');
  });

  test('GitHub OAuth App credentials cannot read repositories: unhealthy, no call', async () => {
    accept();
    await registerProjects(owner, [{ identifier: 'acme/oauth', platform: 'github' }]);
    const res0 = await owner.post('/sfp/api/integrations', {
      provider: 'github',
      authType: 'oauth',
      credentials: { client_id: 'Iv1.x', client_secret: 'oauth-secret-value' },
      projects: ['acme/oauth'],
    });
    assert.equal(res0.status, 201);
    const res = await owner.get(`${URL}?project=acme/oauth`);
    assert.equal(res.body.platforms[0].status, 'unhealthy');
    assert.equal(res.body.platforms[0].reasonCode, 'missing_configuration');
    assert.equal(w.sim.requestsTo('github').length, 0);
  });

  test('any role and any application token may check (no capability needed); a narrowed token sees only its projects', async () => {
    accept();
    const viewer = owner.as(await w.token('viewer'));
    assert.equal((await viewer.get(`${URL}?project=acme/widgets`)).status, 200);
    const app = owner.as(await w.appToken([], { projects: ['acme/widgets'] }));
    const res = await app.get(URL);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.platforms.map((p: { project: string }) => p.project),
      ['acme/widgets'],
    );
    assert.equal((await app.get(`${URL}?project=acme/gadgets`)).status, 403);
    const other = owner.as(await w.appToken(['integrations.view']));
    assert.equal((await other.get(URL)).status, 200);
  });

  test('a workspace without projects is healthy with no platforms; other workspaces do not see ours', async () => {
    const other = await setupWorkspace(apiClient(w.t.rt.app!, w.t.vendorToken), 'Empty');
    const them = checked(apiClient(w.t.rt.app!, other.ownerToken));
    const res = await them.get(URL);
    assert.deepEqual({ status: res.body.status, platforms: res.body.platforms }, { status: 'healthy', platforms: [] });
    assert.equal((await them.get(`${URL}?project=acme/widgets`)).status, 404);
  });
});

describe('building blocks', () => {
  test('overall status', () => {
    const p = (status: 'healthy' | 'unhealthy' | 'not_configured') => ({ provider: 'github' as const, project: 'a/b', status, message: '' });
    assert.equal(overallStatus([p('healthy'), p('healthy')]), 'healthy');
    assert.equal(overallStatus([p('healthy'), p('not_configured')]), 'degraded');
    assert.equal(overallStatus([p('unhealthy'), p('not_configured')]), 'unhealthy');
  });

  test('mapBounded keeps at most `limit` checks in flight and keeps the order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      for (let i = 0; i < n; i++) await Promise.resolve();
      inFlight--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0, 60]);
    assert.equal(peak, 3);
  });
});
