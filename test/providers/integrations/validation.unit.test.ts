// Credential and config shapes: every provider + authType accepts its documented shape, and a
// missing, wrong or unknown field is answered with that field's name and never with its value.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTH_TYPES, PROVIDERS, categoryOf, getProviderSpec, secretFieldsOf, validateIntegrationInput } from '../../../src/providers/integrations/catalog.ts';
import type { IntegrationAuthType, IntegrationProvider } from '../../../src/providers/integrations/catalog.ts';
import { APP_PRIVATE_KEY, CANARY } from './fixtures.ts';

const CONTRACT_PROVIDERS = [
  'github',
  'azuredevops',
  'jfrog',
  'gitlab',
  'npm',
  'github_packages',
  'jira',
  'azure-devops',
  'ai_anthropic',
  'ai_openai',
  'ai_google',
  'ai_github_copilot',
  'ai_amazon_bedrock',
  'datadog',
  'newrelic',
  'splunk',
];
const CONTRACT_AUTH_TYPES = ['pat', 'oauth', 'app', 'basic', 'basic_auth', 'oauth_client_credentials', 'service_principal', 'api_key', 'bearer'];

const secret = `s3cret-${CANARY}`;
const ORG = 'https://dev.azure.com/acme';

/** The documented example of every provider + authType. */
const EXAMPLES: Array<{
  provider: IntegrationProvider;
  authType: IntegrationAuthType;
  credentials: Record<string, unknown>;
  config?: Record<string, unknown>;
}> = [
  { provider: 'github', authType: 'pat', credentials: { token: secret } },
  { provider: 'github', authType: 'app', credentials: { appId: '123456', privateKey: APP_PRIVATE_KEY } },
  { provider: 'github', authType: 'oauth', credentials: { client_id: 'Iv1.abc', client_secret: secret } },
  { provider: 'azuredevops', authType: 'pat', credentials: { organization_url: ORG, token: secret } },
  { provider: 'azure-devops', authType: 'pat', credentials: { organization_url: ORG, token: secret } },
  {
    provider: 'azure-devops',
    authType: 'service_principal',
    credentials: {
      organization_url: ORG,
      client_id: 'c1',
      client_secret: secret,
      tenant_id: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      entra_authority_url: 'https://login.microsoftonline.com',
    },
  },
  { provider: 'jira', authType: 'basic_auth', credentials: { base_url: 'https://company.atlassian.net', username: 'ops@example.com', api_token: secret } },
  { provider: 'jira', authType: 'basic', credentials: { base_url: 'https://company.atlassian.net', username: 'ops@example.com', api_token: secret } },
  {
    provider: 'jira',
    authType: 'oauth_client_credentials',
    credentials: { client_id: 'c1', client_secret: secret, cloud_id: '11223344-aaaa-bbbb-cccc-1234567890ab' },
  },
  { provider: 'gitlab', authType: 'pat', credentials: { token: secret, base_url: 'https://gitlab.example.com' } },
  { provider: 'jfrog', authType: 'bearer', credentials: { base_url: 'https://acme.jfrog.io', token: secret } },
  { provider: 'jfrog', authType: 'pat', credentials: { base_url: 'https://acme.jfrog.io', token: secret } },
  { provider: 'jfrog', authType: 'api_key', credentials: { base_url: 'https://acme.jfrog.io', api_key: secret } },
  { provider: 'npm', authType: 'pat', credentials: { token: secret, registry_url: 'https://registry.npmjs.org' } },
  { provider: 'npm', authType: 'bearer', credentials: { token: secret } },
  { provider: 'github_packages', authType: 'pat', credentials: { token: secret } },
  { provider: 'ai_anthropic', authType: 'api_key', credentials: { api_key: secret } },
  { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: secret } },
  { provider: 'ai_google', authType: 'api_key', credentials: { api_key: secret } },
  { provider: 'ai_github_copilot', authType: 'oauth', credentials: { token: secret } },
  { provider: 'ai_github_copilot', authType: 'pat', credentials: { token: secret } },
  { provider: 'ai_amazon_bedrock', authType: 'bearer', credentials: { bearer_token: secret, region: 'us-east-1' } },
  { provider: 'ai_amazon_bedrock', authType: 'api_key', credentials: { bearer_token: secret, region: 'us-gov-west-1' } },
  { provider: 'datadog', authType: 'api_key', credentials: { api_key: secret }, config: { site: 'datadoghq.com' } },
  { provider: 'newrelic', authType: 'api_key', credentials: { api_key: secret }, config: { region: 'US' } },
  { provider: 'splunk', authType: 'api_key', credentials: { api_key: secret }, config: { host: 'https://input-prd-xxx.cloud.splunk.com:8088' } },
];

