// Platform health building blocks: GitHub repository access (PAT, or App via installation
// lookup and installation token) and Azure DevOps connectiondata, against the simulators.
import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAzureDevOpsConnection, checkGithubRepoAccess } from '../../../src/providers/integrations/platform-health.ts';
import type { VerifyContext } from '../../../src/providers/integrations/types.ts';
import { createOutboundClient } from '../../../src/providers/outbound/outbound-client.ts';
import { startIntegrationSimulators } from '../../../src/simulators/integrations/index.ts';
import { APP_PRIVATE_KEY, APP_PUBLIC_KEY, CANARY } from './fixtures.ts';

const sim = await startIntegrationSimulators({ githubRepositories: ['acme/widgets', 'acme/gadgets'] });
const fetch = createOutboundClient({ allowPrivateNetworks: true });
const ctx: VerifyContext = { fetch, baseUrls: sim.baseUrls, timeoutMs: 5000 };
const PAT = `ghp-${CANARY}`;
const app = { appId: '4242', privateKey: APP_PRIVATE_KEY };

after(async () => {
  await fetch.close();
  await sim.close();
});

beforeEach(() => sim.reset());

function assertShape(result: Awaited<ReturnType<typeof checkGithubRepoAccess>>): void {
  assert.ok(result.status === 'healthy' || result.status === 'unhealthy');
  assert.equal(typeof result.message, 'string');
  assert.equal(typeof result.latencyMs, 'number');
  assert.ok(!JSON.stringify(result).includes(CANARY));
}

describe('checkGithubRepoAccess', () => {
  test('PAT with access → healthy', async () => {
    sim.setValid('github', { token: PAT });
    const result = await checkGithubRepoAccess({ token: PAT }, 'acme', 'widgets', ctx);
    assertShape(result);
    assert.equal(result.status, 'healthy');
    assert.equal(result.reasonCode, 'ok');
    assert.deepEqual(
      sim.requestsTo('github').map((r) => `${r.method} ${r.url}`),
      ['GET /repos/acme/widgets'],
    );
  });

  test('PAT, unknown repository → unhealthy ext.github.repository_not_found', async () => {
    sim.setValid('github', { token: PAT });
    const result = await checkGithubRepoAccess({ token: PAT }, 'acme', 'missing', ctx);
    assertShape(result);
    assert.equal(result.status, 'unhealthy');
    assert.equal(result.reasonCode, 'ext.github.repository_not_found');
  });

  test('PAT rejected → unhealthy authentication_failed', async () => {
    sim.setValid('github', { token: PAT });
    const result = await checkGithubRepoAccess({ token: `${PAT}-old` }, 'acme', 'widgets', ctx);
    assertShape(result);
    assert.equal(result.reasonCode, 'authentication_failed');
  });

  test('App: JWT → installation → installation token → repository', async () => {
    sim.setValid('github', { appId: '4242', publicKey: APP_PUBLIC_KEY, installationId: 77 });
    const result = await checkGithubRepoAccess(app, 'acme', 'gadgets', ctx);
    assertShape(result);
    assert.equal(result.status, 'healthy', result.message);
    const calls = sim.requestsTo('github');
    assert.deepEqual(
      calls.map((r) => `${r.method} ${r.url}`),
      ['GET /repos/acme/gadgets/installation', 'POST /app/installations/77/access_tokens', 'GET /repos/acme/gadgets'],
    );
    assert.match(calls[0].headers.authorization, /^Bearer eyJ/, 'the app authenticates with its JWT');
    assert.match(calls[2].headers.authorization, /^Bearer ghs_sim_/, 'the repository is read with the installation token');
  });

  test('App not installed on the repository → unhealthy ext.github.app_not_installed', async () => {
    sim.setValid('github', { appId: '4242', publicKey: APP_PUBLIC_KEY, installationId: 77, repositories: ['acme/widgets'] });
    const result = await checkGithubRepoAccess(app, 'acme', 'gadgets', ctx);
    assertShape(result);
    assert.equal(result.reasonCode, 'ext.github.app_not_installed');
    assert.equal(sim.requestsTo('github').length, 1);
  });

  test('App with a key GitHub does not know → authentication_failed', async () => {
    sim.setValid('github', { appId: '4242', publicKey: APP_PUBLIC_KEY, installationId: 77 });
    const result = await checkGithubRepoAccess({ ...app, appId: '1' }, 'acme', 'widgets', ctx);
    assert.equal(result.reasonCode, 'authentication_failed');
  });

  test('GitHub throttling → unhealthy throttled with Retry-After', async () => {
    sim.setValid('github', { token: PAT });
    sim.setFailure('github', 'throttled');
    const result = await checkGithubRepoAccess({ token: PAT }, 'acme', 'widgets', ctx);
    assert.equal(result.reasonCode, 'throttled');
    assert.equal(result.details?.retryAfterSeconds, 17);
  });

  test('owner/repo that are not GitHub names are refused without a call', async () => {
    for (const [owner, repo] of [
      ['..', 'x'],
      ['acme', '../../user'],
      ['a/b', 'c'],
      ['acme', ''],
    ]) {
      const result = await checkGithubRepoAccess({ token: PAT }, owner, repo, ctx);
      assert.equal(result.reasonCode, 'missing_configuration');
    }
    assert.equal(sim.requests.length, 0);
  });

  test('credentials of neither shape → missing_configuration naming the field', async () => {
    const result = await checkGithubRepoAccess({ appId: '1' }, 'acme', 'widgets', ctx);
    assert.equal(result.reasonCode, 'missing_configuration');
    assert.equal(result.details?.field, 'credentials.privateKey');
  });
});

