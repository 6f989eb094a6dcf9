// Azure DevOps connectiondata with its quirk (a credential it does not accept gets 203 and an
// HTML sign-in page, not 401) and a minimal Entra client-credentials token endpoint.
import { basic, bearer, issueToken, json, notFound, text } from '../http.ts';
import type { Handler } from '../types.ts';

const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';

export const azureDevOpsHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || !/^\/[^/]+\/_apis\/connectiondata$/.test(ex.url.pathname)) return notFound(ex);
  const valid = ex.state.valid['azure-devops'];
  const pat = basic(ex);
  const token = bearer(ex);
  const accepted =
    (pat !== undefined && pat.user === '' && valid?.token !== undefined && pat.password === valid.token) ||
    (token !== undefined && ex.state.issued.get(token)?.issuer === 'entra');
  if (!accepted) return text(ex.res, 203, '<html><body>Sign in to your account</body></html>', 'text/html');
  return json(ex.res, 200, {
    authenticatedUser: { id: '6f1b1c52-0000-4000-8000-000000000001', providerDisplayName: 'Sim User' },
    instanceId: '6f1b1c52-0000-4000-8000-0000000000aa',
  });
};

export const entraHandler: Handler = (ex) => {
  const match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(ex.url.pathname);
  if (ex.req.method !== 'POST' || !match) return notFound(ex);
  const form = new URLSearchParams(ex.body);
  const valid = ex.state.valid['azure-devops'];
  if (!valid || decodeURIComponent(match[1]) !== valid.tenant_id) {
    return json(ex.res, 400, { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' });
  }
  if (form.get('grant_type') !== 'client_credentials') return json(ex.res, 400, { error: 'unsupported_grant_type' });
  if (form.get('client_id') !== valid.client_id || form.get('client_secret') !== valid.client_secret) {
    return json(ex.res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
  }
  if (form.get('scope') !== AZURE_DEVOPS_SCOPE) return json(ex.res, 400, { error: 'invalid_scope', error_description: 'AADSTS70011: invalid scope.' });
  const accessToken = issueToken('sim-entra-');
  ex.state.issued.set(accessToken, { issuer: 'entra' });
  return json(ex.res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: accessToken });
};