function assertRejects(result: ReturnType<typeof validateIntegrationInput>, field: string): void {
  assert.equal(result.ok, false, `expected ${field} to be rejected`);
  if (result.ok) return;
  assert.equal(result.field, field);
  assert.ok(result.message.includes(field), `message "${result.message}" does not name ${field}`);
  assert.ok(!result.message.includes(CANARY), 'the message echoes a submitted value');
}

describe('catalog', () => {
  test('providers and auth types are exactly the contract enums', () => {
    assert.deepEqual([...PROVIDERS], CONTRACT_PROVIDERS);
    assert.deepEqual([...AUTH_TYPES], CONTRACT_AUTH_TYPES);
  });

  test('every provider has a spec and every auth type is used by some provider', () => {
    const used = new Set<string>();
    for (const provider of PROVIDERS) {
      const spec = getProviderSpec(provider);
      assert.equal(spec.provider, provider);
      assert.ok(spec.displayName.length > 0);
      assert.equal(typeof spec.verify, 'function');
      for (const [authType, shape] of Object.entries(spec.authTypes)) {
        used.add(authType);
        assert.ok(shape.secretFields.length > 0, `${provider}/${authType} names its secret fields`);
        const properties = (shape.credentials as { properties?: Record<string, unknown> }).properties ?? {};
        for (const field of shape.secretFields) assert.ok(field in properties, `${provider}/${authType}: ${field} is a credential field`);
      }
    }
    assert.deepEqual([...used].sort(), [...AUTH_TYPES].sort());
    assert.equal(getProviderSpec('nope'), undefined);
  });

  test('categories: AI providers share one, the Azure DevOps spellings share one, the rest are their own', () => {
    for (const p of ['ai_anthropic', 'ai_openai', 'ai_google', 'ai_github_copilot', 'ai_amazon_bedrock'] as const) assert.equal(categoryOf(p), 'ai');
    assert.equal(categoryOf('azuredevops'), 'azure-devops');
    assert.equal(categoryOf('azure-devops'), 'azure-devops');
    for (const p of ['github', 'jfrog', 'gitlab', 'npm', 'github_packages', 'jira', 'datadog', 'newrelic', 'splunk'] as const) assert.equal(categoryOf(p), p);
    assert.equal(getProviderSpec('azuredevops').category, 'azure-devops');
    assert.equal(getProviderSpec('ai_openai').category, 'ai');
  });

  test('the two Azure DevOps spellings share the adapter', () => {
    assert.equal(getProviderSpec('azuredevops').verify, getProviderSpec('azure-devops').verify);
    assert.deepEqual(Object.keys(getProviderSpec('azuredevops').authTypes), ['pat', 'service_principal']);
  });

  test('secret fields per provider + auth type', () => {
    assert.deepEqual(secretFieldsOf('github', 'app'), ['privateKey']);
    assert.deepEqual(secretFieldsOf('azure-devops', 'service_principal'), ['client_secret']);
    assert.deepEqual(secretFieldsOf('jira', 'basic_auth'), ['api_token']);
    assert.deepEqual(secretFieldsOf('ai_amazon_bedrock', 'bearer'), ['bearer_token']);
    assert.deepEqual(secretFieldsOf('github', 'nope'), []);
  });
});

