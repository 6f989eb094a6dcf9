// GET /sfp/api/integrations/platforms/health with the server's built-in GitHub App
// (SWITCHBOARD_GITHUB_APP_*), against the simulated GitHub: `initializing` while its token cache
// warms at start, then the fallback for GitHub projects of a workspace without a GitHub
// integration (a workspace's own integration wins), the token cache, a revoked App, a key GitHub
// does not know; and who may call the route (any principal of the workspace, only its view).
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace } from '../../helpers/api.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { APP_PRIVATE_KEY, APP_PUBLIC_KEY } from '../../providers/integrations/fixtures.ts';
import { checked, type IntegrationsWorld, registerProjects, startWorld } from './helpers.ts';

const URL = '/sfp/api/integrations/platforms/health';
const APP = { appId: '4242', publicKey: APP_PUBLIC_KEY, installationId: 77 };
const PAT = 'ghp_own_integration_0123456789';
const APP_ENV = { SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: APP_PRIVATE_KEY };
const KEY_BODY = APP_PRIVATE_KEY.split('\n')[1];

type Entry = { project: string; provider: string; status: string; message: string; reasonCode?: string; integrationId?: string; latency?: number };
const byProject = (body: { platforms: Entry[] }): Record<string, Entry> => Object.fromEntries(body.platforms.map((p) => [p.project, p]));
const calls = (w: IntegrationsWorld) => w.sim.requestsTo('github').map((r) => `${r.method} ${r.url}`);
const accepted = (w: IntegrationsWorld) => waitFor(async () => w.t.logs.some((l) => l.includes('built-in GitHub App accepted by GitHub')));

