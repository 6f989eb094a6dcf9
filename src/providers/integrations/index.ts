export {
  PROVIDERS,
  AUTH_TYPES,
  AI_PROVIDERS,
  categoryOf,
  isIntegrationProvider,
  isIntegrationAuthType,
  getProviderSpec,
  validateIntegrationInput,
  secretFieldsOf,
} from './catalog.ts';
export type { IntegrationProvider, IntegrationAuthType, ProviderCategory } from './catalog.ts';
export { DEFAULT_BASE_URLS } from './base-urls.ts';
export type { ProviderBaseUrls, BaseUrlKey } from './base-urls.ts';
export type {
  VerifyContext,
  VerifyInput,
  ProviderSpec,
  AuthTypeSpec,
  ValidationResult,
  ValidatedIntegrationInput,
  Credentials,
  IntegrationConfig,
} from './types.ts';
export { checkGithubRepoAccess, checkAzureDevOpsConnection } from './platform-health.ts';
export type { PlatformHealthCheck } from './platform-health.ts';
