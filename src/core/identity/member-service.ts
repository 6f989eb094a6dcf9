// Members of a workspace: add, list, change role, disable/enable, delete, and the workspace
// setting that lets SCIM make owners. Only owners manage owners; nobody manages a member whose
// role holds more than they do. Disabling or deleting a member revokes its member tokens and the
// tokens it made, transitively, in the same transaction. Every change is audited.
import type { Db, Queryable } from '../../db/database.ts';
import { type Capability, isRole, ROLE_CAPABILITIES, type Role } from '../access/capabilities.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import { actsAsOwner, type Principal } from '../access/principal.ts';
import { auditAction } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { BY_CREATION, keysetOf, type Page, type PageRequest, pageOf } from '../pagination.ts';
import { AppError, isUniqueViolation } from '../errors.ts';
import * as repo from './member-repository.ts';
import { revokeTokenTrees } from './token-repository.ts';
import { iso } from '../../lib/iso-date.ts';

export interface MemberView {
  id: string;
  email: string;
  role: Role;
  status: 'active' | 'disabled';
  source: 'manual' | 'scim' | 'oidc';
  disabled_at: string | null;
  created_at: string;
}

export interface WorkspaceSettingsView {
  scim_owner_mapping_allowed: boolean;
}

const notFound = () => new AppError('member.not_found', 'member not found');

function sourceOf(source: string | null): MemberView['source'] {
  if (source?.startsWith('scim:')) return 'scim';
  if (source?.startsWith('oidc')) return 'oidc';
  return 'manual';
}

function memberView(m: repo.MemberRow): MemberView {
  return {
    id: m.id,
    email: m.email,
    role: m.role,
    status: m.disabled_at ? 'disabled' : 'active',
    source: sourceOf(m.source),
    disabled_at: m.disabled_at ? iso(m.disabled_at) : null,
    created_at: iso(m.created_at),
  };
}

const ownerRequired = (what: string) => new AppError('access.owner_required', `only an owner can ${what}`);

/** May `p` manage member `m` (and give it `newRole`)? Throws the stable refusal if not. */
function assertMayManage(p: Principal, m: repo.MemberRow, newRole: Role | undefined, what: string): void {
  if (actsAsOwner(p)) return;
  if (m.role === 'owner' || newRole === 'owner') throw ownerRequired(what);
  for (const role of [m.role, newRole ?? m.role]) {
    const beyond = ROLE_CAPABILITIES[role].filter((c) => !p.capabilities.has(c));
    if (beyond.length) throw new AppError('access.forbidden', `a ${role} holds capabilities you don't: ${beyond.join(', ')}`, { capability: beyond[0] });
  }
}

/** An active owner leaving (disabled, deleted, demoted) must not leave the workspace without one. */
async function assertNotLastOwner(q: Queryable, p: Principal, m: repo.MemberRow): Promise<void> {
  if (p.kind === 'vendor' || m.role !== 'owner' || m.disabled_at) return;
  if ((await repo.countOtherActiveOwners(q, m.workspace_id, m.id)) === 0) {
    throw new AppError('member.last_owner', 'this is the last active owner of the workspace; make another owner first');
  }
}