describe('checkAzureDevOpsConnection', () => {
  const org = () => `${sim.baseUrls['azure-devops']}/acme`;
  const sp = () => ({
    organization_url: org(),
    client_id: 'c1',
    client_secret: `sec-${CANARY}`,
    tenant_id: 'contoso',
    entra_authority_url: sim.baseUrls.entra,
  });

  test('service principal → healthy', async () => {
    sim.setValid('azure-devops', sp());
    const result = await checkAzureDevOpsConnection(sp(), ctx);
    assertShape(result);
    assert.equal(result.status, 'healthy', result.message);
    assert.deepEqual(
      sim.requests.map((r) => r.target),
      ['entra', 'azure-devops'],
    );
  });

  test('PAT → healthy', async () => {
    sim.setValid('azure-devops', { token: `pat-${CANARY}` });
    const result = await checkAzureDevOpsConnection({ organization_url: org(), token: `pat-${CANARY}` }, ctx);
    assert.equal(result.status, 'healthy');
  });

  test('203 from connectiondata → unhealthy authentication_failed', async () => {
    sim.setValid('azure-devops', sp());
    sim.setFailure('azure-devops', 'non_authoritative');
    const result = await checkAzureDevOpsConnection(sp(), ctx);
    assertShape(result);
    assert.equal(result.status, 'unhealthy');
    assert.equal(result.reasonCode, 'authentication_failed');
  });

  test('wrong client secret → unhealthy authentication_failed, organization never called', async () => {
    sim.setValid('azure-devops', sp());
    const result = await checkAzureDevOpsConnection({ ...sp(), client_secret: `other-${CANARY}` }, ctx);
    assertShape(result);
    assert.equal(result.reasonCode, 'authentication_failed');
    assert.equal(sim.requestsTo('azure-devops').length, 0);
  });

  test('Entra unreachable → unhealthy dependency_unreachable', async () => {
    sim.setValid('azure-devops', sp());
    sim.setFailure('entra', 'server_error');
    const result = await checkAzureDevOpsConnection(sp(), ctx);
    assert.equal(result.reasonCode, 'dependency_unreachable');
  });

  test('missing organization URL → missing_configuration', async () => {
    const result = await checkAzureDevOpsConnection({ token: 'x' }, ctx);
    assert.equal(result.reasonCode, 'missing_configuration');
    assert.equal(sim.requests.length, 0);
  });
});
