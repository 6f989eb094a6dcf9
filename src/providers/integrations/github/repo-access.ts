// Platform health for a GitHub project: can these credentials read owner/repo right now?
// An App finds the repository's installation, exchanges its JWT for an installation token and
// reads the repository with it; a PAT reads the repository directly.
import type { ProviderCheckResult } from '../../reason-codes.ts';
import { ext, missingConfiguration, ok, result } from '../results.ts';
import { send } from '../send.ts';
import type { Credentials, VerifyContext } from '../types.ts';
import { joinUrl, seg } from '../url.ts';
import { fromGithubStatus, githubBase, githubHeaders } from './api.ts';
import { createInstallationToken, findRepoInstallation, signAppJwt } from './app-auth.ts';
import { github } from './spec.ts';

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Reads owner/repo with `authorization`: ok, `ext.github.repository_not_found`, or the status's usual meaning. */
export async function readRepo(ctx: VerifyContext, base: URL, authorization: string, owner: string, repo: string): Promise<ProviderCheckResult> {
  const sent = await send(ctx, 'github', 'GitHub', joinUrl(base, `/repos/${seg(owner)}/${seg(repo)}`), {
    headers: githubHeaders(authorization),
    credentialOrigin: base.origin,
  });
  if (!sent.ok) return sent.result;
  if (sent.response.status === 200) return ok(`repository ${owner}/${repo} is accessible`);
  if (sent.response.status === 404) {
    return result(ext('github', 'repository_not_found'), `repository ${owner}/${repo} was not found or is not accessible with these credentials`, {
      httpStatus: 404,
    });
  }
  return fromGithubStatus('github', 'GitHub', sent.response);
}

/** A project identifier that is not an owner/repo pair of GitHub names (never sent to GitHub). */
export function repoNameProblem(owner: string | undefined, repo: string | undefined): ProviderCheckResult | null {
  const valid = (name: string | undefined): name is string => name !== undefined && NAME.test(name) && name !== '.' && name !== '..';
  return valid(owner) && valid(repo) ? null : missingConfiguration('project', 'the project must be an owner/repo pair of GitHub names');
}

export async function githubRepoAccess(credentials: Credentials, owner: string, repo: string, ctx: VerifyContext): Promise<ProviderCheckResult> {
  const badName = repoNameProblem(owner, repo);
  if (badName) return badName;
  const base = githubBase(ctx);
  if (!base.ok) return missingConfiguration('baseUrls.github', 'the GitHub API base URL is not configured correctly');
  const isApp = credentials.appId !== undefined || credentials.privateKey !== undefined;
  const valid = github.validate(isApp ? 'app' : 'pat', credentials, undefined);
  if (!valid.ok) return missingConfiguration(valid.field, valid.message);
  if (!isApp) return readRepo(ctx, base.url, `Bearer ${String(credentials.token)}`, owner, repo);

  const jwt = await signAppJwt(credentials.appId, credentials.privateKey);
  if (!jwt.ok) return jwt.result;
  const installation = await findRepoInstallation(ctx, base.url, jwt.value, owner, repo);
  if (!installation.ok) return installation.result;
  const token = await createInstallationToken(ctx, base.url, jwt.value, installation.value);
  if (!token.ok) return token.result;
  return readRepo(ctx, base.url, `Bearer ${token.value.token}`, owner, repo);
}
