// The sixteen integration providers of the integrations contract: their credential and config
// shapes, which fields are secret, their category and their live verification.
import { anthropic } from './anthropic/spec.ts';
import { azureDevOps } from './azure-devops/spec.ts';
import { bedrock } from './bedrock/spec.ts';
import { copilot } from './copilot/spec.ts';
import { datadog } from './datadog/spec.ts';
import type { DefinedProvider } from './define-provider.ts';
import { github } from './github/spec.ts';
import { githubPackages } from './github-packages/spec.ts';
import { gitlab } from './gitlab/spec.ts';
import { google } from './google/spec.ts';
import { jfrog } from './jfrog/spec.ts';
import { jira } from './jira/spec.ts';
import { PROVIDERS, categoryOf, isIntegrationProvider } from './names.ts';
import type { IntegrationProvider } from './names.ts';
import { newrelic } from './newrelic/spec.ts';
import { npm } from './npm/spec.ts';
import { openai } from './openai/spec.ts';
import { splunk } from './splunk/spec.ts';
import type { ProviderSpec, ValidatedIntegrationInput, ValidationResult } from './types.ts';

export { PROVIDERS, AUTH_TYPES, categoryOf } from './names.ts';
export type { IntegrationProvider, IntegrationAuthType } from './names.ts';

const ADAPTERS: Record<IntegrationProvider, DefinedProvider> = {
  github,
  // Both spellings in the contract are one provider: same adapter, category `azure-devops`.
  azuredevops: { ...azureDevOps, provider: 'azuredevops', category: categoryOf('azuredevops') },
  'azure-devops': azureDevOps,
  jfrog,
  gitlab,
  npm,
  github_packages: githubPackages,
  jira,
  ai_anthropic: anthropic,
  ai_openai: openai,
  ai_google: google,
  ai_github_copilot: copilot,
  ai_amazon_bedrock: bedrock,
  datadog,
  newrelic,
  splunk,
};

function toSpec(adapter: DefinedProvider): ProviderSpec {
  const { provider, category, displayName, authTypes, verify } = adapter;
  return { provider, category, displayName, authTypes, verify };
}

const SPECS = Object.fromEntries(PROVIDERS.map((p) => [p, toSpec(ADAPTERS[p])])) as Record<IntegrationProvider, ProviderSpec>;

export function getProviderSpec(provider: IntegrationProvider): ProviderSpec;
export function getProviderSpec(provider: string): ProviderSpec | undefined;
export function getProviderSpec(provider: string): ProviderSpec | undefined {
  return isIntegrationProvider(provider) ? SPECS[provider] : undefined;
}

/**
 * Checks a create/update body's provider, authType, credentials and config. A failure names the
 * field (`provider`, `authType`, `credentials.<name>`, `config.<name>`) and never echoes a value.
 */
export function validateIntegrationInput(
  provider: unknown,
  authType: unknown,
  credentials: unknown,
  config?: unknown,
): ValidationResult<ValidatedIntegrationInput> {
  if (!isIntegrationProvider(provider)) {
    return { ok: false, field: 'provider', message: `provider must be one of ${PROVIDERS.join(', ')}` };
  }
  return ADAPTERS[provider].validate(authType, credentials, config, provider);
}

/** The credential fields of a provider + authType that hold secret values ([] when unknown). */
export function secretFieldsOf(provider: string, authType: string): string[] {
  const spec = getProviderSpec(provider);
  return spec?.authTypes[authType as keyof ProviderSpec['authTypes']]?.secretFields ?? [];
}
