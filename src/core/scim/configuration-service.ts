// SCIM configurations: create (the token is shown once), list, get, change syncToUserManagement,
// delete (tokens revoked, provisioned users and groups removed, provisioned members disabled),
// and the two-phase token rotation. Every change is audited in the transaction that makes it.
import type { Db, Queryable } from '../../db/database.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import type { Capability, Role } from '../access/capabilities.ts';
import { actorOf } from '../access/principal.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { AppError, isUniqueViolation } from '../errors.ts';
import * as repo from './configuration-repository.ts';
import { deprovisionMembers, syncMembers, type MemberSyncScope } from './member-sync.ts';
import { generateScimToken } from './scim-token.ts';
import type { ScimSource } from './scim-sources.ts';
import { resolveTenantAnywhere, resolveTenantInWorkspace, type TenantRef } from './tenant-ref.ts';
import { isUuid } from '../../lib/uuid.ts';
import type { UnknownAttributePolicy } from './unknown-attribute-policy.ts';
import { iso } from '../../lib/iso-date.ts';

export type { ScimSource } from './scim-sources.ts';

export interface ScimConfigurationView {
  id: string;
  tenantId: string;
  connectionName: string;
  source: string;
  syncToUserManagement: boolean;
  /** Extra (allowed by the contract): what the SCIM endpoint does with unknown core attributes. */
  unknownAttributePolicy: UnknownAttributePolicy;
  lastSync: string | null;
  createdAt: string;
  /** Extra (allowed by the contract): the URL to paste into the identity provider. */
  baseUrl: string;
}

export interface CreatedScimConfiguration {
  id: string;
  connectionName: string;
  token: string;
  baseUrl: string;
}

export interface RotatedScimToken extends CreatedScimConfiguration {
  /** When the token in use until now stops working (unless the rotation is completed earlier). */
  previousTokenExpiresAt: string | null;
}

export interface ScimConfigurationServiceDeps {
  db: Db;
  publicUrl: string;
  rotationGraceSeconds: number;
  groupRoleMapping: Readonly<Record<string, Role>>;
  defaultRole: Role;
}

