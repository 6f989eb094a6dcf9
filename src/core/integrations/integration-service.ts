// The integrations store: create, change, delete, list and defaults. Each operation is one
// workspace-confined transaction: the integration row, its project links, its sealed credential,
// any default it displaces and the audit rows commit together or not at all.
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/database.ts';
import type { ProviderBaseUrls } from '../../providers/integrations/base-urls.ts';
import { secretFieldsOf, validateIntegrationInput } from '../../providers/integrations/catalog.ts';
import { categoryOf, isIntegrationProvider } from '../../providers/integrations/names.ts';
import { actorOf } from '../access/principal.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import type { Keyring } from '../vault/keyring.ts';
import type { Vault } from '../vault/vault.ts';
import { assertNotApplication, narrowingOf, workspaceOf } from './access.ts';
import { credentialHints } from './credential-hints.ts';
import { credentialOrigins, sameOrigins } from './credential-origins.ts';
import { type CreateInput, type CreateIntegrationBody, invalidField, parseCreate, parseUpdate, type UpdateInput, type UpdateIntegrationBody } from './input.ts';
import { listProjects } from './project-repository.ts';
import {
  deleteIntegration,
  findIntegration,
  insertIntegration,
  linkProjects,
  listIntegrations,
  lockCategory,
  type PageKey,
  pageKeyOf,
  scopedConflicts,
  unsetDefault,
  updateIntegration,
} from './integration-repository.ts';
import { providerKeyOf } from './resolve.ts';
import { CREDENTIALS_FIELD, type IntegrationRow, RECORD_TYPE } from './types.ts';
import type { Verifier } from './verification.ts';
import { integrationView } from './view.ts';
import { isUuid, UUID_PATTERN } from '../../lib/uuid.ts';

export interface IntegrationServiceDeps {
  db: Db;
  vault: Vault;
  keyring: Keyring;
  baseUrls: ProviderBaseUrls;
  verifier: Verifier;
}

const integrationNotFound = () => notFound('integration.not_found');

function sealRef(workspaceId: string, id: string) {
  return { workspaceId, recordType: RECORD_TYPE, recordId: id, field: CREDENTIALS_FIELD };
}

