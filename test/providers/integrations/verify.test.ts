// Every provider + authType verified by the real adapter against the loopback simulators:
// valid → ok, rejected credential → authentication_failed, and each failure class of each server
// the adapter calls → its reason code. After every call: no secret in the result, no secret at
// any server the credential does not belong to, nothing at the redirect trap.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getProviderSpec } from '../../../src/providers/integrations/catalog.ts';
import type { VerifyContext } from '../../../src/providers/integrations/types.ts';
import { createOutboundClient } from '../../../src/providers/outbound/outbound-client.ts';
import type { ProviderCheckResult } from '../../../src/providers/reason-codes.ts';
import { startIntegrationSimulators } from '../../../src/simulators/integrations/index.ts';
import type { FailureMode, SimulatorTarget } from '../../../src/simulators/integrations/index.ts';
import { CANARY, cases, requestText } from './fixtures.ts';
import type { Case } from './fixtures.ts';

const sim = await startIntegrationSimulators();
const fetch = createOutboundClient({ allowPrivateNetworks: true });
const ctx: VerifyContext = { fetch, baseUrls: sim.baseUrls, timeoutMs: 5000 };
const hangCtx: VerifyContext = { ...ctx, timeoutMs: 200 };

after(async () => {
  await fetch.close();
  await sim.close();
});

function extName(c: Case): string {
  return c.provider === 'azuredevops' ? 'azure-devops' : c.provider;
}

function expected(c: Case, target: SimulatorTarget, mode: FailureMode): string {
  switch (mode) {
    case 'unauthorized':
      return 'authentication_failed';
    case 'forbidden':
      // Datadog's validate endpoint and Atlassian's token endpoint use 403 for a rejected credential.
      return target === 'datadog' || target === 'atlassian_auth' ? 'authentication_failed' : 'permission_denied';
    case 'throttled':
      return 'throttled';
    case 'server_error':
    case 'hang':
      return 'dependency_unreachable';
    case 'redirect':
      // Azure DevOps redirects a credential it does not accept to its sign-in page.
      return target === 'azure-devops' ? 'authentication_failed' : `ext.${extName(c)}.redirect_refused`;
    default:
      throw new Error(`no expectation for ${mode}`);
  }
}

async function run(c: Case, credentials: Record<string, unknown>, context = ctx): Promise<ProviderCheckResult> {
  sim.requests.length = 0;
  const outcome = await getProviderSpec(c.provider).verify({ authType: c.authType, credentials, config: c.config }, context);
  const json = JSON.stringify(outcome);
  assert.ok(!json.includes(CANARY), `a secret leaked into the result of ${c.name}: ${outcome.message}`);
  for (const value of c.secrets) assert.ok(!json.includes(value), `a secret leaked into the result of ${c.name}`);
  assert.equal(sim.requestsTo('trap').length, 0, 'a request reached the redirect target');
  for (const request of sim.requests) {
    const carried = requestText(request);
    for (const value of c.secrets) {
      if (carried.includes(value)) assert.ok(c.targets.includes(request.target as SimulatorTarget), `${c.name}: a secret was sent to ${request.target}`);
    }
  }
  assert.equal(typeof outcome.latencyMs, 'number');
  return outcome;
}

const allCases = cases(sim);

for (const c of allCases) {
  describe(`verify ${c.name}`, () => {
    test('valid credential → ok', async () => {
      sim.reset();
      c.accept(sim);
      const outcome = await run(c, c.credentials);
      assert.equal(outcome.reasonCode, 'ok', outcome.message);
      assert.deepEqual([...new Set(sim.requests.map((r) => r.target))], c.targets, 'the adapter called exactly the servers the credential belongs to');
    });

    test('rejected credential → authentication_failed', async () => {
      sim.reset();
      c.accept(sim);
      const outcome = await run(c, c.wrong);
      assert.equal(outcome.reasonCode, 'authentication_failed', outcome.message);
    });

    for (const target of c.targets) {
      for (const mode of ['unauthorized', 'forbidden', 'throttled', 'server_error', 'redirect', 'hang'] as const) {
        test(`${target} answers ${mode} → ${expected(c, target, mode)}`, async () => {
          sim.reset();
          c.accept(sim);
          sim.setFailure(target, mode);
          const outcome = await run(c, c.credentials, mode === 'hang' ? hangCtx : ctx);
          assert.equal(outcome.reasonCode, expected(c, target, mode), outcome.message);
          if (mode === 'throttled') {
            assert.equal(outcome.details?.retryAfter, '17');
            assert.equal(outcome.details?.retryAfterSeconds, 17);
          }
          if (mode === 'redirect') assert.equal(outcome.details?.httpStatus, 302);
        });
      }
    }
  });
}

