// GET /api/v4/user with the personal access token. Self-managed GitLab gives its URL in the
// credential; otherwise the operator's (or public) gitlab.com base is used.
import { Type } from 'typebox';
import { credentialsObject, httpUrl, secretString } from '../fields.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { urlFields } from '../refinements.ts';

export const gitlab = defineKeyCheckProvider({
  provider: 'gitlab',
  displayName: 'GitLab',
  label: 'GitLab',
  authTypes: {
    pat: {
      credentials: credentialsObject({ token: secretString(), base_url: Type.Optional(httpUrl()) }),
      secretFields: ['token'],
      refine: urlFields('credentials', ['base_url']),
    },
  },
  target: ({ credentials }) => ({
    url: credentials.base_url,
    key: 'gitlab',
    field: 'credentials.base_url',
    message: 'the GitLab URL is not usable',
    suffix: '/api/v4',
  }),
  request: ({ credentials }) => ({
    path: '/api/v4/user',
    headers: { 'private-token': String(credentials.token), accept: 'application/json' },
    okMessage: 'GitLab accepted the token',
    okDetails: (r) => {
      const username = r.json<{ username?: unknown }>()?.username;
      return typeof username === 'string' ? { username } : undefined;
    },
  }),
});
