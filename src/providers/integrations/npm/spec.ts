// GET {registry}/-/whoami with the token; private registries give their URL in the credential.
import { Type } from 'typebox';
import { baseUrlFor } from '../base-urls.ts';
import { defineProvider } from '../define-provider.ts';
import { credentialsObject, httpUrl, secretString } from '../fields.ts';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { urlFields } from '../refinements.ts';
import { missingConfiguration } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';
import { parseBaseUrl } from '../url.ts';

const npmToken: AuthTypeDefinition = {
  credentials: credentialsObject({ token: secretString(), registry_url: Type.Optional(httpUrl()) }),
  secretFields: ['token'],
  refine: urlFields('credentials', ['registry_url']),
};

export const npm = defineProvider({
  provider: 'npm',
  displayName: 'npm',
  authTypes: { pat: npmToken, bearer: npmToken },
  async verify(_authType, credentials, _config, ctx) {
    const parsed = parseBaseUrl(credentials.registry_url ?? baseUrlFor(ctx.baseUrls, 'npm'));
    if (!parsed.ok) return missingConfiguration('credentials.registry_url', 'the npm registry URL is not usable');
    return simpleCheck(ctx, {
      provider: 'npm',
      label: 'the npm registry',
      base: parsed.url,
      path: '/-/whoami',
      headers: { authorization: `Bearer ${String(credentials.token)}`, accept: 'application/json' },
      okMessage: 'the npm registry accepted the token',
      okDetails: (r) => {
        const username = r.json<{ username?: unknown }>()?.username;
        return typeof username === 'string' ? { username } : undefined;
      },
    });
  },
});
