// NerdGraph: POST /graphql `{ actor { user { email } } }` with the user API key. GraphQL may
// report an unusable key as HTTP 200 with an `errors` array, so the body decides as well.
import { Type } from 'typebox';
import type { OutboundResponse } from '../../outbound/outbound-client.ts';
import type { ProviderCheckResult } from '../../reason-codes.ts';
import { apiKeyCredentials } from '../ai-key.ts';
import { configObject } from '../fields.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { ext, ok, result } from '../results.ts';

interface NerdGraphAnswer {
  data?: { actor?: { user?: { email?: unknown } | null } | null } | null;
  errors?: Array<{ extensions?: { errorClass?: unknown } }>;
}

function interpret(response: OutboundResponse): ProviderCheckResult | undefined {
  if (response.status !== 200) return undefined;
  const answer = response.json<NerdGraphAnswer>();
  const email = answer?.data?.actor?.user?.email;
  if (typeof email === 'string') return ok('New Relic accepted the API key', { email });
  const errorClass = answer?.errors?.map((e) => e?.extensions?.errorClass).find((c) => typeof c === 'string');
  if (errorClass === 'UNAUTHORIZED' || errorClass === 'UNAUTHENTICATED')
    return result('authentication_failed', 'New Relic rejected the API key', { httpStatus: 200, errorClass });
  if (errorClass === 'FORBIDDEN') return result('permission_denied', 'New Relic accepted the API key but denied access', { httpStatus: 200, errorClass });
  return result(ext('newrelic', 'unexpected_response'), 'New Relic answered without the user the key belongs to', {
    httpStatus: 200,
    ...(typeof errorClass === 'string' ? { errorClass } : {}),
  });
}

export const newrelic = defineKeyCheckProvider({
  provider: 'newrelic',
  displayName: 'New Relic',
  label: 'New Relic',
  authTypes: {
    api_key: {
      ...apiKeyCredentials(),
      config: configObject({ region: Type.Optional(Type.String({ pattern: '^(US|EU|us|eu)$', description: 'US or EU' })) }),
    },
  },
  target: ({ config }) => ({
    key: typeof config.region === 'string' && config.region.toUpperCase() === 'EU' ? 'newrelic_eu' : 'newrelic',
    message: 'the New Relic API base URL is not configured correctly',
  }),
  request: ({ credentials }) => ({
    path: '/graphql',
    method: 'POST',
    headers: { 'api-key': String(credentials.api_key), 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ actor { user { email } } }' }),
    okMessage: 'New Relic accepted the API key',
    interpret,
  }),
});
