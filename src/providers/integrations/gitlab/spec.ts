// GET /api/v4/user with the personal access token. Self-managed GitLab gives its URL in the
// credential; otherwise the operator's (or public) gitlab.com base is used.
import { Type } from 'typebox';
import { baseUrlFor } from '../base-urls.ts';
import { defineProvider } from '../define-provider.ts';
import { credentialsObject, httpUrl, secretString } from '../fields.ts';
import { urlFields } from '../refinements.ts';
import { missingConfiguration } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';
import { parseBaseUrl, stripSuffix } from '../url.ts';

export const gitlab = defineProvider({
  provider: 'gitlab',
  displayName: 'GitLab',
  authTypes: {
    pat: {
      credentials: credentialsObject({ token: secretString(), base_url: Type.Optional(httpUrl()) }),
      secretFields: ['token'],
      refine: urlFields('credentials', ['base_url']),
    },
  },
  async verify(_authType, credentials, _config, ctx) {
    const parsed = parseBaseUrl(credentials.base_url ?? baseUrlFor(ctx.baseUrls, 'gitlab'));
    if (!parsed.ok) return missingConfiguration('credentials.base_url', 'the GitLab URL is not usable');
    const base = stripSuffix(parsed.url, '/api/v4');
    return simpleCheck(ctx, {
      provider: 'gitlab',
      label: 'GitLab',
      base,
      path: '/api/v4/user',
      headers: { 'private-token': String(credentials.token), accept: 'application/json' },
      okMessage: 'GitLab accepted the token',
      okDetails: (r) => {
        const username = r.json<{ username?: unknown }>()?.username;
        return typeof username === 'string' ? { username } : undefined;
      },
    });
  },
});
