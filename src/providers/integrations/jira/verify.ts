// Basic auth: GET {site}/rest/api/3/myself. OAuth 2.0 client credentials (service accounts):
// a token from the Atlassian token endpoint, then the same call through the API gateway at
// {api}/ex/jira/{cloud_id}/... which is where such tokens are accepted.
import type { ProviderCheckResult } from '../../reason-codes.ts';
import { baseUrlFor } from '../base-urls.ts';
import type { IntegrationAuthType } from '../names.ts';
import { ext, fromStatus, missingConfiguration, ok, result } from '../results.ts';
import { basicAuth, send } from '../send.ts';
import type { Credentials, VerifyContext } from '../types.ts';
import { joinUrl, parseBaseUrl, seg } from '../url.ts';

const LABEL = 'Jira';

async function myself(ctx: VerifyContext, base: URL, path: string, authorization: string): Promise<ProviderCheckResult> {
  const sent = await send(ctx, 'jira', LABEL, joinUrl(base, path), { headers: { authorization, accept: 'application/json' }, credentialOrigin: base.origin });
  if (!sent.ok) return sent.result;
  if (sent.response.status === 200) {
    const accountId = sent.response.json<{ accountId?: unknown }>()?.accountId;
    return ok('Jira accepted the credential', typeof accountId === 'string' ? { accountId } : undefined);
  }
  if (sent.response.status === 404) return result(ext('jira', 'site_not_found'), 'the Jira site was not found', { httpStatus: 404 });
  return fromStatus('jira', LABEL, sent.response);
}

async function clientCredentialsToken(
  ctx: VerifyContext,
  credentials: Credentials,
): Promise<{ ok: true; token: string } | { ok: false; result: ProviderCheckResult }> {
  const auth = parseBaseUrl(baseUrlFor(ctx.baseUrls, 'atlassian_auth'));
  if (!auth.ok) return { ok: false, result: missingConfiguration('baseUrls.atlassian_auth', 'the Atlassian token endpoint is not configured correctly') };
  const sent = await send(ctx, 'jira', 'the Atlassian token endpoint', joinUrl(auth.url, '/oauth/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: credentials.client_id,
      client_secret: credentials.client_secret,
      audience: 'api.atlassian.com',
    }),
    credentialOrigin: auth.origin,
  });
  if (!sent.ok) return sent;
  const token = sent.response.json<{ access_token?: unknown }>()?.access_token;
  if (sent.response.status === 200 && typeof token === 'string' && token) return { ok: true, token };
  if (sent.response.status === 400 || sent.response.status === 401 || sent.response.status === 403) {
    return { ok: false, result: result('authentication_failed', 'Atlassian rejected the OAuth client credentials', { httpStatus: sent.response.status }) };
  }
  return { ok: false, result: fromStatus('jira', 'the Atlassian token endpoint', sent.response) };
}

export async function verifyJira(authType: IntegrationAuthType, credentials: Credentials, ctx: VerifyContext): Promise<ProviderCheckResult> {
  if (authType === 'oauth_client_credentials') {
    const api = parseBaseUrl(baseUrlFor(ctx.baseUrls, 'atlassian_api'));
    if (!api.ok) return missingConfiguration('baseUrls.atlassian_api', 'the Atlassian API base URL is not configured correctly');
    const token = await clientCredentialsToken(ctx, credentials);
    if (!token.ok) return token.result;
    return myself(ctx, api.url, `/ex/jira/${seg(String(credentials.cloud_id))}/rest/api/3/myself`, `Bearer ${token.token}`);
  }
  const site = parseBaseUrl(credentials.base_url);
  if (!site.ok) return missingConfiguration('credentials.base_url', 'the Jira site URL is missing or not usable');
  return myself(ctx, site.url, '/rest/api/3/myself', basicAuth(String(credentials.username), String(credentials.api_token)));
}
