// Workspaces, tenants, members and tokens. Every change is audited in the transaction that
// makes it; every read of a workspace's data runs under row-level security for that workspace.
import type { Db, Queryable } from '../../db/database.ts';
import { auditAction } from '../audit/audit-log.ts';
import { type Capability, isCapability, isRole, type Role, ROLE_CAPABILITIES } from '../access/capabilities.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import type { RequestContext } from '../context.ts';
import { AppError, isUniqueViolation } from '../errors.ts';
import { generateToken } from './api-token.ts';
import { insertToken } from './token-repository.ts';

export interface WorkspaceView {
  id: string;
  name: string;
  created_at: string;
}
export interface TenantView {
  id: number;
  workspace_id: string;
  name: string;
  slug: string;
  created_at: string;
}
export interface MemberView {
  id: string;
  email: string;
  role: Role;
  created_at: string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return s || 'tenant';
}

export function createIdentityService(deps: { db: Db }) {
  const { db } = deps;

  async function createWorkspace(ctx: RequestContext, input: { name: string }): Promise<WorkspaceView> {
    if (ctx.principal.kind !== 'vendor') throw new AppError('access.forbidden', 'only the vendor principal can create workspaces', { capability: 'workspaces.manage' });
    return db.tx(async (q) => {
      const [w] = await q.query<WorkspaceView & { created_at: Date }>('INSERT INTO workspaces (name) VALUES ($1) RETURNING id, name, created_at', [input.name]);
      await auditAction(q, ctx, {
        workspaceId: w.id,
        action: 'workspace.created',
        target: { type: 'workspace', id: w.id },
        metadata: { name: input.name },
      });
      return { id: w.id, name: w.name, created_at: iso(w.created_at) };
    });
  }

  async function listWorkspaces(ctx: RequestContext): Promise<WorkspaceView[]> {
    const rows =
      ctx.principal.kind === 'vendor'
        ? await db.query('SELECT id, name, created_at FROM workspaces ORDER BY created_at, id')
        : await db.workspaceTx(ctx.principal.workspaceId!, (q) => q.query('SELECT id, name, created_at FROM workspaces ORDER BY created_at'));
    return rows.map((w) => ({ id: w.id, name: w.name, created_at: iso(w.created_at) }));
  }

  const inWs = <T>(ctx: RequestContext, workspaceId: string, capability: Capability, fn: (q: Queryable) => Promise<T>) =>
    inWorkspace(db, ctx, workspaceId, capability, fn);

  async function createTenant(ctx: RequestContext, workspaceId: string, input: { name: string; slug?: string }): Promise<TenantView> {
    return inWs(ctx, workspaceId, 'tenants.manage', async (q) => {
      let slug = input.slug ?? slugify(input.name);
      if (!input.slug) {
        // A derived slug gets a numeric suffix when taken; an explicit one is the caller's choice and conflicts.
        const taken = new Set(
          (await q.query<{ slug: string }>(`SELECT slug FROM tenants WHERE workspace_id = $1 AND slug LIKE $2`, [workspaceId, `${slug}%`])).map((r) => r.slug),
        );
        for (let i = 2; taken.has(slug); i++) slug = `${slugify(input.name).slice(0, 45)}-${i}`;
      }
      try {
        const [t] = await q.query(
          'INSERT INTO tenants (workspace_id, name, slug) VALUES ($1, $2, $3) RETURNING id, workspace_id, name, slug, created_at',
          [workspaceId, input.name, slug],
        );
        await auditAction(q, ctx, {
          workspaceId,
          action: 'tenant.created',
          target: { type: 'tenant', id: String(t.id) },
          metadata: { name: t.name, slug: t.slug },
        });
        return { id: Number(t.id), workspace_id: t.workspace_id, name: t.name, slug: t.slug, created_at: iso(t.created_at) };
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('tenant.already_exists', `a tenant with slug "${slug}" already exists`);
        throw err;
      }
    });
  }

  async function listTenants(ctx: RequestContext, workspaceId: string): Promise<TenantView[]> {
    return inWs(ctx, workspaceId, 'tenants.view', async (q) =>
      (await q.query('SELECT id, workspace_id, name, slug, created_at FROM tenants WHERE workspace_id = $1 ORDER BY id', [workspaceId])).map((t) => ({
        id: Number(t.id),
        workspace_id: t.workspace_id,
        name: t.name,
        slug: t.slug,
        created_at: iso(t.created_at),
      })),
    );
  }

  async function createMember(ctx: RequestContext, workspaceId: string, input: { email: string; role: string }): Promise<MemberView> {
    if (!isRole(input.role)) throw new AppError('member.role_invalid', `role must be one of owner, admin, operator, viewer`);
    return inWs(ctx, workspaceId, 'members.manage', async (q) => {
      // Nobody hands out more than they hold: only an owner (or the vendor) makes owners.
      if (input.role === 'owner' && ctx.principal.kind !== 'vendor' && ctx.principal.role !== 'owner') {
        throw new AppError('access.forbidden', 'only an owner can add an owner', { capability: 'members.manage' });
      }
      try {
        const [m] = await q.query(
          'INSERT INTO members (workspace_id, email, role) VALUES ($1, $2, $3) RETURNING id, email, role, created_at',
          [workspaceId, input.email.trim().toLowerCase(), input.role],
        );
        await auditAction(q, ctx, {
          workspaceId,
          action: 'member.created',
          target: { type: 'member', id: m.id },
          metadata: { role: m.role },
        });
        return { id: m.id, email: m.email, role: m.role, created_at: iso(m.created_at) };
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('member.already_exists', 'a member with this email already exists');
        if ((err as { code?: string }).code === '23514') throw new AppError('member.email_invalid', 'email must be an email address');
        throw err;
      }
    });
  }

  async function listMembers(ctx: RequestContext, workspaceId: string): Promise<MemberView[]> {
    return inWs(ctx, workspaceId, 'members.view', async (q) =>
      (await q.query('SELECT id, email, role, created_at FROM members WHERE workspace_id = $1 ORDER BY created_at, id', [workspaceId])).map((m) => ({
        id: m.id,
        email: m.email,
        role: m.role,
        created_at: iso(m.created_at),
      })),
    );
  }

  async function createToken(
    ctx: RequestContext,
    workspaceId: string,
    input: { name: string; member_id?: string; capabilities?: string[]; providers?: string[]; projects?: string[]; expires_at?: string },
  ): Promise<{ id: string; token: string; name: string; kind: string; capabilities: string[]; expires_at: string | null; created_at: string }> {
    if ((input.member_id === undefined) === (input.capabilities === undefined)) {
      throw new AppError('token.invalid', 'give either member_id or capabilities');
    }
    const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
    if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now())) {
      throw new AppError('token.expiry_invalid', 'expires_at must be a date-time in the future');
    }
    return inWs(ctx, workspaceId, 'tokens.manage', async (q) => {
      let capabilities: string[];
      if (input.member_id !== undefined) {
        const [m] = await q.query<{ role: Role }>('SELECT role FROM members WHERE id = $1 AND workspace_id = $2', [input.member_id, workspaceId]);
        if (!m) throw new AppError('member.not_found', 'member not found');
        capabilities = [...ROLE_CAPABILITIES[m.role]];
        if (ctx.principal.kind !== 'vendor' && capabilities.some((c) => !ctx.principal.capabilities.has(c as Capability))) {
          throw new AppError('access.forbidden', "a token for this member would hold capabilities you don't have", { capability: 'tokens.manage' });
        }
      } else {
        const unknown = input.capabilities!.filter((c) => !isCapability(c) || c === 'workspaces.manage');
        if (unknown.length) throw new AppError('token.capability_invalid', `unknown capabilities: ${unknown.join(', ')}`, { unknown });
        const exceeding = input.capabilities!.filter((c) => !ctx.principal.capabilities.has(c as Capability));
        if (exceeding.length) {
          throw new AppError('access.forbidden', `you cannot grant capabilities you don't hold: ${exceeding.join(', ')}`, { capability: exceeding[0] });
        }
        capabilities = [...new Set(input.capabilities!)];
      }
      const gen = generateToken();
      const row = await insertToken(q, {
        workspaceId,
        kind: input.member_id !== undefined ? 'member' : 'application',
        memberId: input.member_id ?? null,
        name: input.name,
        hash: gen.hash,
        displayPrefix: gen.displayPrefix,
        capabilities: input.member_id !== undefined ? null : capabilities,
        providers: input.providers ?? null,
        projects: input.projects ?? null,
        expiresAt,
        createdBy: ctx.principal.actorId,
      });
      await auditAction(q, ctx, {
        workspaceId,
        action: 'token.created',
        target: { type: 'api_token', id: row.id },
        metadata: { name: input.name, kind: input.member_id ? 'member' : 'application', capabilities, providers: input.providers ?? null, projects: input.projects ?? null },
      });
      return {
        id: row.id,
        token: gen.token,
        name: input.name,
        kind: input.member_id !== undefined ? 'member' : 'application',
        capabilities,
        expires_at: expiresAt ? expiresAt.toISOString() : null,
        created_at: iso(row.created_at),
      };
    });
  }

  async function revokeToken(ctx: RequestContext, tokenId: string): Promise<void> {
    // Find the token's workspace without RLS, then act inside it; a token of another workspace
    // (or an unknown id) is the same 404.
    const [t] = await db.query<{ workspace_id: string | null }>('SELECT workspace_id FROM api_tokens WHERE id = $1', [tokenId]);
    if (!t || t.workspace_id === null) throw new AppError('token.not_found', 'token not found');
    if (ctx.principal.kind !== 'vendor' && ctx.principal.workspaceId !== t.workspace_id) throw new AppError('token.not_found', 'token not found');
    await inWs(ctx, t.workspace_id, 'tokens.manage', async (q) => {
      await q.query('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [tokenId]);
      await auditAction(q, ctx, {
        workspaceId: t.workspace_id,
        action: 'token.revoked',
        target: { type: 'api_token', id: tokenId },
      });
    });
  }

  return { createWorkspace, listWorkspaces, createTenant, listTenants, createMember, listMembers, createToken, revokeToken };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
