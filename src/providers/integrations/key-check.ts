// The shape most credential checks share: one base URL — given with the integration (a
// self-hosted registry, a Splunk host) or the operator-configured endpoint with its public default
// (base-urls.ts) — and one request that carries the credential (simple-check.ts). An adapter says
// where the request goes and what it is; a base URL that is missing or does not parse is
// `missing_configuration` naming the field to fix, before anything is sent.
import type { BaseUrlKey } from './base-urls.ts';
import { baseUrlFor } from './base-urls.ts';
import { defineProvider, type DefinedProvider, type ProviderDefinition } from './define-provider.ts';
import type { IntegrationAuthType } from './names.ts';
import { missingConfiguration } from './results.ts';
import { type SimpleCheck, simpleCheck } from './simple-check.ts';
import type { Credentials, IntegrationConfig } from './types.ts';
import { parseBaseUrl, stripSuffix } from './url.ts';

/** What the check was given, already validated against the auth type's schemas. */
interface CheckInput {
  authType: IntegrationAuthType;
  credentials: Credentials;
  config: IntegrationConfig;
}

interface CheckTarget {
  /** A URL the integration gives; when absent (undefined or null), the endpoint of `key` is used. */
  url?: unknown;
  /** The operator-configurable endpoint (and its default), `{placeholders}` filled from `placeholders`. */
  key?: BaseUrlKey;
  placeholders?: Record<string, string>;
  /** The field to fix when the base URL is not usable; `baseUrls.<key>` unless said. */
  field?: string;
  message: string;
  /** An API suffix users paste with the base URL ("/api/v4"), stripped. */
  suffix?: string;
}

export interface KeyCheckDefinition extends Omit<ProviderDefinition, 'verify'> {
  /** How the provider is named in messages ("the npm registry"). */
  label: string;
  target(input: CheckInput): CheckTarget;
  request(input: CheckInput): Omit<SimpleCheck, 'provider' | 'label' | 'base'>;
}

export function defineKeyCheckProvider(definition: KeyCheckDefinition): DefinedProvider {
  const { provider, displayName, authTypes, label } = definition;
  return defineProvider({
    provider,
    displayName,
    authTypes,
    async verify(authType, credentials, config, ctx) {
      const input = { authType, credentials, config };
      const t = definition.target(input);
      const parsed = parseBaseUrl(t.url ?? (t.key ? baseUrlFor(ctx.baseUrls, t.key, t.placeholders) : undefined));
      if (!parsed.ok) return missingConfiguration(t.field ?? `baseUrls.${t.key}`, t.message);
      const base = t.suffix ? stripSuffix(parsed.url, t.suffix) : parsed.url;
      return simpleCheck(ctx, { provider, label, base, ...definition.request(input) });
    },
  });
}
