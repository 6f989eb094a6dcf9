// API tokens of a workspace: mint (bounded by the maker), list (never a secret), revoke (with
// every token minted from it, transitively). Every change is audited in the transaction that makes it.
import type { Db, Queryable } from '../../db/database.ts';
import { type Capability, isCapability, isRole, ROLE_CAPABILITIES } from '../access/capabilities.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import { actsAsOwner, type Principal } from '../access/principal.ts';
import { auditAction } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { BY_CREATION, keysetOf, type Page, type PageRequest, pageOf } from '../pagination.ts';
import { AppError } from '../errors.ts';
import { generateToken } from './api-token.ts';
import { findMember } from './member-repository.ts';
import { assertCapabilitiesWithin, boundGrant, type MakerBounds, UNBOUNDED } from './token-bounds.ts';
import { insertToken, listTokens, lockTokenForRevocation, revokeTokenTrees, tokenEndReason, type TokenListRow, tokenWorkspace } from './token-repository.ts';
import { iso } from '../../lib/iso-date.ts';

export interface CreateTokenInput {
  name: string;
  member_id?: string;
  capabilities?: string[];
  providers?: string[];
  projects?: string[];
  expires_at?: string;
}

export interface CreatedTokenView {
  id: string;
  token: string;
  name: string;
  kind: string;
  capabilities: string[];
  providers: string[] | null;
  projects: string[] | null;
  expires_at: string | null;
  created_at: string;
}

export interface TokenView {
  id: string;
  name: string;
  kind: string;
  prefix: string;
  status: 'active' | 'expired' | 'revoked';
  capabilities: string[];
  providers: string[] | null;
  projects: string[] | null;
  member_id: string | null;
  maker: { token_id: string | null; member_id: string | null; actor: string | null };
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type EndReason = 'token_revoked' | 'token_expired' | 'member_disabled';

const notFound = () => new AppError('token.not_found', 'token not found');

function tokenView(r: TokenListRow): TokenView {
  const capabilities =
    r.kind === 'member' ? (isRole(r.member_role ?? '') ? [...ROLE_CAPABILITIES[r.member_role as keyof typeof ROLE_CAPABILITIES]] : []) : (r.capabilities ?? []);
  const expired = r.expires_at !== null && new Date(r.expires_at).getTime() <= Date.now();
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    prefix: r.display_prefix,
    status: r.revoked_at ? 'revoked' : expired ? 'expired' : 'active',
    capabilities,
    providers: r.providers,
    projects: r.projects,
    member_id: r.member_id,
    maker: { token_id: r.parent_token_id, member_id: r.created_by_member_id, actor: r.created_by },
    created_at: iso(r.created_at)!,
    expires_at: iso(r.expires_at),
    last_used_at: iso(r.last_used_at),
    revoked_at: iso(r.revoked_at),
  };
}

/** A database refusal of the lineage rules (a race the service's own checks could not see). */
function lineageError(err: unknown): unknown {
  const code = (err as { code?: string })?.code;
  if (code === 'SBT01') return new AppError('token.lineage_invalid', 'the token that would make this one is revoked, expired or narrower than the request');
  if (code === 'SBM01') return new AppError('member.disabled', 'the member is disabled; no token can be minted for or by it');
  return err;
}

interface Maker extends MakerBounds {
  parentTokenId: string | null;
  /** Only when there is no parent token: the database derives it from the parent otherwise. */
  createdByMemberId: string | null;
}

/**
 * The maker of a new token and its bounds. A token principal is bounded by its own token (whose
 * capabilities authentication already cut to its maker member's role). An OIDC session is bounded
 * by the member its email names: a minted token outlives the session, so it is tied to the member
 * record (disabled → revoked), not to the JWT's expiry (docs/decisions.md).
 */
async function makerOf(q: Queryable, p: Principal): Promise<Maker> {
  if (p.kind === 'vendor') return { ...UNBOUNDED, parentTokenId: null, createdByMemberId: null };
  if (p.tokenId) {
    return {
      capabilities: p.capabilities,
      providers: p.providers,
      projects: p.projects,
      expiresAt: p.expiresAt ?? null,
      parentTokenId: p.tokenId,
      createdByMemberId: null,
    };
  }
  const member = p.memberId ? await findMember(q, p.memberId) : null;
  if (!member) throw new AppError('token.maker_not_member', 'mint tokens as a member of this workspace: your sign-in names no member here');
  if (member.disabled_at) throw new AppError('member.disabled', 'your member record is disabled');
  const roleCaps = new Set<Capability>(ROLE_CAPABILITIES[member.role]);
  const capabilities = new Set([...p.capabilities].filter((c) => roleCaps.has(c)));
  return { capabilities, providers: null, projects: null, expiresAt: null, parentTokenId: null, createdByMemberId: member.id };
}

