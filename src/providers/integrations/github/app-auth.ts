// The GitHub App calls: sign the app JWT, find the installation for a repository, and exchange
// the JWT for an installation token. Each returns either its value or a finished result.
import type { ProviderCheckResult } from '../../reason-codes.ts';
import { ext, missingConfiguration, result } from '../results.ts';
import { send } from '../send.ts';
import type { VerifyContext } from '../types.ts';
import { joinUrl, seg } from '../url.ts';
import { createAppJwt } from './app-jwt.ts';
import { fromGithubStatus, githubHeaders } from './api.ts';

type Step<T> = { ok: true; value: T } | { ok: false; result: ProviderCheckResult };

const LABEL = 'GitHub';

export async function signAppJwt(appId: unknown, privateKey: unknown): Promise<Step<string>> {
  try {
    return { ok: true, value: await createAppJwt(String(appId), String(privateKey)) };
  } catch {
    return { ok: false, result: missingConfiguration('credentials.privateKey', 'the GitHub App private key could not be loaded') };
  }
}

export async function findRepoInstallation(ctx: VerifyContext, base: URL, jwt: string, owner: string, repo: string): Promise<Step<string>> {
  const sent = await send(ctx, 'github', LABEL, joinUrl(base, `/repos/${seg(owner)}/${seg(repo)}/installation`), {
    headers: githubHeaders(`Bearer ${jwt}`),
    credentialOrigin: base.origin,
  });
  if (!sent.ok) return sent;
  const { response } = sent;
  if (response.status === 404) {
    return { ok: false, result: result(ext('github', 'app_not_installed'), `the GitHub App is not installed for ${owner}/${repo}`, { httpStatus: 404 }) };
  }
  const id = response.json<{ id?: unknown }>()?.id;
  if (response.status !== 200 || (typeof id !== 'number' && typeof id !== 'string')) return { ok: false, result: fromGithubStatus('github', LABEL, response) };
  return { ok: true, value: String(id) };
}

export interface InstallationToken {
  token: string;
  /** GitHub's `expires_at` in epoch milliseconds (null when absent or unreadable). */
  expiresAt: number | null;
}

export async function createInstallationToken(ctx: VerifyContext, base: URL, jwt: string, installationId: string): Promise<Step<InstallationToken>> {
  const sent = await send(ctx, 'github', LABEL, joinUrl(base, `/app/installations/${seg(installationId)}/access_tokens`), {
    method: 'POST',
    headers: githubHeaders(`Bearer ${jwt}`),
    credentialOrigin: base.origin,
  });
  if (!sent.ok) return sent;
  const { response } = sent;
  if (response.status === 404) {
    return { ok: false, result: result(ext('github', 'installation_not_found'), 'the GitHub App installation was not found', { httpStatus: 404 }) };
  }
  const body = response.json<{ token?: unknown; expires_at?: unknown }>();
  const token = body?.token;
  if (response.status !== 201 || typeof token !== 'string' || token.length === 0) {
    return { ok: false, result: fromGithubStatus('github', LABEL, response) };
  }
  const expiresAt = typeof body?.expires_at === 'string' ? Date.parse(body.expires_at) : Number.NaN;
  return { ok: true, value: { token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : null } };
}