describe('the built-in GitHub App', () => {
  let w: IntegrationsWorld;
  before(async () => {
    w = await startWorld({
      githubRepositories: ['acme/widgets', 'acme/gadgets'],
      env: { ...APP_ENV, SWITCHBOARD_INTEGRATIONS_HEALTH_TIMEOUT_MS: '5000' },
      // GitHub is slow to answer the warm-up's GET /app: exactly as long as the first test needs.
      beforeStart: (sim) => {
        sim.setValid('github', APP);
        sim.hold('github');
      },
    });
    await registerProjects(w.owner, [
      { identifier: 'acme/widgets', platform: 'github' },
      { identifier: 'acme/elsewhere', platform: 'github' },
    ]);
  });
  after(() => w.close());

  test('right after the start, while its token cache warms: initializing, without waiting for GitHub', async () => {
    await waitFor(async () => calls(w).length > 0);
    assert.deepEqual(calls(w), ['GET /app'], 'the warm-up asked GitHub at start');
    const res = await w.owner.get(URL);
    assert.equal(res.status, 200);
    const p = byProject(res.body);
    assert.equal(p['acme/widgets'].status, 'initializing');
    assert.equal(p['acme/widgets'].provider, 'github');
    assert.match(p['acme/widgets'].message, /token cache is still warming up .* within 60 s/);
    assert.equal(p['acme/elsewhere'].status, 'initializing');
    assert.equal(res.body.status, 'unhealthy', 'no project is healthy yet');
    assert.deepEqual(calls(w), ['GET /app'], 'nothing else was sent while warming');

    w.sim.release('github');
    await accepted(w);
    const warm = byProject((await w.owner.get(URL)).body);
    assert.equal(warm['acme/widgets'].status, 'healthy', warm['acme/widgets'].message);
    assert.ok(calls(w).includes('POST /app/installations/77/access_tokens'));
  });

  test('no GitHub integration in the workspace: the built-in App checks the repository', async () => {
    w.sim.requests.length = 0;
    const res = await w.owner.get(URL);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'degraded');
    const p = byProject(res.body);
    assert.equal(p['acme/widgets'].status, 'healthy', p['acme/widgets'].message);
    assert.equal(p['acme/widgets'].provider, 'github');
    assert.match(p['acme/widgets'].message, /^built-in GitHub App \(server configuration\): repository acme\/widgets is accessible$/);
    assert.equal(typeof p['acme/widgets'].latency, 'number');
    assert.equal(p['acme/widgets'].integrationId, undefined, 'no integration of the workspace was used');
    assert.equal(p['acme/elsewhere'].status, 'unhealthy');
    assert.equal(p['acme/elsewhere'].reasonCode, 'ext.github.app_not_installed');
    // The cached installation token from the warm check above is reused: no new access token.
    assert.deepEqual(calls(w).sort(), ['GET /repos/acme/elsewhere/installation', 'GET /repos/acme/widgets', 'GET /repos/acme/widgets/installation']);
    assert.ok(!res.text.includes(KEY_BODY) && !res.text.includes('ghs_'), 'no key and no installation token in the answer');
  });

  test('the installation token is minted once, then taken from the cache', async () => {
    w.sim.requests.length = 0;
    for (let i = 0; i < 3; i++) assert.equal(byProject((await w.owner.get(`${URL}?project=acme/widgets`)).body)['acme/widgets'].status, 'healthy');
    assert.equal(calls(w).filter((c) => c === 'GET /repos/acme/widgets').length, 3);
    assert.equal(calls(w).filter((c) => c.startsWith('POST /app/installations/')).length, 0, 'the token of the first check is reused');
    assert.equal(calls(w).filter((c) => c === 'GET /app').length, 0, 'the App is not verified again once GitHub accepted it');
  });

  test("a workspace's own GitHub integration is used instead of the built-in App", async () => {
    w.sim.setValid('github', { token: PAT });
    const own = await w.owner.post('/sfp/api/integrations', { provider: 'github', authType: 'pat', credentials: { token: PAT }, projects: ['acme/widgets'] });
    assert.equal(own.status, 201, own.text);
    w.sim.requests.length = 0;
    const res = await w.owner.get(`${URL}?project=acme/widgets`);
    const entry = res.body.platforms[0] as Entry;
    assert.equal(entry.status, 'healthy', entry.message);
    assert.equal(entry.integrationId, own.body.id);
    assert.doesNotMatch(entry.message, /built-in/);
    assert.deepEqual(calls(w), ['GET /repos/acme/widgets']);
    assert.equal(w.sim.requestsTo('github')[0].headers.authorization, `Bearer ${PAT}`);
    // A GitHub default of the workspace also comes before the built-in App.
    const fallback = await w.owner.post('/sfp/api/integrations', {
      provider: 'github',
      authType: 'pat',
      credentials: { token: PAT },
      isGlobal: true,
      isDefault: true,
    });
    assert.equal(fallback.status, 201, fallback.text);
    const elsewhere = (await w.owner.get(`${URL}?project=acme/elsewhere`)).body.platforms[0] as Entry;
    assert.equal(elsewhere.integrationId, fallback.body.id);
    assert.equal(elsewhere.reasonCode, 'ext.github.repository_not_found');
    assert.equal((await w.owner.delete(`/sfp/api/integrations/${own.body.id}`)).status, 204);
    assert.equal((await w.owner.delete(`/sfp/api/integrations/${fallback.body.id}`)).status, 204);
  });

  test('an App GitHub no longer accepts (revoked, key rotated at GitHub): unhealthy, authentication_failed', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' }) as string;
    w.sim.setValid('github', { publicKey: other });
    try {
      const entry = (await w.owner.get(`${URL}?project=acme/widgets`)).body.platforms[0] as Entry;
      assert.equal(entry.status, 'unhealthy');
      assert.equal(entry.reasonCode, 'authentication_failed');
      assert.match(entry.message, /^built-in GitHub App \(server configuration\): GitHub rejected the credential$/);
    } finally {
      w.sim.setValid('github', APP);
    }
  });

  test('any principal of the workspace may call it: an application token without any capability', async () => {
    const bare = await w.appToken([]);
    const res = await w.owner.as(bare).get(URL);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.platforms.map((p: Entry) => p.project).sort(), ['acme/elsewhere', 'acme/widgets']);
    // Its project narrowing still applies.
    const narrowed = w.owner.as(await w.appToken([], { projects: ['acme/widgets'] }));
    assert.deepEqual(
      (await narrowed.get(URL)).body.platforms.map((p: Entry) => p.project),
      ['acme/widgets'],
    );
    assert.equal((await narrowed.get(`${URL}?project=acme/elsewhere`)).status, 403);
    for (const role of ['viewer', 'operator', 'admin']) assert.equal((await w.owner.as(await w.token(role)).get(URL)).status, 200, role);
  });

  test("another workspace's application token sees only its own workspace's projects", async () => {
    const other = await setupWorkspace(apiClient(w.t.rt.app!, w.t.vendorToken), 'Beta');
    const beta = checked(apiClient(w.t.rt.app!, other.ownerToken));
    await registerProjects(beta, [{ identifier: 'beta/tools', platform: 'github' }]);
    const made = await beta.post(`/api/v1/workspaces/${other.workspaceId}/tokens`, { name: 'beta-app', capabilities: [] });
    assert.equal(made.status, 201, made.text);
    const betaApp = beta.as(made.body.token);
    const res = await betaApp.get(URL);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.platforms.map((p: Entry) => [p.project, p.reasonCode]),
      [['beta/tools', 'ext.github.app_not_installed']],
    );
    assert.equal((await betaApp.get(`${URL}?project=acme/widgets`)).status, 404, "the first workspace's project does not exist for it");
    assert.ok(!(await w.owner.get(URL)).body.platforms.some((p: Entry) => p.project === 'beta/tools'));
  });

  test('without a valid bearer token: 401', async () => {
    const anonymous = checked(apiClient(w.t.rt.app!));
    assert.equal((await anonymous.get(URL)).status, 401);
    assert.equal((await anonymous.as('sbt_not-a-token-at-all-0123456789abcdef').get(URL)).status, 401);
  });

  test('the key never reaches a log line', () => {
    assert.ok(!w.t.logs.some((l) => l.includes(KEY_BODY)));
  });
});

describe('a built-in App key GitHub does not know', () => {
  let w: IntegrationsWorld;
  before(async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    w = await startWorld({
      env: { SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: stranger },
      beforeStart: (sim) => sim.setValid('github', APP),
    });
    await registerProjects(w.owner, [{ identifier: 'acme/widgets', platform: 'github' }]);
  });
  after(() => w.close());

  test('GET /app refuses it: unhealthy, authentication_failed, and it is asked again on the next check', async () => {
    await waitFor(async () => w.t.logs.some((l) => l.includes('built-in GitHub App not accepted by GitHub')));
    w.sim.requests.length = 0;
    const res = await w.owner.get(URL);
    assert.equal(res.body.status, 'unhealthy');
    const entry = res.body.platforms[0] as Entry;
    assert.deepEqual([entry.provider, entry.status, entry.reasonCode], ['github', 'unhealthy', 'authentication_failed']);
    assert.deepEqual(calls(w), ['GET /app'], 'a refusal is not cached: GitHub was asked again, and nothing else was tried');
  });
});
