// GET /copilot_internal/user on the GitHub API answers for a token whose user has Copilot;
// a 404 there means the token is fine but the user has no Copilot seat.
import { defineProvider } from '../define-provider.ts';
import { credentialsObject, secretString } from '../fields.ts';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { fromGithubStatus, githubBase, githubHeaders } from '../github/api.ts';
import { ext, missingConfiguration, result } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';

const copilotToken: AuthTypeDefinition = { credentials: credentialsObject({ token: secretString() }), secretFields: ['token'] };

export const copilot = defineProvider({
  provider: 'ai_github_copilot',
  displayName: 'GitHub Copilot',
  authTypes: { oauth: copilotToken, pat: copilotToken, bearer: copilotToken, api_key: copilotToken },
  async verify(_authType, credentials, _config, ctx) {
    const base = githubBase(ctx, 'ai_github_copilot');
    if (!base.ok) return missingConfiguration('baseUrls.ai_github_copilot', 'the GitHub API base URL is not configured correctly');
    return simpleCheck(ctx, {
      provider: 'ai_github_copilot',
      label: 'GitHub Copilot',
      base: base.url,
      path: '/copilot_internal/user',
      headers: githubHeaders(`Bearer ${String(credentials.token)}`),
      okMessage: 'GitHub accepted the Copilot token',
      interpret: (r) => {
        if (r.status === 200) return undefined;
        if (r.status === 404) return result(ext('ai_github_copilot', 'no_copilot_access'), 'the token is valid but its user has no Copilot access', { httpStatus: 404 });
        return fromGithubStatus('ai_github_copilot', 'GitHub Copilot', r);
      },
    });
  },
});
