// Where the console keeps who is signed in: sessionStorage only, so the token lives as long as
// this browser tab and is never written to disk by the console. OIDC sign-in is the
// authorization-code flow with PKCE (a public client: no secret in the browser).
import type { ConsoleConfig } from './api-types.ts';

const TOKEN_KEY = 'switchboard.console.session';
const PKCE_KEY = 'switchboard.console.pkce';
const WORKSPACE_KEY = 'switchboard.console.workspace';
const RETURN_KEY = 'switchboard.console.return';

export interface StoredSession {
  token: string;
  via: 'token' | 'oidc';
  /** Epoch ms; OIDC tokens expire, API tokens may not. */
  expiresAt: number | null;
}

export function loadSession(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    if (typeof s.token !== 'string' || !s.token) return null;
    if (s.expiresAt && s.expiresAt <= Date.now()) {
      clearSession();
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function saveSession(s: StoredSession): void {
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(WORKSPACE_KEY);
}

export const savedWorkspace = () => sessionStorage.getItem(WORKSPACE_KEY);
export const saveWorkspace = (id: string) => sessionStorage.setItem(WORKSPACE_KEY, id);

export function rememberReturnPath(path: string): void {
  if (path && !path.startsWith('/sign-in') && !path.startsWith('/oidc/')) sessionStorage.setItem(RETURN_KEY, path);
}
export function takeReturnPath(): string {
  const p = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return p && p.startsWith('/') && !p.startsWith('//') ? p : '/tenants';
}

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes as ArrayBuffer)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const random = (n = 32) => b64url(crypto.getRandomValues(new Uint8Array(n)));

const oidcRedirectUri = () => `${location.origin}/console/oidc/callback`;

/** Step 1: remember a verifier, state and nonce, then send the browser to the issuer. */
export async function startOidcSignIn(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  if (!oidc.clientId || !oidc.authorizationEndpoint) throw new Error('OIDC sign-in is not configured on this server');
  const verifier = random(48);
  const state = random();
  const nonce = random();
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, nonce, issuer: oidc.issuer, at: Date.now() }));
  const url = new URL(oidc.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', oidcRedirectUri());
  url.searchParams.set('scope', oidc.scopes);
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

function jwtPayload(jwt: string): Record<string, unknown> | null {
  const part = jwt.split('.')[1];
  if (!part) return null;
  try {
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Step 2 (on /console/oidc/callback): check the state, trade the code and the verifier for
 * tokens at the token endpoint. The service verifies the JWT's signature, issuer and audience
 * on every request; here we only pick the token and check the nonce.
 */
export async function finishOidcSignIn(oidc: NonNullable<ConsoleConfig['oidc']>, search: string): Promise<StoredSession> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string; nonce: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  if (params.get('error')) throw new Error(`The identity provider refused the sign-in: ${params.get('error_description') || params.get('error')}`);
  if (!pending || !params.get('state') || params.get('state') !== pending.state)
    throw new Error('This sign-in answer does not match a sign-in started here; start again.');
  const code = params.get('code');
  if (!code) throw new Error('The identity provider sent no authorization code.');
  if (!oidc.tokenEndpoint || !oidc.clientId) throw new Error('OIDC sign-in is not configured on this server');
  const res = await fetch(oidc.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: oidcRedirectUri(),
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }).toString(),
    credentials: 'omit',
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    id_token?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
  if (!res.ok) throw new Error(`The token endpoint refused the code: ${body.error_description || body.error || res.status}`);
  if (body.id_token) {
    const claims = jwtPayload(body.id_token);
    if (claims && claims.nonce !== undefined && claims.nonce !== pending.nonce)
      throw new Error('The ID token does not belong to this sign-in (nonce mismatch).');
  }
  // The API wants a JWT for its audience: the access token when it is one, else the ID token.
  const token = body.access_token && body.access_token.split('.').length === 3 ? body.access_token : body.id_token;
  if (!token) throw new Error('The token endpoint returned no usable token.');
  const exp = jwtPayload(token)?.exp;
  const expiresAt = typeof exp === 'number' ? exp * 1000 : body.expires_in ? Date.now() + body.expires_in * 1000 : null;
  return { token, via: 'oidc', expiresAt };
}
