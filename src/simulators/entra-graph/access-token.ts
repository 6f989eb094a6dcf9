// What the token endpoint and the authorization-code redemption share: the signing context and
// the app-only access token Graph accepts (kept apart from entra.ts and authorize.ts, which both use it).
import { type KeyObject, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import type { SimState, SimTenant } from './state.ts';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

export interface EntraContext {
  state: SimState;
  baseUrl: () => string;
  signingKey: KeyObject;
  keyId: string;
  tokenLifetimeSeconds: () => number;
  onHang: (res: ServerResponse) => void;
}

export async function issueAccessToken(ctx: EntraContext, tenant: SimTenant, clientId: string, lifetimeSeconds: number): Promise<string> {
  const roles = tenant.grants.get(clientId) ?? [];
  const now = Math.floor(Date.now() / 1000);
  // Like Entra, an app with no granted application permissions gets a token without `roles`.
  return new SignJWT({ tid: tenant.id, appid: clientId, azp: clientId, idtyp: 'app', oid: randomUUID(), ver: '1.0', ...(roles.length ? { roles } : {}) })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: ctx.keyId })
    .setIssuer(`https://sts.windows.net/${tenant.id}/`)
    .setAudience(GRAPH_AUDIENCE)
    .setSubject(randomUUID())
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(ctx.signingKey);
}
