// Turns the Authorization header into a Principal: a Switchboard API token (looked up by its
// SHA-256) or an OIDC JWT. last_used_at is batched: written every few seconds for all tokens
// seen, not once per request, which would double the database work of every call.
// A token never holds more than the member on whose authority it was made holds now: its
// capabilities are cut to that member's current role, and it stops working when that member is
// disabled. An OIDC session whose email names a disabled member of its workspace is refused.
import type { Db } from '../db/database.ts';
import { ALL_CAPABILITIES, type Capability, isRole, ROLE_CAPABILITIES, WORKSPACE_CAPABILITIES } from '../core/access/capabilities.ts';
import type { Principal } from '../core/access/principal.ts';
import { AppError } from '../core/errors.ts';
import { hashToken, looksLikeApiToken } from '../core/identity/api-token.ts';
import { oidcWorkspaceMember } from '../core/identity/member-repository.ts';
import { findTokenByHash, touchTokens } from '../core/identity/token-repository.ts';
import type { OidcIdentity } from './oidc.ts';
import { isUuid } from '../lib/uuid.ts';

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Principal>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createAuthenticator(deps: { db: Db; verifyOidc?: (token: string) => Promise<OidcIdentity>; flushIntervalMs?: number }): Authenticator {
  const { db } = deps;
  let used = new Map<string, Date>();
  const flush = async () => {
    if (used.size === 0) return;
    const batch = used;
    used = new Map();
    await touchTokens(db, batch).catch(() => {
      for (const [k, v] of batch) if (!used.has(k)) used.set(k, v); // try again next time
    });
  };
  const timer = setInterval(() => void flush(), deps.flushIntervalMs ?? 5000);
  timer.unref();

  async function fromApiToken(token: string): Promise<Principal> {
    const t = await findTokenByHash(db, hashToken(token));
    if (!t || t.revoked_at || (t.expires_at && new Date(t.expires_at).getTime() <= Date.now()) || t.member_disabled_at || t.creator_disabled_at) {
      throw new AppError('auth.invalid_token', 'the API token is not valid');
    }
    used.set(t.id, new Date());
    let capabilities: Capability[];
    if (t.kind === 'vendor') capabilities = ALL_CAPABILITIES;
    else if (t.kind === 'member') capabilities = isRole(t.member_role ?? '') ? [...ROLE_CAPABILITIES[t.member_role as keyof typeof ROLE_CAPABILITIES]] : [];
    else capabilities = (t.capabilities ?? []).filter((c): c is Capability => (WORKSPACE_CAPABILITIES as string[]).includes(c));
    if (t.created_by_member_id) {
      const makerRole = isRole(t.creator_role ?? '') ? ROLE_CAPABILITIES[t.creator_role as keyof typeof ROLE_CAPABILITIES] : [];
      capabilities = capabilities.filter((c) => makerRole.includes(c));
    }
    return {
      kind: t.kind,
      workspaceId: t.workspace_id,
      tokenId: t.id,
      memberId: t.member_id,
      role: t.kind === 'member' && isRole(t.member_role ?? '') ? (t.member_role as Principal['role']) : null,
      capabilities: new Set(capabilities),
      providers: t.providers,
      projects: t.projects,
      actorId: t.kind === 'member' ? `member:${t.member_id}` : `token:${t.id}`,
      expiresAt: t.expires_at ? new Date(t.expires_at) : null,
    };
  }

  async function fromJwt(token: string): Promise<Principal> {
    if (!deps.verifyOidc) throw new AppError('auth.invalid_token', 'the bearer token is not valid');
    const id = await deps.verifyOidc(token);
    if (!isUuid(id.workspaceId) || !isRole(id.role)) throw new AppError('auth.invalid_token', 'the token names an unknown workspace or role');
    const found = await oidcWorkspaceMember(db, id.workspaceId, id.email);
    if (!found.workspace) throw new AppError('auth.invalid_token', 'the token names an unknown workspace or role');
    if (found.member?.disabled_at) throw new AppError('auth.invalid_token', 'the token names a disabled member');
    return {
      kind: 'member',
      workspaceId: id.workspaceId,
      tokenId: null,
      // The member the email names, if any: the maker of tokens this session mints.
      memberId: found.member?.id ?? null,
      role: id.role,
      capabilities: new Set(ROLE_CAPABILITIES[id.role]),
      providers: null,
      projects: null,
      actorId: `oidc:${id.subject}`,
      expiresAt: id.expiresAt,
    };
  }

  return {
    async authenticate(authorization) {
      if (!authorization) throw new AppError('auth.unauthenticated', 'an Authorization: Bearer token is required');
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!m) throw new AppError('auth.unauthenticated', 'the Authorization header must be "Bearer <token>"');
      const token = m[1];
      if (looksLikeApiToken(token)) return fromApiToken(token);
      if (token.split('.').length === 3) return fromJwt(token);
      throw new AppError('auth.invalid_token', 'the bearer token is not valid');
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
