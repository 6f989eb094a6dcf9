// GitLab, JFrog and npm registry identity/ping endpoints.
import { bearer, header, json, notFound, text } from '../http.ts';
import type { Handler } from '../types.ts';

export const gitlabHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/api/v4/user') return notFound(ex);
  const token = header(ex, 'private-token') ?? bearer(ex);
  return token !== undefined && token === ex.state.valid.gitlab?.token
    ? json(ex.res, 200, { id: 7, username: 'sim-user' })
    : json(ex.res, 401, { message: '401 Unauthorized' });
};

export const jfrogHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/artifactory/api/system/ping') return notFound(ex);
  const valid = ex.state.valid.jfrog;
  const token = bearer(ex);
  const apiKey = header(ex, 'x-jfrog-art-api');
  const accepted = (token !== undefined && token === valid?.token) || (apiKey !== undefined && apiKey === valid?.api_key);
  return accepted ? text(ex.res, 200, 'OK') : json(ex.res, 401, { errors: [{ status: 401, message: 'Bad credentials' }] });
};

export const npmHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/-/whoami') return notFound(ex);
  const token = bearer(ex);
  return token !== undefined && token === ex.state.valid.npm?.token
    ? json(ex.res, 200, { username: 'sim-user' })
    : json(ex.res, 401, { error: 'Unauthorized' });
};
