// GET /v1/models lists models for any valid key and costs nothing.
import { apiKeyCredentials } from '../ai-key.ts';
import { baseUrlFor } from '../base-urls.ts';
import { defineProvider } from '../define-provider.ts';
import { missingConfiguration } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';
import { parseBaseUrl } from '../url.ts';

export const anthropic = defineProvider({
  provider: 'ai_anthropic',
  displayName: 'Anthropic',
  authTypes: { api_key: apiKeyCredentials() },
  async verify(_authType, credentials, _config, ctx) {
    const base = parseBaseUrl(baseUrlFor(ctx.baseUrls, 'ai_anthropic'));
    if (!base.ok) return missingConfiguration('baseUrls.ai_anthropic', 'the Anthropic API base URL is not configured correctly');
    return simpleCheck(ctx, {
      provider: 'ai_anthropic',
      label: 'Anthropic',
      base: base.url,
      path: '/v1/models',
      headers: { 'x-api-key': String(credentials.api_key), 'anthropic-version': '2023-06-01', accept: 'application/json' },
      okMessage: 'Anthropic accepted the API key',
    });
  },
});
