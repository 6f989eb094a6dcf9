import { defineProvider } from '../define-provider.ts';
import { githubApp, githubOAuthApp, githubPat } from './shapes.ts';
import { verifyGithub } from './verify.ts';

export const github = defineProvider({
  provider: 'github',
  displayName: 'GitHub',
  authTypes: { pat: githubPat, app: githubApp, oauth: githubOAuthApp },
  verify: (authType, credentials, _config, ctx) => verifyGithub(authType, credentials, ctx),
});
