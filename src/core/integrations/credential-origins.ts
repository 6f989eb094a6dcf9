// Host binding: which origins (scheme://host:port) a credential may be sent to, decided when it
// is stored — from the URL stored with it (Jira site, Azure DevOps organization, JFrog, Splunk,
// self-managed GitLab, private npm registry) or else the provider's endpoint as configured then.
// Every outbound call made with the credential later is checked against this list, so neither a
// changed operator base URL nor an adapter bug can carry it to another host.
import { baseUrlFor } from '../../providers/integrations/base-urls.ts';
import type { BaseUrlKey, ProviderBaseUrls } from '../../providers/integrations/base-urls.ts';
import type { IntegrationProvider } from '../../providers/integrations/names.ts';
import { parseBaseUrl } from '../../providers/integrations/url.ts';
import { OutboundError } from '../../providers/outbound/errors.ts';
import type { OutboundRequestFn } from '../../providers/outbound/outbound-client.ts';
import { AppError } from '../errors.ts';

type Source = { url: unknown } | { key: BaseUrlKey; placeholders?: Record<string, string> };

function sourcesOf(provider: IntegrationProvider, authType: string, c: Record<string, unknown>, config: Record<string, unknown>): Source[] {
  const stored = (value: unknown, key: BaseUrlKey): Source => (value !== undefined ? { url: value } : { key });
  switch (provider) {
    case 'github':
    case 'github_packages':
    case 'ai_github_copilot':
    case 'ai_anthropic':
    case 'ai_openai':
    case 'ai_google':
      return [{ key: provider }];
    case 'azure-devops':
    case 'azuredevops':
      return authType === 'service_principal' ? [{ url: c.organization_url }, stored(c.entra_authority_url, 'entra')] : [{ url: c.organization_url }];
    case 'jira':
      return authType === 'oauth_client_credentials' ? [{ key: 'atlassian_auth' }, { key: 'atlassian_api' }] : [{ url: c.base_url }];
    case 'gitlab':
      return [stored(c.base_url, 'gitlab')];
    case 'npm':
      return [stored(c.registry_url, 'npm')];
    case 'jfrog':
      return [{ url: c.base_url }];
    case 'splunk':
      return [{ url: config.host }];
    case 'ai_amazon_bedrock':
      return [{ key: 'ai_amazon_bedrock', placeholders: { region: String(c.region) } }];
    case 'datadog':
      return [{ key: 'datadog', placeholders: { site: typeof config.site === 'string' ? config.site.replace(/^app\./, '') : 'datadoghq.com' } }];
    case 'newrelic':
      return [{ key: typeof config.region === 'string' && config.region.toUpperCase() === 'EU' ? 'newrelic_eu' : 'newrelic' }];
  }
}

/** The origins the credential of a validated integration may go to (sorted, distinct). */
export function credentialOrigins(
  provider: IntegrationProvider,
  authType: string,
  credentials: Record<string, unknown>,
  config: Record<string, unknown>,
  baseUrls: ProviderBaseUrls,
): string[] {
  const origins = new Set<string>();
  for (const source of sourcesOf(provider, authType, credentials, config)) {
    const url = 'url' in source ? source.url : baseUrlFor(baseUrls, source.key, source.placeholders);
    const parsed = parseBaseUrl(url);
    if (!parsed.ok) {
      // Validation already accepted the stored URLs, so this is the operator's base URL configuration.
      throw new AppError('integration.endpoint_unconfigured', `the endpoint for ${provider} is not configured correctly on this server`);
    }
    origins.add(parsed.origin);
  }
  return [...origins].sort();
}

export function sameOrigins(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
}

/** The outbound client, refusing any request (credential-bearing or not) outside `origins`. */
export function bindToOrigins(fetch: OutboundRequestFn, origins: readonly string[]): OutboundRequestFn {
  const allowed = new Set(origins);
  return (url, init = {}) => {
    let origin: string | undefined;
    try {
      origin = new URL(init.credentialOrigin ?? String(url)).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || !allowed.has(origin)) {
      return Promise.reject(new OutboundError('host_mismatch', 'the credential was not stored for this host'));
    }
    return fetch(url, init);
  };
}
