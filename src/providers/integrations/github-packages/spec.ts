// Listing the token owner's npm packages needs read:packages, which is what a packages token is for.
import { defineProvider } from '../define-provider.ts';
import { credentialsObject, secretString } from '../fields.ts';
import { fromGithubStatus, githubBase, githubHeaders } from '../github/api.ts';
import { missingConfiguration } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';

export const githubPackages = defineProvider({
  provider: 'github_packages',
  displayName: 'GitHub Packages',
  authTypes: { pat: { credentials: credentialsObject({ token: secretString() }), secretFields: ['token'] } },
  async verify(_authType, credentials, _config, ctx) {
    const base = githubBase(ctx, 'github_packages');
    if (!base.ok) return missingConfiguration('baseUrls.github_packages', 'the GitHub API base URL is not configured correctly');
    return simpleCheck(ctx, {
      provider: 'github_packages',
      label: 'GitHub Packages',
      base: base.url,
      path: '/user/packages',
      query: { package_type: 'npm' },
      headers: githubHeaders(`Bearer ${String(credentials.token)}`),
      okMessage: 'GitHub accepted the packages token',
      interpret: (r) => (r.status === 200 ? undefined : fromGithubStatus('github_packages', 'GitHub Packages', r)),
    });
  },
});
