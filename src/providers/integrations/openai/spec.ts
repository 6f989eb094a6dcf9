// GET /v1/models lists models for any valid key and costs nothing.
import { apiKeyCredentials } from '../ai-key.ts';
import { defineKeyCheckProvider } from '../key-check.ts';

export const openai = defineKeyCheckProvider({
  provider: 'ai_openai',
  displayName: 'OpenAI',
  label: 'OpenAI',
  authTypes: { api_key: apiKeyCredentials() },
  target: () => ({ key: 'ai_openai', message: 'the OpenAI API base URL is not configured correctly' }),
  request: ({ credentials }) => ({
    path: '/v1/models',
    headers: { authorization: `Bearer ${String(credentials.api_key)}`, accept: 'application/json' },
    okMessage: 'OpenAI accepted the API key',
  }),
});