describe('Azure DevOps only counts an exact 200', () => {
  const ado = () => allCases.find((c) => c.name === 'azure-devops pat')!;

  test('203 (sign-in page) → authentication_failed, not ok', async () => {
    sim.reset();
    ado().accept(sim);
    sim.setFailure('azure-devops', 'non_authoritative');
    const outcome = await run(ado(), ado().credentials);
    assert.equal(outcome.reasonCode, 'authentication_failed');
    assert.equal(outcome.details?.httpStatus, 203);
  });

  test('a PAT it does not know gets 203 from the simulator and fails', async () => {
    sim.reset();
    ado().accept(sim);
    const outcome = await run(ado(), ado().wrong);
    assert.equal(outcome.reasonCode, 'authentication_failed');
    assert.equal(outcome.details?.httpStatus, 203);
    assert.equal(sim.requestsTo('azure-devops').length, 1);
  });

  test('202 → not ok', async () => {
    sim.reset();
    ado().accept(sim);
    sim.setFailure('azure-devops', 'accepted');
    const outcome = await run(ado(), ado().credentials);
    assert.equal(outcome.reasonCode, 'ext.azure-devops.unexpected_status');
  });

  test('the PAT goes as Basic with an empty user name', async () => {
    sim.reset();
    ado().accept(sim);
    await run(ado(), ado().credentials);
    const auth = sim.requestsTo('azure-devops')[0].headers.authorization;
    assert.equal(Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString(), `:${String(ado().credentials.token)}`);
  });

  test('service principal: unknown tenant → ext.azure-devops.tenant_not_found', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'azure-devops service principal')!;
    c.accept(sim);
    const outcome = await run(c, { ...c.credentials, tenant_id: 'other-tenant' });
    assert.equal(outcome.reasonCode, 'ext.azure-devops.tenant_not_found');
    assert.equal(sim.requestsTo('azure-devops').length, 0, 'no organization call without a token');
  });

  test('service principal: the token request asks for the Azure DevOps scope', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'azure-devops service principal')!;
    c.accept(sim);
    await run(c, c.credentials);
    const form = new URLSearchParams(sim.requestsTo('entra')[0].body);
    assert.equal(form.get('scope'), '499b84ac-1321-427f-aa17-267ca6975798/.default');
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.match(sim.requestsTo('azure-devops')[0].headers.authorization, /^Bearer sim-entra-/);
  });
});

describe('provider-specific details', () => {
  test('Google: the key travels in x-goog-api-key, never in the URL', async () => {
    sim.reset();
    const c = allCases.find((x) => x.provider === 'ai_google')!;
    c.accept(sim);
    assert.equal((await run(c, c.credentials)).reasonCode, 'ok');
    const [request] = sim.requestsTo('ai_google');
    assert.equal(request.headers['x-goog-api-key'], c.credentials.api_key);
    assert.ok(!request.url.includes(String(c.credentials.api_key)));
  });

  test('Anthropic sends anthropic-version', async () => {
    sim.reset();
    const c = allCases.find((x) => x.provider === 'ai_anthropic')!;
    c.accept(sim);
    await run(c, c.credentials);
    assert.equal(sim.requestsTo('ai_anthropic')[0].headers['anthropic-version'], '2023-06-01');
  });

  test('GitHub: a wrong GitHub App id fails JWT verification → authentication_failed', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'github app (GET /app)')!;
    c.accept(sim);
    const outcome = await run(c, c.wrong);
    assert.equal(outcome.reasonCode, 'authentication_failed');
  });

  test('GitHub App: unknown installation → ext.github.installation_not_found', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'github app (installation token)')!;
    c.accept(sim);
    const outcome = await run(c, { ...c.credentials, installationId: 78 });
    assert.equal(outcome.reasonCode, 'ext.github.installation_not_found');
  });

  test('GitHub PAT: ok result names the login', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'github pat')!;
    c.accept(sim);
    const outcome = await run(c, c.credentials);
    assert.deepEqual(outcome.details, { login: 'octocat' });
  });

  test('New Relic EU region calls the EU host only', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'newrelic api_key (EU)')!;
    c.accept(sim);
    await run(c, c.credentials);
    assert.equal(sim.requestsTo('newrelic_eu').length, 1);
    assert.equal(sim.requestsTo('newrelic').length, 0);
  });

  test('Jira oauth: the client secret goes to the token endpoint only', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'jira oauth client credentials')!;
    c.accept(sim);
    await run(c, c.credentials);
    assert.ok(sim.requestsTo('atlassian_auth')[0].body.includes(String(c.credentials.client_secret)));
    assert.ok(!requestText(sim.requestsTo('atlassian_api')[0]).includes(String(c.credentials.client_secret)));
    assert.match(sim.requestsTo('atlassian_api')[0].url, /^\/ex\/jira\/cloud-1234\/rest\/api\/3\/myself$/);
  });

  test('Jira oauth: unknown cloud id → ext.jira.site_not_found', async () => {
    sim.reset();
    const c = allCases.find((x) => x.name === 'jira oauth client credentials')!;
    c.accept(sim);
    const outcome = await run(c, { ...c.credentials, cloud_id: 'cloud-0000' });
    assert.equal(outcome.reasonCode, 'ext.jira.site_not_found');
  });

  test('invalid input is answered as missing_configuration naming the field, without a call', async () => {
    sim.reset();
    const outcome = await getProviderSpec('jira').verify({ authType: 'basic_auth', credentials: { username: 'a', api_token: `x-${CANARY}` } }, ctx);
    assert.equal(outcome.reasonCode, 'missing_configuration');
    assert.equal(outcome.details?.field, 'credentials.base_url');
    assert.equal(sim.requests.length, 0);
    assert.ok(!JSON.stringify(outcome).includes(CANARY));
  });
});
