// The provider and auth-type names exactly as the integrations contract enumerates them.

export const PROVIDERS = [
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
] as const;

export const AUTH_TYPES = ['pat', 'oauth', 'app', 'basic', 'basic_auth', 'oauth_client_credentials', 'service_principal', 'api_key', 'bearer'] as const;

export type IntegrationProvider = (typeof PROVIDERS)[number];
export type IntegrationAuthType = (typeof AUTH_TYPES)[number];

export function isIntegrationProvider(value: unknown): value is IntegrationProvider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

export function isIntegrationAuthType(value: unknown): value is IntegrationAuthType {
  return typeof value === 'string' && (AUTH_TYPES as readonly string[]).includes(value);
}

const AI_PROVIDERS = ['ai_anthropic', 'ai_openai', 'ai_google', 'ai_github_copilot', 'ai_amazon_bedrock'] as const;

/**
 * "One default per provider category": the five AI providers share the category `ai`, the two
 * spellings of Azure DevOps share `azure-devops`, every other provider is its own category.
 */
export type ProviderCategory = Exclude<IntegrationProvider, (typeof AI_PROVIDERS)[number] | 'azuredevops'> | 'ai';

export function categoryOf(provider: IntegrationProvider): ProviderCategory {
  if ((AI_PROVIDERS as readonly string[]).includes(provider)) return 'ai';
  if (provider === 'azuredevops') return 'azure-devops';
  return provider as ProviderCategory;
}
