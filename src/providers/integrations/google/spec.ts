// Gemini API: GET /v1beta/models with the key in the x-goog-api-key header (not ?key=, which
// would put the secret into URLs and their logs). Google answers an invalid key with
// 400 INVALID_ARGUMENT / API_KEY_INVALID rather than 401.
import type { OutboundResponse } from '../../outbound/outbound-client.ts';
import { apiKeyCredentials } from '../ai-key.ts';
import { baseUrlFor } from '../base-urls.ts';
import { defineProvider } from '../define-provider.ts';
import { missingConfiguration, result } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';
import { parseBaseUrl } from '../url.ts';

function keyRejected(response: OutboundResponse): boolean {
  if (response.status !== 400) return false;
  const error = response.json<{ error?: { status?: unknown; details?: Array<{ reason?: unknown }> } }>()?.error;
  return Boolean(error?.details?.some((d) => d?.reason === 'API_KEY_INVALID'));
}

export const google = defineProvider({
  provider: 'ai_google',
  displayName: 'Google AI (Gemini)',
  authTypes: { api_key: apiKeyCredentials() },
  async verify(_authType, credentials, _config, ctx) {
    const base = parseBaseUrl(baseUrlFor(ctx.baseUrls, 'ai_google'));
    if (!base.ok) return missingConfiguration('baseUrls.ai_google', 'the Google AI API base URL is not configured correctly');
    return simpleCheck(ctx, {
      provider: 'ai_google',
      label: 'Google AI',
      base: base.url,
      path: '/v1beta/models',
      query: { pageSize: '1' },
      headers: { 'x-goog-api-key': String(credentials.api_key), accept: 'application/json' },
      okMessage: 'Google AI accepted the API key',
      interpret: (r) => (keyRejected(r) ? result('authentication_failed', 'Google AI rejected the API key', { httpStatus: 400 }) : undefined),
    });
  },
});
