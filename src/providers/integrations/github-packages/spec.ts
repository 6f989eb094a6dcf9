// Listing the token owner's npm packages needs read:packages, which is what a packages token is for.
import { credentialsObject, secretString } from '../fields.ts';
import { fromGithubStatus, githubHeaders } from '../github/api.ts';
import { defineKeyCheckProvider } from '../key-check.ts';

export const githubPackages = defineKeyCheckProvider({
  provider: 'github_packages',
  displayName: 'GitHub Packages',
  label: 'GitHub Packages',
  authTypes: { pat: { credentials: credentialsObject({ token: secretString() }), secretFields: ['token'] } },
  target: () => ({ key: 'github_packages', message: 'the GitHub API base URL is not configured correctly' }),
  request: ({ credentials }) => ({
    path: '/user/packages',
    query: { package_type: 'npm' },
    headers: githubHeaders(`Bearer ${String(credentials.token)}`),
    okMessage: 'GitHub accepted the packages token',
    interpret: (r) => (r.status === 200 ? undefined : fromGithubStatus('github_packages', 'GitHub Packages', r)),
  }),
});
