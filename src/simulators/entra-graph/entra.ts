import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { type EntraContext, issueAccessToken } from './access-token.ts';
import { redeemCode } from './authorize.ts';
import { entraErrorBody, entraUnavailableBody, sendJson } from './responses.ts';
import type { SimCertificate, SimFailure } from './state.ts';

// The Microsoft identity platform side: the v2 token endpoint (client credentials, or an
// authorization code from authorize.ts; the client authenticates with a secret or a certificate
// assertion either way).

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ACCEPTED_SCOPES = new Set(['https://graph.microsoft.com/.default', '00000003-0000-0000-c000-000000000000/.default']);

export async function handleToken(ctx: EntraContext, req: IncomingMessage, res: ServerResponse, tenantSegment: string): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const clientId = form.get('client_id') ?? '';
  const tenant = ctx.state.findTenant(tenantSegment);
  const tenantId = tenant?.id ?? tenantSegment;
  ctx.state.count('token', tenantId, clientId);
  const fail = (code: number) => {
    const { status, body } = entraErrorBody(code, { clientId, tenant: tenantSegment, authorityHost: ctx.baseUrl() });
    sendJson(res, status, body);
  };

  const failure = ctx.state.takeFailure('token', tenantId, clientId);
  if (failure && applyEntraFailure(ctx, res, failure, { clientId, tenant: tenantSegment })) return;

  if (!tenant) return fail(90002);
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials' && grant !== 'authorization_code') return fail(70003);
  const app = ctx.state.apps.get(clientId);
  // A code is redeemed by the (multi-tenant) app it was issued to; app tokens need it installed.
  if (!app || (grant === 'client_credentials' && !tenant.grants.has(clientId))) return fail(700016);
  if (grant === 'client_credentials' && !ACCEPTED_SCOPES.has(form.get('scope') ?? '')) return fail(70011);

  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null) {
    if (![...app.secrets].some((s) => sameSecret(s, secret))) return fail(7000215);
  } else if (assertion !== null) {
    if (form.get('client_assertion_type') !== JWT_BEARER) return fail(7000218);
    const expectedAudience = `${ctx.baseUrl()}/${tenantSegment}/oauth2/v2.0/token`;
    const code = await verifyAssertion(assertion, app.certificates, clientId, expectedAudience);
    if (code !== undefined) return fail(code);
  } else {
    return fail(7000218);
  }

  if (grant === 'authorization_code') {
    const refused = await redeemCode(ctx, res, form, tenant, clientId);
    if (refused !== undefined) fail(refused);
    return;
  }

  const lifetime = ctx.tokenLifetimeSeconds();
  sendJson(
    res,
    200,
    {
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: await issueAccessToken(ctx, tenant, clientId, lifetime),
    },
    { 'cache-control': 'no-store' },
  );
}

/** Returns the AADSTS code to refuse with, or undefined when the assertion is good. */
async function verifyAssertion(assertion: string, certificates: readonly SimCertificate[], clientId: string, audience: string): Promise<number | undefined> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return 700027;
  }
  const s256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const cert = certificates.find((c) => (s256 ? c.x5tS256 === s256 : c.x5t === header.x5t));
  if (!cert) return 700027;
  try {
    await jwtVerify(assertion, cert.publicKey, {
      algorithms: ['RS256', 'PS256'],
      audience,
      requiredClaims: ['iss', 'sub', 'aud', 'jti', 'exp', 'nbf'],
      clockTolerance: 60,
    }).then(({ payload }) => {
      if (payload.iss !== clientId || payload.sub !== clientId) throw new Error('issuer');
    });
    return undefined;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return 700024;
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') return 700024;
    if (error instanceof Error && error.message === 'issuer') return 700021;
    return 700027;
  }
}

/** Writes the failure; false when the failure kind does not apply to this endpoint. */
function applyEntraFailure(ctx: EntraContext, res: ServerResponse, failure: SimFailure, p: { clientId: string; tenant: string }): boolean {
  if (failure.kind === 'hang') {
    ctx.onHang(res);
    return true;
  }
  if (failure.kind === 'aadsts') {
    const { status, body } = entraErrorBody(failure.code, { ...p, authorityHost: ctx.baseUrl() }, failure);
    sendJson(res, status, body);
    return true;
  }
  if (failure.kind === 'status') {
    const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
    sendJson(res, failure.status, entraUnavailableBody(), headers);
    return true;
  }
  return false;
}

function sameSecret(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
