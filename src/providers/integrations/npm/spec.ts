// GET {registry}/-/whoami with the token; private registries give their URL in the credential.
import { Type } from 'typebox';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { credentialsObject, httpUrl, secretString } from '../fields.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { urlFields } from '../refinements.ts';

const npmToken: AuthTypeDefinition = {
  credentials: credentialsObject({ token: secretString(), registry_url: Type.Optional(httpUrl()) }),
  secretFields: ['token'],
  refine: urlFields('credentials', ['registry_url']),
};

export const npm = defineKeyCheckProvider({
  provider: 'npm',
  displayName: 'npm',
  label: 'the npm registry',
  authTypes: { pat: npmToken, bearer: npmToken },
  target: ({ credentials }) => ({
    url: credentials.registry_url,
    key: 'npm',
    field: 'credentials.registry_url',
    message: 'the npm registry URL is not usable',
  }),
  request: ({ credentials }) => ({
    path: '/-/whoami',
    headers: { authorization: `Bearer ${String(credentials.token)}`, accept: 'application/json' },
    okMessage: 'the npm registry accepted the token',
    okDetails: (r) => {
      const username = r.json<{ username?: unknown }>()?.username;
      return typeof username === 'string' ? { username } : undefined;
    },
  }),
});
