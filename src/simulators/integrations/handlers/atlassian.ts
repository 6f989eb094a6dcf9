// Jira Cloud "myself" with basic auth, the Atlassian OAuth token endpoint for client
// credentials, and the API gateway path /ex/jira/{cloudId}/... that accepts those tokens.
import { basic, bearer, issueToken, json, notFound } from '../http.ts';
import type { Handler } from '../types.ts';

const ME = { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Sim User', active: true };

export const jiraHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/rest/api/3/myself') return notFound(ex);
  const valid = ex.state.valid.jira;
  const auth = basic(ex);
  const accepted = auth !== undefined && valid?.username !== undefined && auth.user === valid.username && auth.password === valid.api_token;
  return accepted ? json(ex.res, 200, ME) : json(ex.res, 401, { message: 'Client must be authenticated to access this resource.' });
};

export const atlassianAuthHandler: Handler = (ex) => {
  if (ex.req.method !== 'POST' || ex.url.pathname !== '/oauth/token') return notFound(ex);
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(ex.body) as Record<string, unknown>;
  } catch {
    return json(ex.res, 400, { error: 'invalid_request' });
  }
  const valid = ex.state.valid.jira;
  if (body.grant_type !== 'client_credentials') return json(ex.res, 400, { error: 'unsupported_grant_type' });
  if (!valid?.client_id || body.client_id !== valid.client_id || body.client_secret !== valid.client_secret) {
    return json(ex.res, 401, { error: 'access_denied', error_description: 'Unauthorized' });
  }
  const token = issueToken('sim-atlassian-');
  ex.state.issued.set(token, { issuer: 'atlassian' });
  return json(ex.res, 200, { access_token: token, expires_in: 3600, token_type: 'Bearer' });
};

export const atlassianApiHandler: Handler = (ex) => {
  const match = /^\/ex\/jira\/([^/]+)\/rest\/api\/3\/myself$/.exec(ex.url.pathname);
  if (ex.req.method !== 'GET' || !match) return notFound(ex);
  const token = bearer(ex);
  if (!token || ex.state.issued.get(token)?.issuer !== 'atlassian') return json(ex.res, 401, { code: 401, message: 'Unauthorized' });
  if (decodeURIComponent(match[1]) !== ex.state.valid.jira?.cloud_id) return notFound(ex);
  return json(ex.res, 200, ME);
};