export function createMemberService(deps: { db: Db }) {
  const { db } = deps;
  const inWs = <T>(ctx: RequestContext, workspaceId: string, capability: Capability, fn: (q: Queryable) => Promise<T>) =>
    inWorkspace(db, ctx, workspaceId, capability, fn);

  /** Runs `fn` on one member, inside its workspace: another workspace's member is the same 404 as a missing one. */
  async function withMember<T>(ctx: RequestContext, memberId: string, fn: (q: Queryable, m: repo.MemberRow) => Promise<T>): Promise<T> {
    const workspaceId = await repo.memberWorkspace(db, memberId);
    if (!workspaceId) throw notFound();
    if (ctx.principal.kind !== 'vendor' && ctx.principal.workspaceId !== workspaceId) throw notFound();
    return inWs(ctx, workspaceId, 'members.manage', async (q) => {
      const m = await repo.findMember(q, memberId, { lock: true });
      if (!m) throw notFound();
      return fn(q, m);
    });
  }

  async function createMember(ctx: RequestContext, workspaceId: string, input: { email: string; role: string }): Promise<MemberView> {
    if (!isRole(input.role)) throw new AppError('member.role_invalid', `role must be one of owner, admin, operator, viewer`);
    const role = input.role;
    return inWs(ctx, workspaceId, 'members.manage', async (q) => {
      // Nobody hands out more than they hold: only an owner (or the vendor) makes owners.
      if (role === 'owner' && !actsAsOwner(ctx.principal)) throw ownerRequired('add an owner');
      try {
        const m = await repo.insertMember(q, { workspaceId, email: input.email.trim().toLowerCase(), role });
        await auditAction(q, ctx, { workspaceId, action: 'member.created', target: { type: 'member', id: m.id }, metadata: { role: m.role } });
        return memberView(m);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('member.already_exists', 'a member with this email already exists');
        if ((err as { code?: string }).code === '23514') throw new AppError('member.email_invalid', 'email must be an email address');
        throw err;
      }
    });
  }

  async function listMembers(ctx: RequestContext, workspaceId: string, req: PageRequest): Promise<Page<MemberView>> {
    const page = keysetOf(req, BY_CREATION);
    return inWs(ctx, workspaceId, 'members.view', async (q) =>
      pageOf(await repo.listMemberRows(q, workspaceId, page), page, (r) => [r.sort_at, r.id], memberView),
    );
  }

  async function updateMember(ctx: RequestContext, memberId: string, input: { role?: string; status?: 'active' | 'disabled' }): Promise<MemberView> {
    if (input.role !== undefined && !isRole(input.role)) throw new AppError('member.role_invalid', `role must be one of owner, admin, operator, viewer`);
    const newRole = input.role as Role | undefined;
    return withMember(ctx, memberId, async (q, m) => {
      const audit = (action: string, metadata: Record<string, unknown>) =>
        auditAction(q, ctx, { workspaceId: m.workspace_id, action, target: { type: 'member', id: m.id }, metadata });
      let current = m;
      if (newRole !== undefined && newRole !== m.role) {
        assertMayManage(ctx.principal, m, newRole, 'make or change an owner');
        // The identity provider's group mapping decides a SCIM member's role; a hand edit would be undone at its next write.
        if (m.source?.startsWith('scim:'))
          throw new AppError('member.role_managed_by_scim', "this member's role comes from its SCIM groups; change it in the identity provider");
        await assertNotLastOwner(q, ctx.principal, m);
        current = await repo.setMemberRole(q, m.id, newRole);
        await audit('member.role_changed', { from: m.role, to: newRole });
      }
      if (input.status === 'disabled' && !current.disabled_at) {
        assertMayManage(ctx.principal, current, undefined, 'disable an owner');
        await assertNotLastOwner(q, ctx.principal, current);
        await repo.disableMembers(q, [m.id], 'manual');
        const revoked = await revokeTokenTrees(q, { memberIds: [m.id] });
        await audit('member.disabled', { tokensRevoked: revoked.length });
      } else if (input.status === 'active' && current.disabled_at) {
        assertMayManage(ctx.principal, current, undefined, 'enable an owner');
        await repo.enableMember(q, m.id);
        // Tokens revoked when the member was disabled stay revoked: access comes back only through new tokens.
        await audit('member.enabled', {});
      }
      return memberView((await repo.findMember(q, m.id))!);
    });
  }

  async function deleteMember(ctx: RequestContext, memberId: string): Promise<void> {
    await withMember(ctx, memberId, async (q, m) => {
      assertMayManage(ctx.principal, m, undefined, 'delete an owner');
      await assertNotLastOwner(q, ctx.principal, m);
      // Revoked before the row goes, so the tokens it made (which outlive it, lineage forgotten) are dead too.
      const revoked = await revokeTokenTrees(q, { memberIds: [m.id] });
      await auditAction(q, ctx, {
        workspaceId: m.workspace_id,
        action: 'member.deleted',
        target: { type: 'member', id: m.id },
        metadata: { role: m.role, source: sourceOf(m.source), tokensRevoked: revoked.length },
      });
      await repo.deleteMember(q, m.id);
    });
  }

  async function getSettings(ctx: RequestContext, workspaceId: string): Promise<WorkspaceSettingsView> {
    return inWs(ctx, workspaceId, 'members.view', async (q) => ({ scim_owner_mapping_allowed: await repo.scimOwnerMappingAllowed(q, workspaceId) }));
  }

  async function updateSettings(ctx: RequestContext, workspaceId: string, input: { scim_owner_mapping_allowed?: boolean }): Promise<WorkspaceSettingsView> {
    return inWs(ctx, workspaceId, 'members.manage', async (q) => {
      const was = await repo.scimOwnerMappingAllowed(q, workspaceId, { lock: true });
      const to = input.scim_owner_mapping_allowed;
      if (to === undefined || to === was) return { scim_owner_mapping_allowed: was };
      if (!actsAsOwner(ctx.principal)) throw ownerRequired('let SCIM group mappings make owners');
      await repo.setScimOwnerMappingAllowed(q, workspaceId, to);
      // Turning it off takes effect at once: SCIM-made owners become admins now, not at the next sync.
      const capped = to ? [] : await repo.capScimOwners(q, workspaceId);
      await auditAction(q, ctx, {
        workspaceId,
        action: 'workspace.settings_changed',
        target: { type: 'workspace', id: workspaceId },
        metadata: { scim_owner_mapping_allowed: { from: was, to }, ...(to ? {} : { scimOwnersCapped: capped.length }) },
      });
      for (const id of capped) {
        await auditAction(q, ctx, {
          workspaceId,
          action: 'member.role_changed',
          target: { type: 'member', id },
          metadata: { from: 'owner', to: 'admin', reason: 'scim_owner_mapping_disallowed' },
        });
      }
      return { scim_owner_mapping_allowed: to };
    });
  }

  return { createMember, listMembers, updateMember, deleteMember, getSettings, updateSettings };
}
