// Gemini API: GET /v1beta/models with the key in the x-goog-api-key header (not ?key=, which
// would put the secret into URLs and their logs). Google answers an invalid key with
// 400 INVALID_ARGUMENT / API_KEY_INVALID rather than 401.
import type { OutboundResponse } from '../../outbound/outbound-client.ts';
import { apiKeyCredentials } from '../ai-key.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { result } from '../results.ts';

function keyRejected(response: OutboundResponse): boolean {
  if (response.status !== 400) return false;
  const error = response.json<{ error?: { status?: unknown; details?: Array<{ reason?: unknown }> } }>()?.error;
  return Boolean(error?.details?.some((d) => d?.reason === 'API_KEY_INVALID'));
}

export const google = defineKeyCheckProvider({
  provider: 'ai_google',
  displayName: 'Google AI (Gemini)',
  label: 'Google AI',
  authTypes: { api_key: apiKeyCredentials() },
  target: () => ({ key: 'ai_google', message: 'the Google AI API base URL is not configured correctly' }),
  request: ({ credentials }) => ({
    path: '/v1beta/models',
    query: { pageSize: '1' },
    headers: { 'x-goog-api-key': String(credentials.api_key), accept: 'application/json' },
    okMessage: 'Google AI accepted the API key',
    interpret: (r) => (keyRejected(r) ? result('authentication_failed', 'Google AI rejected the API key', { httpStatus: 400 }) : undefined),
  }),
});
