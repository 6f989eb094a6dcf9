// The shared key-check preamble (src/providers/integrations/key-check.ts): for each adapter built
// on it, a base URL that is not usable is `missing_configuration` naming the field to fix, and
// nothing is sent; a usable one is where the one request goes (API suffixes stripped).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getProviderSpec, type IntegrationProvider } from '../../../src/providers/integrations/index.ts';
import type { OutboundRequestFn, OutboundResponse } from '../../../src/providers/outbound/outbound-client.ts';

const KEY = 'k-0123456789abcdef';
const cases: Array<{
  provider: IntegrationProvider;
  authType: string;
  credentials: Record<string, unknown>;
  config?: Record<string, unknown>;
  broken: Record<string, string>;
  field: string;
}> = [
  { provider: 'ai_anthropic', authType: 'api_key', credentials: { api_key: KEY }, broken: { ai_anthropic: 'ftp://x.test' }, field: 'baseUrls.ai_anthropic' },
  { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: KEY }, broken: { ai_openai: 'not a url' }, field: 'baseUrls.ai_openai' },
  { provider: 'ai_google', authType: 'api_key', credentials: { api_key: KEY }, broken: { ai_google: 'https://x.test/?q=1' }, field: 'baseUrls.ai_google' },
  {
    provider: 'ai_amazon_bedrock',
    authType: 'api_key',
    credentials: { bearer_token: KEY, region: 'us-east-1' },
    broken: { ai_amazon_bedrock: 'https://u:p@bedrock.{region}.test' },
    field: 'baseUrls.ai_amazon_bedrock',
  },
  {
    provider: 'ai_github_copilot',
    authType: 'pat',
    credentials: { token: KEY },
    broken: { ai_github_copilot: 'ftp://x.test' },
    field: 'baseUrls.ai_github_copilot',
  },
  { provider: 'github_packages', authType: 'pat', credentials: { token: KEY }, broken: { github_packages: 'ftp://x.test' }, field: 'baseUrls.github_packages' },
  { provider: 'datadog', authType: 'api_key', credentials: { api_key: KEY }, broken: { datadog: 'ftp://api.{site}' }, field: 'config.site' },
  {
    provider: 'newrelic',
    authType: 'api_key',
    credentials: { api_key: KEY },
    config: { region: 'EU' },
    broken: { newrelic_eu: 'ftp://x.test' },
    field: 'baseUrls.newrelic_eu',
  },
  { provider: 'npm', authType: 'pat', credentials: { token: KEY }, broken: { npm: 'ftp://x.test' }, field: 'credentials.registry_url' },
  { provider: 'gitlab', authType: 'pat', credentials: { token: KEY }, broken: { gitlab: 'ftp://x.test' }, field: 'credentials.base_url' },
];

function recorder() {
  const urls: string[] = [];
  const body = { username: 'ops', valid: true };
  const fetch: OutboundRequestFn = async (target) => {
    const url = String(target);
    urls.push(url);
    const answer: OutboundResponse = { url, status: 200, headers: new Headers(), text: JSON.stringify(body), truncated: false, json: <T>() => body as T };
    return answer;
  };
  return { urls, fetch };
}

describe('key-check adapters', () => {
  for (const c of cases) {
    test(`${c.provider}: an unusable base URL is missing_configuration (${c.field}), nothing sent`, async () => {
      const { urls, fetch } = recorder();
      const r = await getProviderSpec(c.provider).verify(
        { authType: c.authType, credentials: c.credentials, config: c.config },
        { fetch, baseUrls: c.broken, timeoutMs: 1000 },
      );
      assert.equal(r.reasonCode, 'missing_configuration');
      assert.equal(r.details?.field, c.field);
      assert.deepEqual(urls, []);
      assert.doesNotMatch(JSON.stringify(r), new RegExp(KEY));
    });
  }

  test('the base URL given with the integration wins, and a pasted API suffix is stripped', async () => {
    const { urls, fetch } = recorder();
    const ctx = { fetch, baseUrls: { gitlab: 'https://gitlab.example.test', npm: 'https://registry.example.test' }, timeoutMs: 1000 };
    await getProviderSpec('gitlab').verify({ authType: 'pat', credentials: { token: KEY, base_url: 'https://git.acme.test/api/v4/' } }, ctx);
    await getProviderSpec('gitlab').verify({ authType: 'pat', credentials: { token: KEY } }, ctx);
    await getProviderSpec('npm').verify({ authType: 'pat', credentials: { token: KEY, registry_url: 'https://npm.acme.test/r' } }, ctx);
    await getProviderSpec('jfrog').verify({ authType: 'bearer', credentials: { token: KEY, base_url: 'https://acme.jfrog.test/artifactory' } }, ctx);
    await getProviderSpec('splunk').verify({ authType: 'api_key', credentials: { api_key: KEY }, config: { host: 'https://hec.acme.test:8088' } }, ctx);
    await getProviderSpec('datadog').verify(
      { authType: 'api_key', credentials: { api_key: KEY }, config: { site: 'app.datadoghq.eu' } },
      { ...ctx, baseUrls: {} },
    );
    assert.deepEqual(urls, [
      'https://git.acme.test/api/v4/user',
      'https://gitlab.example.test/api/v4/user',
      'https://npm.acme.test/r/-/whoami',
      'https://acme.jfrog.test/artifactory/api/system/ping',
      'https://hec.acme.test:8088/services/collector/health',
      'https://api.datadoghq.eu/api/v1/validate',
    ]);
  });
});
