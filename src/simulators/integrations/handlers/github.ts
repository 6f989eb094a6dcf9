// GitHub REST API as the adapters use it: PAT identity, App JWT (verified against the registered
// public key), installation lookup and tokens, repositories, OAuth App "check a token"; plus the
// Packages and Copilot endpoints served by their own simulated hosts.
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { basic, bearer, issueToken, json, notFound } from '../http.ts';
import type { Exchange, Handler } from '../types.ts';

function publicKeyOf(value: unknown): KeyObject | undefined {
  if (!value) return undefined;
  try {
    return typeof value === 'string' ? createPublicKey(value) : createPublicKey(value as KeyObject);
  } catch {
    return undefined;
  }
}

async function appJwtValid(ex: Exchange): Promise<boolean> {
  const app = ex.state.valid.github;
  const key = publicKeyOf(app?.publicKey);
  const token = bearer(ex);
  if (!app || !key || !token) return false;
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['RS256'], issuer: String(app.appId) });
    // GitHub refuses app JWTs that live longer than ten minutes.
    return typeof payload.iat === 'number' && typeof payload.exp === 'number' && payload.exp - payload.iat <= 660;
  } catch {
    return false;
  }
}

function tokenValid(ex: Exchange): boolean {
  const token = bearer(ex);
  if (!token) return false;
  if (token === ex.state.valid.github?.token) return true;
  return ex.state.issued.get(token)?.issuer === 'github_installation';
}

export const githubHandler: Handler = async (ex) => {
  const { method } = ex.req;
  const path = ex.url.pathname;
  const app = ex.state.valid.github;
  const installationId = app?.installationId === undefined ? undefined : String(app.installationId);

  if (method === 'GET' && path === '/user') {
    return tokenValid(ex) ? json(ex.res, 200, { login: 'octocat', id: 1 }) : json(ex.res, 401, { message: 'Bad credentials' });
  }
  if (method === 'GET' && path === '/app') {
    return (await appJwtValid(ex))
      ? json(ex.res, 200, { id: Number(app?.appId), slug: 'switchboard-sim' })
      : json(ex.res, 401, { message: 'A JSON web token could not be decoded' });
  }
  let match = /^\/app\/installations\/([^/]+)\/access_tokens$/.exec(path);
  if (method === 'POST' && match) {
    if (!(await appJwtValid(ex))) return json(ex.res, 401, { message: 'A JSON web token could not be decoded' });
    if (decodeURIComponent(match[1]) !== installationId) return notFound(ex);
    const token = issueToken('ghs_sim_');
    ex.state.issued.set(token, { issuer: 'github_installation', installationId });
    return json(ex.res, 201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString() });
  }
  match = /^\/repos\/([^/]+)\/([^/]+)\/installation$/.exec(path);
  if (method === 'GET' && match) {
    if (!(await appJwtValid(ex))) return json(ex.res, 401, { message: 'A JSON web token could not be decoded' });
    const repo = `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`;
    const repos = Array.isArray(app?.repositories) ? new Set(app.repositories as string[]) : ex.state.githubRepositories;
    if (installationId === undefined || !repos.has(repo)) return notFound(ex);
    return json(ex.res, 200, { id: Number(installationId), account: { login: decodeURIComponent(match[1]) } });
  }
  match = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path);
  if (method === 'GET' && match) {
    if (!tokenValid(ex)) return json(ex.res, 401, { message: 'Bad credentials' });
    const repo = `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`;
    return ex.state.githubRepositories.has(repo) ? json(ex.res, 200, { full_name: repo, private: true }) : notFound(ex);
  }
  match = /^\/applications\/([^/]+)\/token$/.exec(path);
  if (method === 'POST' && match) {
    const auth = basic(ex);
    const accepted = auth && auth.user === app?.client_id && auth.password === app?.client_secret && decodeURIComponent(match[1]) === app?.client_id;
    return accepted ? notFound(ex) : json(ex.res, 401, { message: 'Requires authentication' });
  }
  return notFound(ex);
};

export const githubPackagesHandler: Handler = (ex) => {
  if (ex.req.method === 'GET' && ex.url.pathname === '/user/packages') {
    if (ex.url.searchParams.get('package_type') !== 'npm') return json(ex.res, 400, { message: 'package_type is required' });
    return bearer(ex) === ex.state.valid.github_packages?.token ? json(ex.res, 200, []) : json(ex.res, 401, { message: 'Bad credentials' });
  }
  return notFound(ex);
};

export const copilotHandler: Handler = (ex) => {
  if (ex.req.method === 'GET' && ex.url.pathname === '/copilot_internal/user') {
    return bearer(ex) === ex.state.valid.ai_github_copilot?.token
      ? json(ex.res, 200, { copilot_plan: 'business', chat_enabled: true })
      : json(ex.res, 401, { message: 'Bad credentials' });
  }
  return notFound(ex);
};
