// GET /v1/models lists models for any valid key and costs nothing.
import { apiKeyCredentials } from '../ai-key.ts';
import { defineKeyCheckProvider } from '../key-check.ts';

export const anthropic = defineKeyCheckProvider({
  provider: 'ai_anthropic',
  displayName: 'Anthropic',
  label: 'Anthropic',
  authTypes: { api_key: apiKeyCredentials() },
  target: () => ({ key: 'ai_anthropic', message: 'the Anthropic API base URL is not configured correctly' }),
  request: ({ credentials }) => ({
    path: '/v1/models',
    headers: { 'x-api-key': String(credentials.api_key), 'anthropic-version': '2023-06-01', accept: 'application/json' },
    okMessage: 'Anthropic accepted the API key',
  }),
});
