// Bearer JWTs from a configured OIDC issuer, verified against its JWKS (jose caches the key set
// and refetches on an unknown key id). Claims name the workspace and the role. A JWT must say
// when it ends (`exp`), is judged with at most 5 s of clock skew, and, with a maximum age set,
// must say when it was issued (`iat`) and be younger than that.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';

export interface OidcIdentity {
  subject: string;
  workspaceId: string;
  role: string;
  email: string | null;
  expiresAt: Date;
}

/** Clocks of issuer and service may differ by this much, no more (a stolen expired JWT stays expired). */
const OIDC_CLOCK_TOLERANCE_SECONDS = 5;

export function createOidcVerifier(cfg: OidcConfig) {
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
  async function keySet() {
    if (jwks) return jwks;
    let url = cfg.jwksUrl;
    if (!url) {
      const res = await fetch(`${cfg.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new AppError('auth.oidc_unavailable', 'the OIDC issuer discovery document could not be loaded');
      url = ((await res.json()) as { jwks_uri: string }).jwks_uri;
    }
    jwks = createRemoteJWKSet(new URL(url));
    return jwks;
  }
  return async function verify(token: string): Promise<OidcIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), {
        issuer: cfg.issuer,
        audience: cfg.audience,
        clockTolerance: OIDC_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: cfg.maxTokenAgeSeconds > 0 ? ['exp', 'iat'] : ['exp'],
        ...(cfg.maxTokenAgeSeconds > 0 ? { maxTokenAge: cfg.maxTokenAgeSeconds } : {}),
      }));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('auth.invalid_token', 'the bearer token is not valid');
    }
    const workspaceId = payload[cfg.workspaceClaim];
    const role = payload[cfg.roleClaim];
    if (typeof workspaceId !== 'string' || typeof role !== 'string' || !payload.sub) {
      throw new AppError('auth.invalid_token', `the token must carry "sub", "${cfg.workspaceClaim}" and "${cfg.roleClaim}" claims`);
    }
    const email = payload[cfg.emailClaim];
    return { subject: payload.sub, workspaceId, role, email: typeof email === 'string' ? email : null, expiresAt: new Date(payload.exp! * 1000) };
  };
}
