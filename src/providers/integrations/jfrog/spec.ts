// JFrog Platform: an access token (bearer/pat) or a legacy API key, checked with the system
// ping, which answers 401 to a credential it does not accept even where anonymous access is on.
import type { AuthTypeDefinition } from '../define-provider.ts';
import { credentialsObject, httpUrl, secretString } from '../fields.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { urlFields } from '../refinements.ts';

const accessToken: AuthTypeDefinition = {
  credentials: credentialsObject({ base_url: httpUrl(), token: secretString() }),
  secretFields: ['token'],
  refine: urlFields('credentials', ['base_url']),
};

export const jfrog = defineKeyCheckProvider({
  provider: 'jfrog',
  displayName: 'JFrog',
  label: 'JFrog',
  authTypes: {
    bearer: accessToken,
    pat: accessToken,
    api_key: {
      credentials: credentialsObject({ base_url: httpUrl(), api_key: secretString() }),
      secretFields: ['api_key'],
      refine: urlFields('credentials', ['base_url']),
    },
  },
  target: ({ credentials }) => ({
    url: credentials.base_url,
    field: 'credentials.base_url',
    message: 'the JFrog platform URL is missing or not usable',
    suffix: '/artifactory',
  }),
  request: ({ authType, credentials }) => {
    const headers: Record<string, string> =
      authType === 'api_key' ? { 'x-jfrog-art-api': String(credentials.api_key) } : { authorization: `Bearer ${String(credentials.token)}` };
    return { path: '/artifactory/api/system/ping', headers, okMessage: 'JFrog accepted the credential' };
  },
});
