import type { ProviderCheckResult } from '../../reason-codes.ts';
import type { IntegrationAuthType } from '../names.ts';
import { missingConfiguration, ok } from '../results.ts';
import { basicAuth, send } from '../send.ts';
import type { Credentials, VerifyContext } from '../types.ts';
import { joinUrl, seg } from '../url.ts';
import { fromGithubStatus, githubBase, githubHeaders } from './api.ts';
import { createInstallationToken, signAppJwt } from './app-auth.ts';

const LABEL = 'GitHub';

async function verifyPat(ctx: VerifyContext, base: URL, token: string): Promise<ProviderCheckResult> {
  const sent = await send(ctx, 'github', LABEL, joinUrl(base, '/user'), { headers: githubHeaders(`Bearer ${token}`), credentialOrigin: base.origin });
  if (!sent.ok) return sent.result;
  const login = sent.response.json<{ login?: unknown }>()?.login;
  if (sent.response.status === 200) return ok('GitHub accepted the token', typeof login === 'string' ? { login } : undefined);
  return fromGithubStatus('github', LABEL, sent.response);
}

async function verifyApp(ctx: VerifyContext, base: URL, credentials: Credentials): Promise<ProviderCheckResult> {
  const jwt = await signAppJwt(credentials.appId, credentials.privateKey);
  if (!jwt.ok) return jwt.result;
  if (credentials.installationId !== undefined) {
    // Proves both the key and that the app is still installed where it is meant to be.
    const token = await createInstallationToken(ctx, base, jwt.value, String(credentials.installationId));
    return token.ok ? ok('GitHub accepted the app key and issued an installation token', { installationId: String(credentials.installationId) }) : token.result;
  }
  const sent = await send(ctx, 'github', LABEL, joinUrl(base, '/app'), { headers: githubHeaders(`Bearer ${jwt.value}`), credentialOrigin: base.origin });
  if (!sent.ok) return sent.result;
  const slug = sent.response.json<{ slug?: unknown }>()?.slug;
  if (sent.response.status === 200) return ok('GitHub accepted the app key', typeof slug === 'string' ? { appSlug: slug } : undefined);
  return fromGithubStatus('github', LABEL, sent.response);
}

/**
 * OAuth App credentials have no "who am I" call. "Check a token" authenticates with the client
 * id and secret; asked about a token that does not exist, it answers 404 (or 422) only once
 * the client credentials themselves were accepted, and 401 when they were not.
 */
async function verifyOAuthApp(ctx: VerifyContext, base: URL, credentials: Credentials): Promise<ProviderCheckResult> {
  const clientId = String(credentials.client_id);
  const sent = await send(ctx, 'github', LABEL, joinUrl(base, `/applications/${seg(clientId)}/token`), {
    method: 'POST',
    headers: { ...githubHeaders(basicAuth(clientId, String(credentials.client_secret))), 'content-type': 'application/json' },
    body: JSON.stringify({ access_token: 'switchboard-verification-probe' }),
    credentialOrigin: base.origin,
  });
  if (!sent.ok) return sent.result;
  if (sent.response.status === 404 || sent.response.status === 422) return ok('GitHub accepted the OAuth App client credentials');
  return fromGithubStatus('github', LABEL, sent.response);
}

export async function verifyGithub(authType: IntegrationAuthType, credentials: Credentials, ctx: VerifyContext): Promise<ProviderCheckResult> {
  const base = githubBase(ctx);
  if (!base.ok) return missingConfiguration('baseUrls.github', 'the GitHub API base URL is not configured correctly');
  if (authType === 'app') return verifyApp(ctx, base.url, credentials);
  if (authType === 'oauth') return verifyOAuthApp(ctx, base.url, credentials);
  return verifyPat(ctx, base.url, String(credentials.token));
}
