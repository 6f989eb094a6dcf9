// Workspaces and tenants; members (member-service.ts) and tokens (token-service.ts) are joined in
// here, so the rest of the service sees one identity service. Every change is audited in the transaction that
// makes it; every read of a workspace's data runs under row-level security for that workspace.
import type { Db, Queryable } from '../../db/database.ts';
import { auditAction } from '../audit/audit-log.ts';
import type { Capability } from '../access/capabilities.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import type { RequestContext } from '../context.ts';
import { BY_CREATION, BY_SEQUENCE, keysetOf, type Page, type PageRequest, pageOf } from '../pagination.ts';
import { AppError, isUniqueViolation } from '../errors.ts';
import { createMemberService } from './member-service.ts';
import { insertTenant, listTenantRows, slugsStartingWith, type TenantRow } from './tenant-repository.ts';
import { createTokenService } from './token-service.ts';
import { insertWorkspace, listWorkspaceRows, type WorkspaceRow } from './workspace-repository.ts';
import { iso } from '../../lib/iso-date.ts';

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
const workspaceView = (w: WorkspaceRow): WorkspaceView => ({ id: w.id, name: w.name, created_at: iso(w.created_at) });
const tenantView = (t: TenantRow): TenantView => ({ id: t.id, workspace_id: t.workspace_id, name: t.name, slug: t.slug, created_at: iso(t.created_at) });

function slugify(name: string): string {
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
    if (ctx.principal.kind !== 'vendor')
      throw new AppError('access.forbidden', 'only the vendor principal can create workspaces', { capability: 'workspaces.manage' });
    return db.tx(async (q) => {
      const w = await insertWorkspace(q, input.name);
      await auditAction(q, ctx, {
        workspaceId: w.id,
        action: 'workspace.created',
        target: { type: 'workspace', id: w.id },
        metadata: { name: input.name },
      });
      return workspaceView(w);
    });
  }

  async function listWorkspaces(ctx: RequestContext, req: PageRequest): Promise<Page<WorkspaceView>> {
    const page = keysetOf(req, BY_CREATION);
    // The vendor sees every workspace; anyone else, under row-level security, only its own.
    const rows =
      ctx.principal.kind === 'vendor' ? await listWorkspaceRows(db, page) : await db.workspaceTx(ctx.principal.workspaceId!, (q) => listWorkspaceRows(q, page));
    return pageOf(rows, page, (r) => [r.sort_at, r.id], workspaceView);
  }

  const inWs = <T>(ctx: RequestContext, workspaceId: string, capability: Capability, fn: (q: Queryable) => Promise<T>) =>
    inWorkspace(db, ctx, workspaceId, capability, fn);

  async function createTenant(ctx: RequestContext, workspaceId: string, input: { name: string; slug?: string }): Promise<TenantView> {
    return inWs(ctx, workspaceId, 'tenants.manage', async (q) => {
      let slug = input.slug ?? slugify(input.name);
      if (!input.slug) {
        // A derived slug gets a numeric suffix when taken; an explicit one is the caller's choice and conflicts.
        const taken = new Set(await slugsStartingWith(q, workspaceId, slug));
        for (let i = 2; taken.has(slug); i++) slug = `${slugify(input.name).slice(0, 45)}-${i}`;
      }
      try {
        const t = await insertTenant(q, { workspaceId, name: input.name, slug });
        await auditAction(q, ctx, {
          workspaceId,
          action: 'tenant.created',
          target: { type: 'tenant', id: String(t.id) },
          metadata: { name: t.name, slug: t.slug },
        });
        return tenantView(t);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('tenant.already_exists', `a tenant with slug "${slug}" already exists`);
        throw err;
      }
    });
  }

  async function listTenants(ctx: RequestContext, workspaceId: string, req: PageRequest): Promise<Page<TenantView>> {
    const page = keysetOf(req, BY_SEQUENCE);
    return inWs(ctx, workspaceId, 'tenants.view', async (q) => pageOf(await listTenantRows(q, workspaceId, page), page, (r) => [String(r.id)], tenantView));
  }

  return { createWorkspace, listWorkspaces, createTenant, listTenants, ...createMemberService({ db }), ...createTokenService({ db }) };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