export function createIntegrationService(deps: IntegrationServiceDeps) {
  const { db, vault, keyring, baseUrls, verifier } = deps;

  /** Makes `id` the only default of its category; audits the one it displaces. */
  async function takeDefault(q: Queryable, ctx: RequestContext, workspaceId: string, category: string, id: string): Promise<void> {
    await lockCategory(q, workspaceId, category);
    for (const previous of await unsetDefault(q, workspaceId, category, id)) {
      await appendAudit(q, {
        workspaceId,
        actor: actorOf(ctx.principal),
        action: 'integration.default_unset',
        target: { type: 'integration', id: previous },
        outcome: 'success',
        requestId: ctx.requestId,
        metadata: { category, replaced_by: id },
      });
    }
  }

  async function insert(q: Queryable, ctx: RequestContext, workspaceId: string, input: CreateInput): Promise<IntegrationRow> {
    const providerKey = providerKeyOf(input.provider);
    let projectIds: string[] = [];
    if (!input.isGlobal) {
      const found = await listProjects(q, workspaceId, input.projects);
      const missing = input.projects.find((p) => !found.some((f) => f.identifier === p));
      if (missing !== undefined) throw invalidField('projects', `Project '${missing}' not found`);
      projectIds = found.map((f) => f.id);
      const [taken] = await scopedConflicts(q, workspaceId, providerKey, projectIds);
      if (taken)
        throw invalidField('projects', `Project '${taken.identifier}' already has a project-scoped ${providerKey} integration (${taken.integration_id})`);
    }
    const id = randomUUID();
    if (input.isDefault) await takeDefault(q, ctx, workspaceId, categoryOf(input.provider), id);
    await insertIntegration(q, {
      id,
      workspaceId,
      provider: input.provider,
      authType: input.authType,
      isGlobal: input.isGlobal,
      isDefault: input.isDefault,
      config: input.config,
      hints: credentialHints(keyring, workspaceId, input.credentials, secretFieldsOf(input.provider, input.authType)),
      origins: credentialOrigins(input.provider, input.authType, input.credentials, input.config, baseUrls),
      createdBy: ctx.principal.actorId,
    });
    if (projectIds.length) {
      try {
        await linkProjects(q, workspaceId, id, providerKey, projectIds);
      } catch (err) {
        // Lost a race with another create for the same (project, provider).
        if (isUniqueViolation(err, 'integration_projects_one_per_project_provider')) {
          throw invalidField('projects', `one of the projects already has a project-scoped ${providerKey} integration`);
        }
        if ((err as { code?: string }).code === '23503') throw invalidField('projects', 'one of the projects was removed meanwhile');
        throw err;
      }
    }
    const sealed = await vault.seal(q, sealRef(workspaceId, id), JSON.stringify(input.credentials), { hint: false });
    await appendAudit(q, {
      workspaceId,
      actor: actorOf(ctx.principal),
      action: 'integration.created',
      target: { type: 'integration', id },
      outcome: 'success',
      requestId: ctx.requestId,
      metadata: {
        provider: input.provider,
        auth_type: input.authType,
        is_global: input.isGlobal,
        is_default: input.isDefault,
        projects: input.projects,
        sealed_fingerprint: sealed.fingerprint,
      },
    });
    return (await findIntegration(q, workspaceId, id))!;
  }

  async function applyUpdate(q: Queryable, ctx: RequestContext, workspaceId: string, id: string, input: UpdateInput): Promise<IntegrationRow> {
    if (!isUuid(id)) throw integrationNotFound();
    if (input.isDefault === true) {
      // Category lock before the row lock, in the same order as every other default change, so
      // two default changes in one category can never wait on each other in a cycle.
      const peek = await findIntegration(q, workspaceId, id);
      if (peek) await lockCategory(q, workspaceId, peek.category);
    }
    const row = await findIntegration(q, workspaceId, id, { forUpdate: true });
    if (!row) throw integrationNotFound();
    assertUnchanged(row, input.immutable);
    const changed: string[] = [];
    const changes: Parameters<typeof updateIntegration>[3] = {};
    if (input.credentials !== undefined || input.config !== undefined) {
      const current = input.credentials ?? (JSON.parse((await vault.open(q, sealRef(workspaceId, id))) ?? '{}') as Record<string, unknown>);
      const config = input.config ?? row.config;
      const valid = validateIntegrationInput(row.provider, row.auth_type, current, config);
      if (!valid.ok) throw invalidField(valid.field, valid.message);
      const origins = credentialOrigins(row.provider, row.auth_type, current, config, baseUrls);
      if (input.credentials === undefined && !sameOrigins(origins, row.credential_origins)) {
        // Moving where a stored credential is sent is a new credential binding: ask for the credential again.
        throw invalidField('credentials', 'this config change sends the credential to another host; send the credentials again with it');
      }
      changes.origins = origins;
      if (input.config !== undefined) {
        changes.config = valid.value.config ?? {};
        changed.push('config');
      }
      if (input.credentials !== undefined) {
        await vault.seal(q, sealRef(workspaceId, id), JSON.stringify(valid.value.credentials), { hint: false });
        changes.hints = credentialHints(keyring, workspaceId, valid.value.credentials, secretFieldsOf(row.provider, row.auth_type));
        changes.resetVerification = true;
        changed.push('credentials');
      }
      if (input.config !== undefined) changes.resetVerification = true;
    }
    if (input.isDefault !== undefined && input.isDefault !== row.is_default) {
      if (input.isDefault && !row.is_global) throw invalidField('isDefault', 'Only global integrations can be default');
      if (input.isDefault) await takeDefault(q, ctx, workspaceId, row.category, id);
      changes.isDefault = input.isDefault;
      changed.push('isDefault');
    }
    if (changed.length === 0) return row;
    await updateIntegration(q, workspaceId, id, changes);
    await appendAudit(q, {
      workspaceId,
      actor: actorOf(ctx.principal),
      action: 'integration.updated',
      target: { type: 'integration', id },
      outcome: 'success',
      requestId: ctx.requestId,
      metadata: { provider: row.provider, changed, ...(changes.isDefault !== undefined ? { is_default: changes.isDefault } : {}) },
    });
    return (await findIntegration(q, workspaceId, id))!;
  }

  return {
    async create(ctx: RequestContext, body: CreateIntegrationBody, opts: { verify?: boolean } = {}) {
      assertNotApplication(ctx.principal);
      const workspaceId = workspaceOf(ctx.principal);
      // Capability first (403), then the body's rules (400): a caller without the right learns nothing
      // from them (the route checks the same before it validates the body's shape).
      const row = await inWorkspace(db, ctx, workspaceId, 'integrations.manage', async (q) => insert(q, ctx, workspaceId, parseCreate(body)));
      if (!opts.verify) return integrationView(row);
      // After the commit, outside any transaction: the integration exists whatever the provider answers,
      // and the answer is recorded on it (verification.status / reasonCode in the response).
      const verified = await verifier.verifyStored(workspaceId, row.id, { actor: actorOf(ctx.principal), requestId: ctx.requestId, trigger: 'create' });
      return integrationView(verified?.row ?? row);
    },

    async update(ctx: RequestContext, id: string, body: UpdateIntegrationBody) {
      assertNotApplication(ctx.principal);
      const workspaceId = workspaceOf(ctx.principal);
      const row = await inWorkspace(db, ctx, workspaceId, 'integrations.manage', (q) => applyUpdate(q, ctx, workspaceId, id, parseUpdate(body)));
      return integrationView(row);
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      assertNotApplication(ctx.principal);
      const workspaceId = workspaceOf(ctx.principal);
      await inWorkspace(db, ctx, workspaceId, 'integrations.manage', async (q) => {
        const row = isUuid(id) ? await deleteIntegration(q, workspaceId, id) : null;
        if (!row) throw integrationNotFound();
        const destroyed = await vault.destroy(q, { workspaceId, recordType: RECORD_TYPE, recordId: id });
        await appendAudit(q, {
          workspaceId,
          actor: actorOf(ctx.principal),
          action: 'integration.deleted',
          target: { type: 'integration', id },
          outcome: 'success',
          requestId: ctx.requestId,
          metadata: { provider: row.provider, is_global: row.is_global, was_default: row.is_default, projects: row.projects, secrets_destroyed: destroyed },
        });
      });
    },

    /**
     * Every integration (the contract has no pagination), or — an extension — one page of `limit`
     * in creation order after `cursor`, with the cursor of the next page when there is one.
     */
    async list(ctx: RequestContext, filter: { provider?: string; defaultsOnly?: boolean; limit?: number; cursor?: string }) {
      const workspaceId = workspaceOf(ctx.principal);
      // A provider outside the contract's enum matches nothing (the contract documents no 400 here).
      if (filter.provider !== undefined && !isIntegrationProvider(filter.provider)) return { items: [], nextCursor: null };
      const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
      return inWorkspace(db, ctx, workspaceId, 'integrations.view', async (q) => {
        const rows = await listIntegrations(q, workspaceId, {
          provider: filter.provider,
          defaultsOnly: filter.defaultsOnly,
          narrowing: narrowingOf(ctx.principal),
          limit: filter.limit,
          after,
        });
        const last = filter.limit !== undefined && rows.length === filter.limit ? rows[rows.length - 1] : null;
        const key = last ? await pageKeyOf(q, workspaceId, last.id) : null;
        return { items: rows.map(integrationView), nextCursor: key ? encodeCursor(key) : null };
      });
    },

    /** The integration must exist in the caller's workspace (and narrowing) before a run is started on it. */
    async assertVisible(q: Queryable, ctx: RequestContext, workspaceId: string, id: string): Promise<IntegrationRow> {
      const row = isUuid(id) ? await findIntegration(q, workspaceId, id) : null;
      const n = narrowingOf(ctx.principal);
      if (
        !row ||
        (n.providers && !n.providers.includes(row.provider)) ||
        (n.projects && !row.is_global && !row.projects.some((p) => n.projects!.includes(p)))
      ) {
        throw integrationNotFound();
      }
      return row;
    },
  };
}

const encodeCursor = (k: PageKey) => Buffer.from(`${k.micros}.${k.id}`).toString('base64url');

/** `<created_at in microseconds>.<id>`; the id lower-case, as the service writes it. */
const CURSOR = new RegExp(`^(\\d{1,19})\\.(${UUID_PATTERN})$`);

function decodeCursor(cursor: string): PageKey {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('integration.cursor_invalid', 'the cursor is not valid');
  return { micros: m[1], id: m[2] };
}

function assertUnchanged(row: IntegrationRow, named: UpdateInput['immutable']): void {
  const immutable = (field: string) =>
    new AppError('integration.immutable', `${field} cannot be changed after creation (immutable fields: provider, authType, projects / isGlobal)`, { field });
  if ('provider' in named && named.provider !== row.provider) throw immutable('provider');
  if ('authType' in named && named.authType !== row.auth_type) throw immutable('authType');
  if ('isGlobal' in named && named.isGlobal !== row.is_global) throw immutable('isGlobal');
  if ('projects' in named) {
    const given = [...new Set(named.projects)].sort();
    const stored = [...row.projects].sort();
    if (given.length !== stored.length || given.some((p, i) => p !== stored[i])) throw immutable('projects');
  }
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
