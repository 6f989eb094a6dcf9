// Shared by the integration provider tests: one valid credential set per provider + authType,
// wired to the loopback simulators, with every secret carrying a canary marker.
import { generateKeyPairSync } from 'node:crypto';
import type { IntegrationAuthType, IntegrationProvider } from '../../../src/providers/integrations/names.ts';
import type { IntegrationSimulators, SimulatedProvider, SimulatorTarget } from '../../../src/simulators/integrations/index.ts';

export const CANARY = 'CANARY7x9';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const APP_PRIVATE_KEY = keys.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string;
export const APP_PUBLIC_KEY = keys.publicKey.export({ format: 'pem', type: 'spki' }) as string;

export interface Case {
  name: string;
  provider: IntegrationProvider;
  authType: IntegrationAuthType;
  credentials: Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Registers the credentials as valid with the simulators. */
  accept(sim: IntegrationSimulators): void;
  /** Credentials the provider will reject. */
  wrong: Record<string, unknown>;
  /** Simulator targets the case calls, in order. */
  targets: SimulatorTarget[];
  /** Secret values; none may appear in results or reach a target outside `targets`. */
  secrets: string[];
}

const secret = (label: string) => `${label}-${CANARY}-${label.length}`;

function simple(
  name: string,
  provider: IntegrationProvider,
  authType: IntegrationAuthType,
  field: string,
  target: SimulatorTarget,
  extra: (sim: IntegrationSimulators) => { credentials?: Record<string, unknown>; config?: Record<string, unknown> } = () => ({}),
) {
  return (sim: IntegrationSimulators): Case => {
    const value = secret(`${provider}-${authType}`);
    const more = extra(sim);
    const credentials = { [field]: value, ...more.credentials };
    return {
      name,
      provider,
      authType,
      credentials,
      config: more.config,
      accept: (s) => s.setValid(provider as SimulatedProvider, { [field]: value }),
      wrong: { ...credentials, [field]: `wrong-${value}` },
      targets: [target],
      secrets: [value],
    };
  };
}

