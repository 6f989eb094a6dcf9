// Client-credentials token for a service principal, scoped to Azure DevOps (its well-known
// resource id 499b84ac-...). The client secret goes only to the Entra authority's origin.
import type { ProviderCheckResult } from '../../reason-codes.ts';
import { baseUrlFor } from '../base-urls.ts';
import { ext, fromStatus, missingConfiguration, result } from '../results.ts';
import { send } from '../send.ts';
import type { Credentials, VerifyContext } from '../types.ts';
import { joinUrl, parseBaseUrl, seg } from '../url.ts';

const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';
const LABEL = 'Microsoft Entra ID';

type TokenStep = { ok: true; token: string } | { ok: false; result: ProviderCheckResult };

export async function requestAzureDevOpsToken(credentials: Credentials, ctx: VerifyContext): Promise<TokenStep> {
  const authority = parseBaseUrl(credentials.entra_authority_url ?? baseUrlFor(ctx.baseUrls, 'entra'));
  if (!authority.ok) return { ok: false, result: missingConfiguration('credentials.entra_authority_url', 'the Entra authority URL is not usable') };
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: String(credentials.client_id),
    client_secret: String(credentials.client_secret),
    scope: AZURE_DEVOPS_SCOPE,
  });
  const sent = await send(ctx, 'azure-devops', LABEL, joinUrl(authority.url, `/${seg(String(credentials.tenant_id))}/oauth2/v2.0/token`), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
    credentialOrigin: authority.origin,
  });
  if (!sent.ok) return sent;
  const { response } = sent;
  const answer = response.json<{ access_token?: unknown; error?: unknown; error_description?: unknown }>() ?? {};
  if (response.status === 200 && typeof answer.access_token === 'string' && answer.access_token) {
    return { ok: true, token: answer.access_token };
  }
  const error = typeof answer.error === 'string' ? answer.error : undefined;
  const aadsts = typeof answer.error_description === 'string' ? /AADSTS\d+/.exec(answer.error_description)?.[0] : undefined;
  const details = { httpStatus: response.status, ...(error ? { entraError: error } : {}), ...(aadsts ? { entraCode: aadsts } : {}) };
  if ((response.status === 400 || response.status === 401) && (error === 'invalid_client' || error === 'unauthorized_client')) {
    return { ok: false, result: result('authentication_failed', 'Microsoft Entra ID rejected the service principal credentials', details) };
  }
  if (aadsts === 'AADSTS90002' || aadsts === 'AADSTS900023') {
    return { ok: false, result: result(ext('azure-devops', 'tenant_not_found'), 'Microsoft Entra ID does not know the tenant', details) };
  }
  if (response.status === 400) {
    return { ok: false, result: result(ext('azure-devops', 'token_request_rejected'), 'Microsoft Entra ID rejected the token request', details) };
  }
  const mapped = fromStatus('azure-devops', LABEL, response);
  return { ok: false, result: { ...mapped, details: { ...mapped.details, ...details } } };
}