export function createTokenService(deps: { db: Db }) {
  const { db } = deps;
  const inWs = <T>(ctx: RequestContext, workspaceId: string, capability: Capability, fn: (q: Queryable) => Promise<T>) =>
    inWorkspace(db, ctx, workspaceId, capability, fn);

  async function createToken(ctx: RequestContext, workspaceId: string, input: CreateTokenInput): Promise<CreatedTokenView> {
    if ((input.member_id === undefined) === (input.capabilities === undefined)) {
      throw new AppError('token.invalid', 'give either member_id or capabilities');
    }
    const requestedExpiry = input.expires_at ? new Date(input.expires_at) : null;
    if (requestedExpiry && (Number.isNaN(requestedExpiry.getTime()) || requestedExpiry.getTime() <= Date.now())) {
      throw new AppError('token.expiry_invalid', 'expires_at must be a date-time in the future');
    }
    const p = ctx.principal;
    return inWs(ctx, workspaceId, 'tokens.manage', async (q) => {
      const maker = await makerOf(q, p);
      const kind = input.member_id !== undefined ? 'member' : 'application';
      let capabilities: string[];
      if (input.member_id !== undefined) {
        const m = await findMember(q, input.member_id);
        if (!m || m.workspace_id !== workspaceId) throw new AppError('member.not_found', 'member not found');
        if (m.disabled_at) throw new AppError('member.disabled', 'the member is disabled; no token can be minted for it');
        // A member token acts as that person: only owners (and the vendor) make one for someone else.
        if (!actsAsOwner(p) && p.memberId !== m.id) {
          throw new AppError('token.for_other_member', 'you can mint a member token only for yourself; make an application token instead');
        }
        capabilities = [...ROLE_CAPABILITIES[m.role]];
        assertCapabilitiesWithin(maker, capabilities, "a token for this member would hold capabilities you don't have");
      } else {
        const unknown = input.capabilities!.filter((c) => !isCapability(c) || c === 'workspaces.manage');
        if (unknown.length) throw new AppError('token.capability_invalid', `unknown capabilities: ${unknown.join(', ')}`, { unknown });
        capabilities = [...new Set(input.capabilities!)];
        assertCapabilitiesWithin(maker, capabilities, "you cannot grant capabilities you don't hold");
      }
      const grant = boundGrant(maker, { providers: input.providers, projects: input.projects, expiresAt: requestedExpiry });
      const gen = generateToken();
      const row = await insertToken(q, {
        workspaceId,
        kind,
        memberId: input.member_id ?? null,
        name: input.name,
        hash: gen.hash,
        displayPrefix: gen.displayPrefix,
        capabilities: kind === 'member' ? null : capabilities,
        providers: grant.providers,
        projects: grant.projects,
        expiresAt: grant.expiresAt,
        createdBy: p.actorId,
        parentTokenId: maker.parentTokenId,
        createdByMemberId: maker.createdByMemberId,
      }).catch((err) => {
        throw lineageError(err);
      });
      await auditAction(q, ctx, {
        workspaceId,
        action: 'token.created',
        target: { type: 'api_token', id: row.id },
        metadata: {
          name: input.name,
          kind,
          capabilities,
          providers: grant.providers,
          projects: grant.projects,
          expiresAt: iso(grant.expiresAt),
          parentTokenId: maker.parentTokenId,
          makerMemberId: row.created_by_member_id,
          ...(grant.inherited.length ? { inheritedFromMaker: grant.inherited } : {}),
        },
      });
      return {
        id: row.id,
        token: gen.token,
        name: input.name,
        kind,
        capabilities,
        providers: grant.providers,
        projects: grant.projects,
        expires_at: iso(grant.expiresAt),
        created_at: iso(row.created_at)!,
      };
    });
  }

  async function listWorkspaceTokens(ctx: RequestContext, workspaceId: string, req: PageRequest): Promise<Page<TokenView>> {
    const page = keysetOf(req, BY_CREATION);
    return inWs(ctx, workspaceId, 'tokens.view', async (q) => pageOf(await listTokens(q, workspaceId, page), page, (r) => [r.sort_at, r.id], tokenView));
  }

  async function revokeToken(ctx: RequestContext, tokenId: string): Promise<void> {
    // Find the token's workspace without RLS, then act inside it; a token of another workspace
    // (or an unknown id) is the same 404.
    const workspaceId = await tokenWorkspace(db, tokenId);
    if (!workspaceId) throw notFound();
    if (ctx.principal.kind !== 'vendor' && ctx.principal.workspaceId !== workspaceId) throw notFound();
    await inWs(ctx, workspaceId, 'tokens.manage', async (q) => {
      const target = await lockTokenForRevocation(q, tokenId);
      // Revoked already: nothing to do and nothing to record (a replay must not grow the log).
      if (!target || target.revoked_at) throw notFound();
      if ((target.member_role === 'owner' || target.creator_role === 'owner') && !actsAsOwner(ctx.principal)) {
        throw new AppError('access.owner_required', "only an owner can revoke an owner's tokens");
      }
      const revoked = await revokeTokenTrees(q, { tokenIds: [tokenId] });
      const descendants = revoked.filter((r) => r.id !== tokenId).map((r) => r.id);
      await auditAction(q, ctx, {
        workspaceId,
        action: 'token.revoked',
        target: { type: 'api_token', id: tokenId },
        metadata: { descendantsRevoked: descendants.length, ...(descendants.length ? { descendantIds: descendants.slice(0, 100) } : {}) },
      });
    });
  }

  /** Why the principal's credential stopped working since it authenticated, or null (long-lived streams ask). */
  async function principalEndReason(p: Principal): Promise<EndReason | null> {
    if (p.expiresAt && p.expiresAt.getTime() <= Date.now()) return 'token_expired';
    if (p.tokenId) return tokenEndReason(db, p.tokenId);
    if (p.memberId) {
      const m = await findMember(db, p.memberId);
      if (!m || m.disabled_at !== null) return 'member_disabled';
    }
    return null;
  }

  return { createToken, listTokens: listWorkspaceTokens, revokeToken, principalEndReason };
}
