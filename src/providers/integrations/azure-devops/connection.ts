// GET {organization}/_apis/connectiondata. Azure DevOps does not fail bad credentials cleanly:
// it may answer 203 with a sign-in page, 302 to the sign-in host, or 202, so only an exact 200
// carrying an authenticated user counts as success.
import type { ProviderCheckResult } from '../../reason-codes.ts';
import { ext, fromStatus, missingConfiguration, ok, result } from '../results.ts';
import { basicAuth, send } from '../send.ts';
import type { Credentials, VerifyContext } from '../types.ts';
import { joinUrl, parseBaseUrl } from '../url.ts';
import { requestAzureDevOpsToken } from './entra-token.ts';

const LABEL = 'Azure DevOps';

function isServicePrincipal(credentials: Credentials): boolean {
  return credentials.client_id !== undefined || credentials.client_secret !== undefined || credentials.tenant_id !== undefined;
}

async function connectionData(ctx: VerifyContext, organizationUrl: URL, authorization: string): Promise<ProviderCheckResult> {
  const sent = await send(ctx, 'azure-devops', LABEL, joinUrl(organizationUrl, '/_apis/connectiondata'), {
    headers: { authorization, accept: 'application/json' },
    credentialOrigin: organizationUrl.origin,
  });
  if (!sent.ok) return sent.result;
  const { response } = sent;
  const details = { httpStatus: response.status };
  if (response.status === 200) {
    const user = response.json<{ authenticatedUser?: { id?: unknown; providerDisplayName?: unknown } }>()?.authenticatedUser;
    if (user && typeof user.id === 'string') {
      return ok('Azure DevOps accepted the credential', typeof user.providerDisplayName === 'string' ? { user: user.providerDisplayName } : undefined);
    }
    return result(ext('azure-devops', 'unexpected_response'), 'Azure DevOps answered 200 without an authenticated user', details);
  }
  if (response.status === 203 || response.status === 302) {
    return result('authentication_failed', `Azure DevOps did not accept the credential (answered ${response.status} with a sign-in response)`, details);
  }
  if (response.status === 404) return result(ext('azure-devops', 'organization_not_found'), 'the Azure DevOps organization was not found', details);
  if (response.status >= 200 && response.status < 300) {
    return result(ext('azure-devops', 'unexpected_status'), `Azure DevOps answered ${response.status} instead of 200`, details);
  }
  return fromStatus('azure-devops', LABEL, response);
}

/** Verifies Azure DevOps credentials (PAT or service principal) against the organization. */
export async function azureDevOpsConnection(credentials: Credentials, ctx: VerifyContext): Promise<ProviderCheckResult> {
  const organization = parseBaseUrl(credentials.organization_url);
  if (!organization.ok) return missingConfiguration('credentials.organization_url', 'the Azure DevOps organization URL is missing or not usable');
  if (!isServicePrincipal(credentials)) {
    // A PAT goes as Basic with an empty user name.
    return connectionData(ctx, organization.url, basicAuth('', String(credentials.token)));
  }
  const token = await requestAzureDevOpsToken(credentials, ctx);
  if (!token.ok) return token.result;
  return connectionData(ctx, organization.url, `Bearer ${token.token}`);
}
