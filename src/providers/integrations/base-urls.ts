// Every public endpoint an adapter calls has a default here and can be replaced by operator
// configuration (ProviderBaseUrls), which is how tests point the real adapters at loopback
// simulators. URLs a user stores with the credential (Jira site, Azure DevOps organization,
// JFrog, Splunk host, self-managed GitLab, private npm registry) take precedence for that integration.
import { PROVIDERS } from './names.ts';

/** Keys besides provider names for the auxiliary endpoints some providers need. */
export const AUXILIARY_BASE_URL_KEYS = [
  'entra', // Microsoft Entra authority for the Azure DevOps service principal token
  'atlassian_auth', // Atlassian OAuth token endpoint host
  'atlassian_api', // Atlassian API gateway (api.atlassian.com) for OAuth-authenticated Jira calls
  'newrelic_eu', // New Relic NerdGraph in the EU region
] as const;

/** Every key an operator may override (SWITCHBOARD_PROVIDER_BASE_URLS): the providers and the auxiliary endpoints. */
export const BASE_URL_KEYS = [...PROVIDERS, ...AUXILIARY_BASE_URL_KEYS] as const;

type AuxiliaryBaseUrlKey = (typeof AUXILIARY_BASE_URL_KEYS)[number];

export type BaseUrlKey = (typeof BASE_URL_KEYS)[number];

/**
 * Operator overrides, provider (or auxiliary key) → base URL. `{region}` (Bedrock) and `{site}`
 * (Datadog) placeholders are filled from the integration when present in the URL.
 */
export type ProviderBaseUrls = Partial<Record<BaseUrlKey, string>>;

const DEFAULT_BASE_URLS: ProviderBaseUrls = {
  github: 'https://api.github.com',
  github_packages: 'https://api.github.com',
  ai_github_copilot: 'https://api.github.com',
  gitlab: 'https://gitlab.com',
  npm: 'https://registry.npmjs.org',
  ai_anthropic: 'https://api.anthropic.com',
  ai_openai: 'https://api.openai.com',
  ai_google: 'https://generativelanguage.googleapis.com',
  ai_amazon_bedrock: 'https://bedrock.{region}.amazonaws.com',
  datadog: 'https://api.{site}',
  newrelic: 'https://api.newrelic.com',
  newrelic_eu: 'https://api.eu.newrelic.com',
  entra: 'https://login.microsoftonline.com',
  atlassian_auth: 'https://auth.atlassian.com',
  atlassian_api: 'https://api.atlassian.com',
};

export function baseUrlFor(overrides: ProviderBaseUrls, key: BaseUrlKey, placeholders: Record<string, string> = {}): string | undefined {
  const template = overrides[key] ?? DEFAULT_BASE_URLS[key];
  if (template === undefined) return undefined;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => placeholders[name] ?? whole);
}