export function cases(sim: IntegrationSimulators): Case[] {
  const org = `${sim.baseUrls['azure-devops']}/acme`;
  const adoSecret = secret('ado-sp');
  const jiraToken = secret('jira-basic');
  const jiraSecret = secret('jira-oauth');
  const oauthSecret = secret('gh-oauth');
  const sp = { organization_url: org, client_id: 'ado-client', client_secret: adoSecret, tenant_id: 'contoso.onmicrosoft.com' };
  return [
    simple('github pat', 'github', 'pat', 'token', 'github')(sim),
    {
      name: 'github app (GET /app)',
      provider: 'github',
      authType: 'app',
      credentials: { appId: '4242', privateKey: APP_PRIVATE_KEY },
      accept: (s) => s.setValid('github', { appId: '4242', publicKey: APP_PUBLIC_KEY }),
      wrong: { appId: '9999', privateKey: APP_PRIVATE_KEY },
      targets: ['github'],
      secrets: [APP_PRIVATE_KEY],
    },
    {
      name: 'github app (installation token)',
      provider: 'github',
      authType: 'app',
      credentials: { appId: 4242, privateKey: APP_PRIVATE_KEY, installationId: 77 },
      accept: (s) => s.setValid('github', { appId: '4242', publicKey: APP_PUBLIC_KEY, installationId: 77 }),
      wrong: { appId: 9999, privateKey: APP_PRIVATE_KEY, installationId: 77 },
      targets: ['github'],
      secrets: [APP_PRIVATE_KEY],
    },
    {
      name: 'github oauth app',
      provider: 'github',
      authType: 'oauth',
      credentials: { client_id: 'Iv1.sim', client_secret: oauthSecret },
      accept: (s) => s.setValid('github', { client_id: 'Iv1.sim', client_secret: oauthSecret }),
      wrong: { client_id: 'Iv1.sim', client_secret: `wrong-${oauthSecret}` },
      targets: ['github'],
      secrets: [oauthSecret],
    },
    simple('azure-devops pat', 'azure-devops', 'pat', 'token', 'azure-devops', () => ({ credentials: { organization_url: org } }))(sim),
    simple('azuredevops (alias) pat', 'azuredevops', 'pat', 'token', 'azure-devops', () => ({ credentials: { organization_url: org } }))(sim),
    {
      name: 'azure-devops service principal',
      provider: 'azure-devops',
      authType: 'service_principal',
      credentials: { ...sp, entra_authority_url: sim.baseUrls.entra },
      accept: (s) => s.setValid('azure-devops', sp),
      wrong: { ...sp, entra_authority_url: sim.baseUrls.entra, client_secret: `wrong-${adoSecret}` },
      targets: ['entra', 'azure-devops'],
      secrets: [adoSecret],
    },
    {
      name: 'azure-devops service principal (operator entra base URL)',
      provider: 'azure-devops',
      authType: 'service_principal',
      credentials: sp,
      accept: (s) => s.setValid('azure-devops', sp),
      wrong: { ...sp, client_secret: `wrong-${adoSecret}` },
      targets: ['entra', 'azure-devops'],
      secrets: [adoSecret],
    },
    {
      name: 'jira basic_auth',
      provider: 'jira',
      authType: 'basic_auth',
      credentials: { base_url: sim.baseUrls.jira, username: 'ops@example.com', api_token: jiraToken },
      accept: (s) => s.setValid('jira', { username: 'ops@example.com', api_token: jiraToken }),
      wrong: { base_url: sim.baseUrls.jira, username: 'ops@example.com', api_token: `wrong-${jiraToken}` },
      targets: ['jira'],
      secrets: [jiraToken],
    },
    {
      name: 'jira basic (alias)',
      provider: 'jira',
      authType: 'basic',
      credentials: { base_url: sim.baseUrls.jira, username: 'ops@example.com', api_token: jiraToken },
      accept: (s) => s.setValid('jira', { username: 'ops@example.com', api_token: jiraToken }),
      wrong: { base_url: sim.baseUrls.jira, username: 'someone@example.com', api_token: jiraToken },
      targets: ['jira'],
      secrets: [jiraToken],
    },
    {
      name: 'jira oauth client credentials',
      provider: 'jira',
      authType: 'oauth_client_credentials',
      credentials: { client_id: 'jira-client', client_secret: jiraSecret, cloud_id: 'cloud-1234' },
      accept: (s) => s.setValid('jira', { client_id: 'jira-client', client_secret: jiraSecret, cloud_id: 'cloud-1234' }),
      wrong: { client_id: 'jira-client', client_secret: `wrong-${jiraSecret}`, cloud_id: 'cloud-1234' },
      targets: ['atlassian_auth', 'atlassian_api'],
      secrets: [jiraSecret],
    },
    simple('gitlab pat (operator base URL)', 'gitlab', 'pat', 'token', 'gitlab')(sim),
    simple('gitlab pat (self-managed base_url)', 'gitlab', 'pat', 'token', 'gitlab', () => ({ credentials: { base_url: `${sim.baseUrls.gitlab}/api/v4` } }))(
      sim,
    ),
    simple('jfrog bearer', 'jfrog', 'bearer', 'token', 'jfrog', () => ({ credentials: { base_url: sim.baseUrls.jfrog } }))(sim),
    simple('jfrog pat', 'jfrog', 'pat', 'token', 'jfrog', () => ({ credentials: { base_url: `${sim.baseUrls.jfrog}/artifactory` } }))(sim),
    simple('jfrog api_key', 'jfrog', 'api_key', 'api_key', 'jfrog', () => ({ credentials: { base_url: sim.baseUrls.jfrog } }))(sim),
    simple('npm pat (registry_url)', 'npm', 'pat', 'token', 'npm', () => ({ credentials: { registry_url: sim.baseUrls.npm } }))(sim),
    simple('npm bearer (operator base URL)', 'npm', 'bearer', 'token', 'npm')(sim),
    simple('github_packages pat', 'github_packages', 'pat', 'token', 'github_packages')(sim),
    simple('ai_anthropic api_key', 'ai_anthropic', 'api_key', 'api_key', 'ai_anthropic')(sim),
    simple('ai_openai api_key', 'ai_openai', 'api_key', 'api_key', 'ai_openai')(sim),
    simple('ai_google api_key', 'ai_google', 'api_key', 'api_key', 'ai_google')(sim),
    simple('ai_github_copilot oauth', 'ai_github_copilot', 'oauth', 'token', 'ai_github_copilot')(sim),
    simple('ai_amazon_bedrock bearer', 'ai_amazon_bedrock', 'bearer', 'bearer_token', 'ai_amazon_bedrock', () => ({ credentials: { region: 'eu-west-1' } }))(
      sim,
    ),
    simple('datadog api_key', 'datadog', 'api_key', 'api_key', 'datadog', () => ({ config: { site: 'datadoghq.eu' } }))(sim),
    simple('newrelic api_key (US)', 'newrelic', 'api_key', 'api_key', 'newrelic', () => ({ config: { region: 'US' } }))(sim),
    simple('newrelic api_key (EU)', 'newrelic', 'api_key', 'api_key', 'newrelic_eu', () => ({ config: { region: 'EU' } }))(sim),
    simple('splunk api_key', 'splunk', 'api_key', 'api_key', 'splunk', () => ({ config: { host: sim.baseUrls.splunk } }))(sim),
  ];
}

/** Everything a request carried, with Basic credentials decoded so encoded secrets are found too. */
export function requestText(request: { headers: Record<string, string>; body: string; url: string }): string {
  const decoded = Object.values(request.headers)
    .map((v) => /^Basic\s+(\S+)$/i.exec(v)?.[1])
    .filter((v): v is string => v !== undefined)
    .map((v) => Buffer.from(v, 'base64').toString('utf8'));
  return [request.url, JSON.stringify(request.headers), request.body, ...decoded].join('\n');
}
