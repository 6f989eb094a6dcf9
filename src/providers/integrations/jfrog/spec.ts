// JFrog Platform: an access token (bearer/pat) or a legacy API key, checked with the system
// ping, which answers 401 to a credential it does not accept even where anonymous access is on.
import { defineProvider } from '../define-provider.ts';
import { credentialsObject, httpUrl, secretString } from '../fields.ts';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { urlFields } from '../refinements.ts';
import { missingConfiguration } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';
import { parseBaseUrl, stripSuffix } from '../url.ts';

const accessToken: AuthTypeDefinition = {
  credentials: credentialsObject({ base_url: httpUrl(), token: secretString() }),
  secretFields: ['token'],
  refine: urlFields('credentials', ['base_url']),
};

export const jfrog = defineProvider({
  provider: 'jfrog',
  displayName: 'JFrog',
  authTypes: {
    bearer: accessToken,
    pat: accessToken,
    api_key: {
      credentials: credentialsObject({ base_url: httpUrl(), api_key: secretString() }),
      secretFields: ['api_key'],
      refine: urlFields('credentials', ['base_url']),
    },
  },
  async verify(authType, credentials, _config, ctx) {
    const parsed = parseBaseUrl(credentials.base_url);
    if (!parsed.ok) return missingConfiguration('credentials.base_url', 'the JFrog platform URL is missing or not usable');
    const headers: Record<string, string> =
      authType === 'api_key' ? { 'x-jfrog-art-api': String(credentials.api_key) } : { authorization: `Bearer ${String(credentials.token)}` };
    return simpleCheck(ctx, {
      provider: 'jfrog',
      label: 'JFrog',
      base: stripSuffix(parsed.url, '/artifactory'),
      path: '/artifactory/api/system/ping',
      headers,
      okMessage: 'JFrog accepted the credential',
    });
  },
});