/** Where an identity provider sends SCIM requests for a configuration. */
function scimBaseUrl(publicUrl: string, configurationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/directory/resources/scim/v2.0/${configurationId}`;
}

const notFound = () => new AppError('scim_configuration.not_found', 'SCIM configuration not found');

export function createScimConfigurationService(deps: ScimConfigurationServiceDeps) {
  const { db } = deps;

  const view = (r: repo.ConfigurationRow): ScimConfigurationView => ({
    id: r.id,
    tenantId: String(r.tenant_id),
    connectionName: r.connection_name,
    source: r.source,
    syncToUserManagement: r.sync_to_user_management,
    unknownAttributePolicy: r.unknown_attribute_policy,
    lastSync: iso(r.last_sync_at),
    createdAt: iso(r.created_at),
    baseUrl: scimBaseUrl(deps.publicUrl, r.id),
  });

  const syncScope = (ctx: RequestContext, r: repo.ConfigurationRow): MemberSyncScope => ({
    workspaceId: r.workspace_id,
    configurationId: r.id,
    groupRoleMapping: deps.groupRoleMapping,
    defaultRole: deps.defaultRole,
    actor: actorOf(ctx.principal),
    requestId: ctx.requestId,
  });

  const audit = (q: Queryable, ctx: RequestContext, r: repo.ConfigurationRow, action: string, metadata: Record<string, unknown> = {}) =>
    appendAudit(q, {
      workspaceId: r.workspace_id,
      actor: actorOf(ctx.principal),
      action,
      target: { type: 'scim_configuration', id: r.id },
      outcome: 'success',
      requestId: ctx.requestId,
      metadata: { tenantId: String(r.tenant_id), connectionName: r.connection_name, ...metadata },
    });

  /** The workspace a configuration-scoped call runs in: the caller's own, or the configuration's for the vendor. */
  async function workspaceOf(ctx: RequestContext, id: string): Promise<string> {
    if (ctx.principal.kind !== 'vendor') return ctx.principal.workspaceId ?? '';
    const workspaceId = await repo.configurationWorkspace(db, id);
    if (!workspaceId) throw notFound();
    return workspaceId;
  }

  /**
   * Runs `fn` on one configuration inside its workspace (404 for another workspace's, 403 without
   * the capability). A `frontegg-tenant-id` header, when given, must name the configuration's tenant.
   */
  async function withConfiguration<T>(
    ctx: RequestContext,
    tenantRef: string | undefined,
    id: string,
    capability: Capability,
    fn: (q: Queryable, row: repo.ConfigurationRow) => Promise<T>,
    opts: { lock?: boolean } = {},
  ): Promise<T> {
    if (!isUuid(id)) throw notFound();
    const workspaceId = await workspaceOf(ctx, id.toLowerCase());
    return inWorkspace(db, ctx, workspaceId, capability, async (q) => {
      const tenant = tenantRef === undefined ? null : await resolveTenantInWorkspace(q, tenantRef);
      const row = await repo.findConfiguration(q, id.toLowerCase(), opts);
      if (!row || (tenant && Number(row.tenant_id) !== tenant.id)) throw notFound();
      return fn(q, row);
    });
  }

  /** The contract's list of all configurations, across workspaces: "Vendor only"; any other principal gets 403. */
  async function list(ctx: RequestContext, filter: repo.ConfigurationFilter): Promise<ScimConfigurationView[]> {
    if (ctx.principal.kind !== 'vendor') {
      throw new AppError(
        'access.forbidden',
        "listing all SCIM configurations is vendor only; get one by id, or use the console's GET /console/api/scim-configurations for your workspace's",
        { vendorOnly: true },
      );
    }
    return (await db.tx((q) => repo.listConfigurations(q, filter))).map(view);
  }

  /** One workspace's configurations (the console's read), confined to it by row-level security. */
  async function listInWorkspace(ctx: RequestContext, workspaceId: string): Promise<ScimConfigurationView[]> {
    return inWorkspace(db, ctx, workspaceId, 'scim.view', async (q) => (await repo.listConfigurations(q, {})).map(view));
  }

  async function get(ctx: RequestContext, tenantRef: string | undefined, id: string): Promise<ScimConfigurationView> {
    return withConfiguration(ctx, tenantRef, id, 'scim.view', async (_q, row) => view(row));
  }

  async function nameFor(q: Queryable, tenantId: number, source: string): Promise<string> {
    const taken = await repo.takenConnectionNames(q, tenantId, source);
    let name = source;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${source}-${i}`;
    return name;
  }

  async function create(
    ctx: RequestContext,
    tenantRef: string | undefined,
    input: { source: ScimSource; connectionName?: string; syncToUserManagement?: boolean; unknownAttributePolicy?: UnknownAttributePolicy },
  ): Promise<CreatedScimConfiguration> {
    if (tenantRef === undefined || tenantRef.trim() === '') {
      throw new AppError('scim_configuration.tenant_required', 'the frontegg-tenant-id header must name the tenant (its id or slug)');
    }
    const tenant: TenantRef | null = ctx.principal.kind === 'vendor' ? await resolveTenantAnywhere(db, tenantRef) : null;
    const workspaceId = tenant?.workspaceId ?? ctx.principal.workspaceId ?? '';
    const explicitName = input.connectionName?.trim();
    const attempt = () =>
      inWorkspace(db, ctx, workspaceId, 'scim.manage', async (q) => {
        const t = tenant ?? (await resolveTenantInWorkspace(q, tenantRef));
        const connectionName = explicitName || (await nameFor(q, t.id, input.source));
        const row = await repo.insertConfiguration(q, {
          workspaceId,
          tenantId: t.id,
          connectionName,
          source: input.source,
          syncToUserManagement: input.syncToUserManagement ?? false,
          unknownAttributePolicy: input.unknownAttributePolicy ?? 'ignore',
        });
        const token = generateScimToken();
        await repo.insertToken(q, { workspaceId, configurationId: row.id, hash: token.hash, displayPrefix: token.displayPrefix });
        await audit(q, ctx, row, 'scim.configuration.created', {
          source: row.source,
          syncToUserManagement: row.sync_to_user_management,
          unknownAttributePolicy: row.unknown_attribute_policy,
          tokenPrefix: token.displayPrefix,
        });
        return { id: row.id, connectionName: row.connection_name, token: token.token, baseUrl: scimBaseUrl(deps.publicUrl, row.id) };
      });
    try {
      return await attempt();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // A generated name can lose a race with a concurrent create: the second try sees it.
      if (!explicitName) return attempt();
      throw new AppError('scim_configuration.already_exists', `this tenant already has a SCIM configuration named "${explicitName}"`);
    }
  }

  async function update(
    ctx: RequestContext,
    tenantRef: string | undefined,
    id: string,
    input: { syncToUserManagement: boolean; unknownAttributePolicy?: UnknownAttributePolicy },
  ): Promise<void> {
    await withConfiguration(
      ctx,
      tenantRef,
      id,
      'scim.manage',
      async (q, row) => {
        const was = await repo.setSyncToUserManagement(q, row.id, input.syncToUserManagement);
        let synced: { changed: number } | undefined;
        // Switching sync on brings the users provisioned so far into the workspace; switching it
        // off leaves existing members as they are (docs/decisions-scim.md).
        if (!was && input.syncToUserManagement) synced = await syncMembers(q, syncScope(ctx, row), 'all');
        const policy = input.unknownAttributePolicy;
        const policyWas = policy === undefined ? undefined : await repo.setUnknownAttributePolicy(q, row.id, policy);
        await audit(q, ctx, row, 'scim.configuration.updated', {
          syncToUserManagement: { from: was, to: input.syncToUserManagement },
          ...(policy !== undefined && policyWas !== policy ? { unknownAttributePolicy: { from: policyWas, to: policy } } : {}),
          ...(synced ? { membersChanged: synced.changed } : {}),
        });
      },
      { lock: true },
    );
  }

  async function remove(ctx: RequestContext, tenantRef: string | undefined, id: string): Promise<void> {
    await withConfiguration(
      ctx,
      tenantRef,
      id,
      'scim.manage',
      async (q, row) => {
        const counts = await repo.countProvisioned(q, row.id);
        const members = await deprovisionMembers(q, syncScope(ctx, row), 'all', 'configuration_deleted');
        await repo.deleteConfiguration(q, row.id);
        await audit(q, ctx, row, 'scim.configuration.deleted', {
          usersRemoved: counts.users,
          groupsRemoved: counts.groups,
          membersDisabled: members.members,
          memberTokensRevoked: members.tokensRevoked,
          scimTokensRevoked: true,
        });
      },
      { lock: true },
    );
  }

  async function rotate(ctx: RequestContext, tenantRef: string | undefined, id: string): Promise<RotatedScimToken> {
    return withConfiguration(
      ctx,
      tenantRef,
      id,
      'scim.manage',
      async (q, row) => {
        const previousExpires = await repo.demoteActiveToken(q, row.id, deps.rotationGraceSeconds);
        const token = generateScimToken();
        await repo.insertToken(q, { workspaceId: row.workspace_id, configurationId: row.id, hash: token.hash, displayPrefix: token.displayPrefix });
        const previousTokenExpiresAt = iso(previousExpires);
        await audit(q, ctx, row, 'scim.token.rotation_started', { tokenPrefix: token.displayPrefix, previousTokenExpiresAt });
        return { id: row.id, connectionName: row.connection_name, token: token.token, baseUrl: scimBaseUrl(deps.publicUrl, row.id), previousTokenExpiresAt };
      },
      { lock: true },
    );
  }

  async function completeRotation(ctx: RequestContext, tenantRef: string | undefined, id: string): Promise<void> {
    await withConfiguration(
      ctx,
      tenantRef,
      id,
      'scim.manage',
      async (q, row) => {
        // Idempotent: completing twice (or with nothing pending) changes nothing and records nothing.
        const revoked = await repo.revokePreviousToken(q, row.id);
        if (revoked > 0) await audit(q, ctx, row, 'scim.token.rotation_completed', {});
      },
      { lock: true },
    );
  }

  return { list, listInWorkspace, get, create, update, remove, rotate, completeRotation };
}

export type ScimConfigurationService = ReturnType<typeof createScimConfigurationService>;
