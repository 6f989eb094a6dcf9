// Turns an adapter definition into a ProviderSpec whose verify() validates its input first,
// never throws, measures latency and scrubs secret values from whatever it returns.
import type { ProviderCheckResult } from '../reason-codes.ts';
import { categoryOf, isIntegrationAuthType } from './names.ts';
import type { IntegrationAuthType, IntegrationProvider } from './names.ts';
import { collectSecrets, redactResult } from './redact.ts';
import { missingConfiguration, result } from './results.ts';
import type {
  AuthTypeSpec,
  Credentials,
  IntegrationConfig,
  ProviderSpec,
  Refinement,
  ValidatedIntegrationInput,
  ValidationResult,
  VerifyContext,
} from './types.ts';
import { firstIssue } from './validate.ts';

export interface AuthTypeDefinition extends AuthTypeSpec {
  refine?: Refinement;
}

export interface ProviderDefinition {
  provider: IntegrationProvider;
  displayName: string;
  authTypes: Partial<Record<IntegrationAuthType, AuthTypeDefinition>>;
  /** Called only with input that passed validation. */
  verify(authType: IntegrationAuthType, credentials: Credentials, config: IntegrationConfig, ctx: VerifyContext): Promise<ProviderCheckResult>;
}

export interface DefinedProvider extends ProviderSpec {
  /** `as` names the provider in the answer when it is asked for under an alias (azuredevops). */
  validate(authType: unknown, credentials: unknown, config: unknown, as?: IntegrationProvider): ValidationResult<ValidatedIntegrationInput>;
}

export function defineProvider(definition: ProviderDefinition): DefinedProvider {
  const { provider, displayName, authTypes } = definition;
  const supported = Object.keys(authTypes).join(', ');

  function validate(authType: unknown, credentials: unknown, config: unknown, as: IntegrationProvider = provider): ValidationResult<ValidatedIntegrationInput> {
    const spec = isIntegrationAuthType(authType) ? authTypes[authType] : undefined;
    if (!isIntegrationAuthType(authType) || !spec) {
      return { ok: false, field: 'authType', message: `authType must be one of ${supported} for ${as}` };
    }
    const credentialIssue = firstIssue(spec.credentials, credentials, 'credentials');
    if (credentialIssue) return { ok: false, ...credentialIssue };
    let configValue: IntegrationConfig | undefined;
    if (config !== undefined && config !== null) {
      if (typeof config !== 'object' || Array.isArray(config)) return { ok: false, field: 'config', message: 'config must be an object' };
      configValue = config as IntegrationConfig;
    }
    if (spec.config) {
      const configIssue = firstIssue(spec.config, configValue ?? {}, 'config');
      if (configIssue) return { ok: false, ...configIssue };
    }
    const refined = spec.refine?.(credentials as Credentials, configValue);
    if (refined) return { ok: false, ...refined };
    return { ok: true, value: { provider: as, authType, credentials: credentials as Credentials, config: configValue } };
  }

  async function verify(input: { authType: string; credentials: Credentials; config?: IntegrationConfig | null }, ctx: VerifyContext) {
    const started = performance.now();
    const spec = isIntegrationAuthType(input.authType) ? authTypes[input.authType] : undefined;
    const secrets = spec && input.credentials && typeof input.credentials === 'object' ? collectSecrets(input.credentials, spec.secretFields) : [];
    let outcome: ProviderCheckResult;
    const valid = validate(input.authType, input.credentials, input.config);
    if (!valid.ok) {
      outcome = missingConfiguration(valid.field, valid.message);
    } else {
      try {
        outcome = await definition.verify(valid.value.authType, valid.value.credentials, valid.value.config ?? {}, ctx);
      } catch {
        outcome = result('unknown_error', `verifying the ${displayName} credential failed unexpectedly`);
      }
    }
    const latencyMs = Math.round(performance.now() - started);
    return redactResult({ ...outcome, latencyMs: outcome.latencyMs ?? latencyMs }, secrets);
  }

  return { provider, category: categoryOf(provider), displayName, authTypes, verify, validate };
}