describe('validateIntegrationInput', () => {
  for (const example of EXAMPLES) {
    const label = `${example.provider}/${example.authType}`;

    test(`${label}: the documented shape is accepted`, () => {
      const result = validateIntegrationInput(example.provider, example.authType, example.credentials, example.config);
      assert.equal(result.ok, true, result.ok ? '' : result.message);
      if (result.ok) {
        assert.equal(result.value.provider, example.provider);
        assert.deepEqual(result.value.credentials, example.credentials);
      }
    });

    const shape = getProviderSpec(example.provider).authTypes[example.authType]!;
    const required = ((shape.credentials as { required?: string[] }).required ?? []) as string[];
    for (const field of required) {
      test(`${label}: missing credentials.${field} is named`, () => {
        const { [field]: _removed, ...rest } = example.credentials;
        assertRejects(validateIntegrationInput(example.provider, example.authType, rest, example.config), `credentials.${field}`);
      });
      test(`${label}: a non-string credentials.${field} is named`, () => {
        assertRejects(
          validateIntegrationInput(example.provider, example.authType, { ...example.credentials, [field]: { v: CANARY } }, example.config),
          `credentials.${field}`,
        );
      });
    }

    test(`${label}: an unknown credential field is named`, () => {
      assertRejects(
        validateIntegrationInput(example.provider, example.authType, { ...example.credentials, extra_secret: CANARY }, example.config),
        'credentials.extra_secret',
      );
    });
  }

  test('secret values with whitespace are refused without echoing them', () => {
    assertRejects(validateIntegrationInput('github', 'pat', { token: `ghp ${CANARY}` }), 'credentials.token');
    assertRejects(validateIntegrationInput('ai_openai', 'api_key', { api_key: `sk-${CANARY}\n` }), 'credentials.api_key');
    assertRejects(validateIntegrationInput('github', 'pat', { token: '' }), 'credentials.token');
  });

  test('provider, authType, credentials and config themselves', () => {
    assertRejects(validateIntegrationInput('bitbucket', 'pat', { token: secret }), 'provider');
    assertRejects(validateIntegrationInput('github', 'service_principal', { token: secret }), 'authType');
    assertRejects(validateIntegrationInput('github', undefined, { token: secret }), 'authType');
    assertRejects(validateIntegrationInput('github', 'pat', 'ghp_token'), 'credentials');
    assertRejects(validateIntegrationInput('github', 'pat', null), 'credentials');
    assertRejects(validateIntegrationInput('github', 'pat', [secret]), 'credentials');
    assertRejects(validateIntegrationInput('github', 'pat', { token: secret }, 'config'), 'config');
  });

  test('URL fields must be http(s) base URLs without user info, query or fragment', () => {
    for (const bad of [
      'ftp://dev.azure.com/acme',
      'dev.azure.com/acme',
      `https://me:${CANARY}@dev.azure.com/acme`,
      'https://dev.azure.com/acme?x=1',
      'https://dev.azure.com/acme#x',
    ]) {
      assertRejects(validateIntegrationInput('azure-devops', 'pat', { organization_url: bad, token: secret }), 'credentials.organization_url');
    }
    assertRejects(
      validateIntegrationInput('jira', 'basic_auth', { base_url: 'javascript:alert(1)', username: 'u', api_token: secret }),
      'credentials.base_url',
    );
    assertRejects(
      validateIntegrationInput('azure-devops', 'service_principal', {
        organization_url: ORG,
        client_id: 'c',
        client_secret: secret,
        tenant_id: 't',
        entra_authority_url: 'login.microsoftonline.com',
      }),
      'credentials.entra_authority_url',
    );
    assertRejects(validateIntegrationInput('npm', 'pat', { token: secret, registry_url: 'not a url' }), 'credentials.registry_url');
  });

  test('GitHub App: the private key must load and the ids must be numeric', () => {
    assertRejects(
      validateIntegrationInput('github', 'app', { appId: '123', privateKey: `-----BEGIN RSA PRIVATE KEY-----\n${CANARY}\n-----END RSA PRIVATE KEY-----` }),
      'credentials.privateKey',
    );
    assertRejects(validateIntegrationInput('github', 'app', { appId: 'abc', privateKey: APP_PRIVATE_KEY }), 'credentials.appId');
    assertRejects(validateIntegrationInput('github', 'app', { appId: 123, privateKey: APP_PRIVATE_KEY, installationId: 'x' }), 'credentials.installationId');
    assert.equal(validateIntegrationInput('github', 'app', { appId: 123, privateKey: APP_PRIVATE_KEY, installationId: '456' }).ok, true);
  });

  test('Jira: a user name containing a colon cannot be sent as Basic auth', () => {
    assertRejects(
      validateIntegrationInput('jira', 'basic_auth', { base_url: 'https://x.atlassian.net', username: 'a:b', api_token: secret }),
      'credentials.username',
    );
  });

  test('config shapes', () => {
    assertRejects(validateIntegrationInput('splunk', 'api_key', { api_key: secret }), 'config.host');
    assertRejects(validateIntegrationInput('splunk', 'api_key', { api_key: secret }, {}), 'config.host');
    assertRejects(validateIntegrationInput('splunk', 'api_key', { api_key: secret }, { host: 'input-prd.cloud.splunk.com:8088' }), 'config.host');
    assertRejects(validateIntegrationInput('datadog', 'api_key', { api_key: secret }, { site: 'evil.example.com' }), 'config.site');
    assertRejects(validateIntegrationInput('newrelic', 'api_key', { api_key: secret }, { region: 'APAC' }), 'config.region');
    assertRejects(validateIntegrationInput('ai_amazon_bedrock', 'bearer', { bearer_token: secret, region: 'bedrock.evil.com/x' }), 'credentials.region');
    for (const site of ['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'datadoghq.eu', 'ap1.datadoghq.com', 'ddog-gov.com']) {
      assert.equal(validateIntegrationInput('datadog', 'api_key', { api_key: secret }, { site }).ok, true, site);
    }
    assert.equal(validateIntegrationInput('datadog', 'api_key', { api_key: secret }).ok, true, 'site defaults');
    assert.equal(validateIntegrationInput('newrelic', 'api_key', { api_key: secret }, { region: 'eu' }).ok, true);
    assert.equal(validateIntegrationInput('github', 'pat', { token: secret }, { anything: 1 }).ok, true, 'config stays open');
  });
});
