// GET /v1/models lists models for any valid key and costs nothing.
import { apiKeyCredentials } from '../ai-key.ts';
import { baseUrlFor } from '../base-urls.ts';
import { defineProvider } from '../define-provider.ts';
import { missingConfiguration } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';
import { parseBaseUrl } from '../url.ts';

export const openai = defineProvider({
  provider: 'ai_openai',
  displayName: 'OpenAI',
  authTypes: { api_key: apiKeyCredentials() },
  async verify(_authType, credentials, _config, ctx) {
    const base = parseBaseUrl(baseUrlFor(ctx.baseUrls, 'ai_openai'));
    if (!base.ok) return missingConfiguration('baseUrls.ai_openai', 'the OpenAI API base URL is not configured correctly');
    return simpleCheck(ctx, {
      provider: 'ai_openai',
      label: 'OpenAI',
      base: base.url,
      path: '/v1/models',
      headers: { authorization: `Bearer ${String(credentials.api_key)}`, accept: 'application/json' },
      okMessage: 'OpenAI accepted the API key',
    });
  },
});
