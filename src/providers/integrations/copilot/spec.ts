// GET /copilot_internal/user on the GitHub API answers for a token whose user has Copilot;
// a 404 there means the token is fine but the user has no Copilot seat.
import type { AuthTypeDefinition } from '../define-provider.ts';
import { credentialsObject, secretString } from '../fields.ts';
import { fromGithubStatus, githubHeaders } from '../github/api.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { ext, result } from '../results.ts';

const copilotToken: AuthTypeDefinition = { credentials: credentialsObject({ token: secretString() }), secretFields: ['token'] };

export const copilot = defineKeyCheckProvider({
  provider: 'ai_github_copilot',
  displayName: 'GitHub Copilot',
  label: 'GitHub Copilot',
  authTypes: { oauth: copilotToken, pat: copilotToken, bearer: copilotToken, api_key: copilotToken },
  target: () => ({ key: 'ai_github_copilot', message: 'the GitHub API base URL is not configured correctly' }),
  request: ({ credentials }) => ({
    path: '/copilot_internal/user',
    headers: githubHeaders(`Bearer ${String(credentials.token)}`),
    okMessage: 'GitHub accepted the Copilot token',
    interpret: (r) => {
      if (r.status === 200) return undefined;
      if (r.status === 404)
        return result(ext('ai_github_copilot', 'no_copilot_access'), 'the token is valid but its user has no Copilot access', { httpStatus: 404 });
      return fromGithubStatus('ai_github_copilot', 'GitHub Copilot', r);
    },
  }),
});
