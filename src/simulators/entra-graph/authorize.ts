import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import { type EntraContext, issueAccessToken } from './access-token.ts';
import { entraErrorBody, sendJson } from './responses.ts';
import type { SimTenant, SimUser } from './state.ts';

export type { IdTokenTamper } from './state.ts';

// The OpenID Connect authorization-code flow of the identity platform, as far as a consent link
// uses it: GET /{tenant}/oauth2/v2.0/authorize signs "the browser's user" in (the tenant's
// signed-in user, a Global Administrator unless a test says otherwise), grants tenant-wide
// consent when prompt=admin_consent and that user is an administrator, and redirects back with a
// single-use code bound to the app, the redirect URI, the tenant, the PKCE challenge and the
// nonce. The token endpoint (entra.ts) redeems it with redeemCode for an ID token signed with the
// key published at /{tenant}/discovery/v2.0/keys.

/** Directory roles that may grant tenant-wide consent (role template ids, as in `wids`). */
export const SIM_ADMIN_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
} as const;
/** Directory Readers: a role, but not one that can consent. */
export const SIM_DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';
/** The "User" role template every member holds; Entra lists it in `wids` too. */
export const SIM_USER_ROLE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

const ADMINS = new Set<string>(Object.values(SIM_ADMIN_ROLES));
const CODE_LIFETIME_MS = 10 * 60 * 1000;
const ID_TOKEN_LIFETIME_S = 3600;

function signedInUser(tenant: SimTenant): SimUser {
  return tenant.signedInUser ?? { oid: tenant.defaultAdminOid, wids: [SIM_ADMIN_ROLES.globalAdministrator, SIM_USER_ROLE] };
}

export function handleAuthorize(ctx: EntraContext, url: URL, res: ServerResponse, tenantSegment: string): void {
  const p = url.searchParams;
  const clientId = p.get('client_id') ?? '';
  const redirectUri = p.get('redirect_uri');
  const tenant = ctx.state.findTenant(tenantSegment);
  ctx.state.count('consent', tenant?.id ?? tenantSegment, clientId);
  // Errors before a trustworthy redirect URI is known are shown on Microsoft's own page.
  const page = (code: number) => {
    const { status, body } = entraErrorBody(code, { clientId, tenant: tenantSegment, authorityHost: ctx.baseUrl() });
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><h1>Sign in</h1><p>${body.error_description.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p></body></html>`);
  };
  if (!clientId || !redirectUri || !p.get('scope')) return page(900144);
  const app = ctx.state.apps.get(clientId);
  if (!tenant) return page(90002);
  if (!app) return page(700016);
  if (app.redirectUris.length > 0 && !app.redirectUris.includes(redirectUri)) return page(50011);

  const back = new URL(redirectUri);
  const state = p.get('state');
  const redirect = () => {
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() });
    res.end();
  };
  const refuse = (error: string, code: number, description?: string) => {
    back.searchParams.set('error', error);
    back.searchParams.set(
      'error_description',
      description ??
        `AADSTS${code}: ${entraErrorBody(code, { clientId, tenant: tenantSegment, authorityHost: ctx.baseUrl() }).body.error_description.replace(/^AADSTS\d+: /, '')}`,
    );
    redirect();
  };

  const failure = ctx.state.takeFailure('consent', tenant.id, clientId);
  if (failure?.kind === 'hang') return ctx.onHang(res);
  if (failure?.kind === 'status') {
    res.writeHead(failure.status, { 'content-type': 'text/plain' });
    res.end('Simulated failure');
    return;
  }
  if (failure?.kind === 'consent_refused') return refuse(failure.error ?? 'access_denied', 65004, failure.description);
  if (failure?.kind === 'aadsts') return refuse(failure.error ?? 'invalid_request', failure.code, failure.description);

  if (p.get('response_type') !== 'code') return refuse('unsupported_response_type', 70003);
  const challenge = p.get('code_challenge');
  const method = p.get('code_challenge_method') ?? (challenge ? 'plain' : null);
  if (method !== null && method !== 'S256' && method !== 'plain') return refuse('invalid_request', 900144);

  const user = signedInUser(tenant);
  const admin = user.wids.some((w) => ADMINS.has(w));
  if (p.get('prompt') === 'admin_consent') {
    if (!admin) return refuse('access_denied', 90094);
    tenant.grants.set(clientId, [...new Set([...(tenant.grants.get(clientId) ?? []), ...app.consentRoles])]);
  } else if (!tenant.grants.has(clientId)) {
    // Without consent in the tenant an ordinary sign-in cannot proceed.
    return refuse('consent_required', 65001);
  }
  const code = randomBytes(32).toString('base64url');
  ctx.state.codes.set(code, {
    tenantId: tenant.id,
    clientId,
    redirectUri,
    challenge,
    method,
    nonce: p.get('nonce'),
    user: { ...user, wids: [...user.wids] },
    expiresAt: Date.now() + CODE_LIFETIME_MS,
    redeemed: false,
  });
  back.searchParams.set('code', code);
  back.searchParams.set('session_state', randomUUID());
  redirect();
}

/**
 * The authorization_code grant, after the client authenticated. Returns the AADSTS code to refuse
 * with, or writes the token answer (access token + ID token).
 */
export async function redeemCode(
  ctx: EntraContext,
  res: ServerResponse,
  form: URLSearchParams,
  tenant: SimTenant,
  clientId: string,
): Promise<number | undefined> {
  const code = form.get('code') ?? '';
  const entry = ctx.state.codes.get(code);
  if (!entry) return 70000;
  if (entry.redeemed) return 54005;
  if (entry.expiresAt < Date.now()) return 70008;
  if (entry.tenantId !== tenant.id) return 700005;
  if (entry.clientId !== clientId || entry.redirectUri !== form.get('redirect_uri')) return 70000;
  const verifier = form.get('code_verifier');
  if (entry.challenge !== null) {
    if (!verifier) return 50148;
    const computed = entry.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
    if (computed !== entry.challenge) return 50148;
  }
  entry.redeemed = true;

  const now = Math.floor(Date.now() / 1000);
  let claims: Record<string, unknown> = {
    ver: '2.0',
    iss: `${ctx.baseUrl()}/${tenant.id}/v2.0`,
    sub: createHash('sha256').update(`${entry.user.oid}|${clientId}`).digest('base64url'),
    aud: clientId,
    iat: now,
    nbf: now,
    exp: now + ID_TOKEN_LIFETIME_S,
    tid: tenant.id,
    oid: entry.user.oid,
    name: 'Simulated Administrator',
    preferred_username: `admin@${tenant.domain}`,
    ...(entry.nonce !== null ? { nonce: entry.nonce } : {}),
    ...(entry.user.wids.length ? { wids: entry.user.wids } : {}),
  };
  const tamper = ctx.state.idTokenTamper;
  if (tamper?.claims) claims = tamper.claims(claims);
  const key = tamper?.foreignKey ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : ctx.signingKey;
  const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: ctx.keyId }).sign(key);

  const lifetime = ctx.tokenLifetimeSeconds();
  sendJson(
    res,
    200,
    {
      token_type: 'Bearer',
      scope: form.get('scope') ?? '',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: await issueAccessToken(ctx, tenant, clientId, lifetime),
      id_token: idToken,
    },
    { 'cache-control': 'no-store' },
  );
  return undefined;
}
