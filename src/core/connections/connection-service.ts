// Provider connections: create, read, update, connection-type change, dedicated credentials and
// run starts. Both contract surfaces call these; every change is audited in its transaction.
import type { MicrosoftConfig } from '../../config.ts';
import type { Db, Queryable } from '../../db/database.ts';
import { isGuid } from '../../providers/microsoft/tenant-id.ts';
import type { Capability } from '../access/capabilities.ts';
import { actorOf } from '../access/principal.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import type { RunRecord } from '../runs/run-record.ts';
import type { JobEnqueuer, StartDisposition } from '../runs/run-service.ts';
import type { Vault } from '../vault/vault.ts';
import {
  assertConfirmed,
  assertProviderAllowed,
  CONFIRM_HEADER,
  type ConnectionRef,
  inTenant,
  onConnection,
  providerVisible,
  type TenantRef,
} from './connection-access.ts';
import { type ConnectionOrigin, type ConnectionRecord, type ConnectionType, type CredentialSource, credentialRef, type RunKind } from './connection-record.ts';
import {
  type ConnectionPatch,
  findConnection,
  insertConnection,
  listConnections,
  makeDefault,
  unsetDefault,
  updateConnection,
} from './connection-repository.ts';
import { resetForNewApp, statusWhenEnabled } from './connection-state.ts';
import { entraTenantBoundElsewhere } from './consent-repository.ts';
import { type CredentialInput, sealCredential, validateCredential } from './credentials.ts';
import { nextCheckIn } from './check-schedule.ts';
import { startConnectionRun } from './run-start.ts';

export { CONFIRM_HEADER };

export interface ConnectionServiceDeps {
  db: Db;
  vault: Vault;
  engine: JobEnqueuer;
  /** The platform app (runs are blocked without it) and the health-check schedule of a new connection. */
  config: { microsoft: Pick<MicrosoftConfig, 'platformClientId' | 'platformClientSecret' | 'healthCheckIntervalSeconds' | 'healthCheckJitterSeconds'> };
}

export interface CreateInput {
  provider: string;
  entraTenantId: string;
  displayName: string;
  isDefault: boolean;
  connectionType: ConnectionType;
  /** Defaults to 'admin'; the provider-foundation v1 surface passes 'foundation_v1'. */
  origin?: ConnectionOrigin;
  credential?: (CredentialInput & { source?: CredentialSource }) | null;
}

export interface UpdateInput {
  displayName?: string;
  isDefault?: boolean;
  status?: string;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Entra tenant ids go into Microsoft URLs: a GUID or a verified domain, stored lower-case. */
function normalizeEntraTenantId(value: string): string {
  const v = value.trim().toLowerCase();
  if (!isGuid(v) && !DOMAIN.test(v)) {
    throw new AppError('provider_connection.entra_tenant_id.invalid', 'entra_tenant_id must be the directory (tenant) GUID or a verified domain name');
  }
  return v;
}

/**
 * A platform connection to an Entra tenant that another workspace's platform connection holds
 * consent for could never be granted here (0009_consent_proof.sql): refused up front with a 409
 * instead of a connection that silently stays unconsented. Dedicated connections use their own
 * app and are not bound. Only a tenant named by GUID can be checked before consent proves it.
 */
async function assertTenantNotBoundElsewhere(q: Queryable, entraTenantId: string): Promise<void> {
  if (!isGuid(entraTenantId)) return;
  if (await entraTenantBoundElsewhere(q, entraTenantId)) {
    throw new AppError(
      'provider_connection.entra_tenant_bound',
      `Entra tenant ${entraTenantId} is connected to another Switchboard workspace through the platform app; an administrator must release it in that workspace first (by switching that connection to dedicated), or use a dedicated connection with the customer's own app`,
    );
  }
}

export function createConnectionService(deps: ConnectionServiceDeps) {
  const { db, vault, config } = deps;

  const audit = (
    q: Queryable,
    ctx: RequestContext,
    c: ConnectionRecord,
    action: string,
    metadata: Record<string, unknown>,
    outcome: 'success' | 'failure' = 'success',
  ) =>
    appendAudit(q, {
      workspaceId: c.workspace_id,
      actor: actorOf(ctx.principal),
      action,
      target: { type: 'provider_connection', id: c.id },
      outcome,
      requestId: ctx.requestId,
      metadata: { number: c.number, ...metadata },
    });

  const confirmIds = (c: ConnectionRecord) => [c.id, String(c.number)];

  /** Stores (or replaces) the dedicated credential; a different client id means a different app, whose consent is unknown. */
  async function storeCredential(
    q: Queryable,
    ctx: RequestContext,
    c: ConnectionRecord,
    input: CredentialInput,
    source: CredentialSource,
  ): Promise<ConnectionRecord> {
    const credential = validateCredential(input);
    const fingerprint = await sealCredential(vault, q, c, credential);
    const appChanged = c.credential_client_id !== null && c.credential_client_id !== credential.clientId;
    const patch: ConnectionPatch = {
      ...(appChanged ? resetForNewApp(c) : {}),
      credential: { kind: credential.kind, clientId: credential.clientId, source, fingerprint },
      migration_review_required: source === 'legacy_migrated',
    };
    const updated = await updateConnection(q, c.id, patch);
    await audit(q, ctx, updated, c.credential_kind ? 'provider_connection.credential_rotated' : 'provider_connection.credential_created', {
      kind: credential.kind,
      client_id: credential.clientId,
      source,
      fingerprint,
      previous_fingerprint: c.credential_fingerprint,
      app_changed: appChanged,
    });
    return updated;
  }

  async function switchType(q: Queryable, ctx: RequestContext, c: ConnectionRecord, to: ConnectionType): Promise<ConnectionRecord> {
    if (to === 'platform') await assertTenantNotBoundElsewhere(q, c.entra_tenant_id);
    const removeCredential = to === 'platform' && c.credential_kind !== null;
    // The platform app never uses a connection's own secret: keeping it would only keep a liability.
    if (removeCredential) await vault.destroy(q, credentialRef(c));
    const updated = await updateConnection(q, c.id, {
      ...resetForNewApp(c),
      connection_type: to,
      migration_review_required: false,
      ...(removeCredential ? { credential: null } : {}),
    });
    await audit(q, ctx, updated, 'provider_connection.connection_type_changed', {
      from: c.connection_type,
      to,
      credential_removed: removeCredential,
      previous_consent_status: c.consent_status,
      previous_verification_status: c.verification_status,
    });
    return updated;
  }

  return {
    async list(ctx: RequestContext, tenant: TenantRef): Promise<ConnectionRecord[]> {
      return inTenant(db, ctx, tenant, 'providers.view', async (q, t) =>
        (await listConnections(q, t.id)).filter((c) => providerVisible(ctx.principal, c.provider)),
      );
    },

    async get(ctx: RequestContext, ref: ConnectionRef): Promise<ConnectionRecord> {
      return onConnection(db, ctx, ref, 'providers.view', {}, async (_q, c) => c);
    },

    async create(ctx: RequestContext, tenant: TenantRef, input: CreateInput, confirm: string | string[] | undefined): Promise<ConnectionRecord> {
      const entraTenantId = normalizeEntraTenantId(input.entraTenantId);
      const dedicated = input.connectionType === 'dedicated';
      if (input.credential && !dedicated) {
        throw new AppError('provider_connection.dedicated_credential.invalid', 'a dedicated_credential needs connection_type "dedicated"');
      }
      if (input.credential) validateCredential(input.credential); // refuse a broken credential before anything is written
      const capabilities: Capability[] = dedicated ? ['providers.manage', 'providers.manage_dedicated'] : ['providers.manage'];
      return inTenant(db, ctx, tenant, capabilities, async (q, t) => {
        assertProviderAllowed(ctx.principal, input.provider);
        if (dedicated) assertConfirmed(confirm, ['dedicated'], 'Creating a dedicated connection');
        else await assertTenantNotBoundElsewhere(q, entraTenantId);
        let c = await insertConnection(q, {
          workspaceId: t.workspace_id,
          tenantId: t.id,
          provider: input.provider,
          entraTenantId,
          displayName: input.displayName,
          connectionType: input.connectionType,
          origin: input.origin ?? 'admin',
          firstCheckInSeconds: nextCheckIn(config.microsoft),
        }).catch((err) => {
          if ((err as { code?: string }).code === '23505') {
            throw new AppError(
              'provider_connection.duplicate',
              `a ${input.provider} connection to Entra tenant ${entraTenantId} already exists for this tenant`,
            );
          }
          throw err;
        });
        if (input.isDefault) {
          await makeDefault(q, c);
          c = (await findConnection(q, { id: c.id }))!;
        }
        await audit(q, ctx, c, 'provider_connection.created', {
          provider: c.provider,
          entra_tenant_id: c.entra_tenant_id,
          connection_type: c.connection_type,
          is_default: c.is_default,
        });
        if (input.credential) c = await storeCredential(q, ctx, c, input.credential, input.credential.source ?? 'dedicated_manual');
        return c;
      });
    },

    async update(ctx: RequestContext, ref: ConnectionRef, input: UpdateInput): Promise<ConnectionRecord> {
      return onConnection(db, ctx, ref, 'providers.manage', { lock: true }, async (q, c) => {
        const patch: ConnectionPatch = {};
        const changes: Record<string, unknown> = {};
        if (input.displayName !== undefined && input.displayName !== c.display_name) {
          patch.display_name = input.displayName;
          changes.display_name = { from: c.display_name, to: input.displayName };
        }
        // `disabled` only by an explicit update; any other status value re-enables, and the status
        // then follows from what is known (consent, last check) — checks set it, clients do not.
        if (input.status === 'disabled' && c.status !== 'disabled') patch.status = 'disabled';
        else if (input.status !== undefined && input.status !== 'disabled' && c.status === 'disabled') patch.status = statusWhenEnabled(c);
        if (patch.status) changes.status = { from: c.status, to: patch.status };
        let updated = Object.keys(patch).length ? await updateConnection(q, c.id, patch) : c;
        if (input.isDefault !== undefined && input.isDefault !== c.is_default) {
          if (input.isDefault) await makeDefault(q, c);
          else await unsetDefault(q, c.id);
          changes.is_default = { from: c.is_default, to: input.isDefault };
          updated = (await findConnection(q, { id: c.id }))!;
        }
        if (Object.keys(changes).length === 0) return updated;
        const action =
          patch.status === 'disabled' ? 'provider_connection.disabled' : changes.status ? 'provider_connection.enabled' : 'provider_connection.updated';
        await audit(q, ctx, updated, action, { changes });
        return updated;
      });
    },

    async changeConnectionType(ctx: RequestContext, ref: ConnectionRef, to: ConnectionType, confirm: string | string[] | undefined): Promise<ConnectionRecord> {
      return onConnection(db, ctx, ref, ['providers.manage', 'providers.manage_dedicated'], { lock: true }, async (q, c) => {
        assertConfirmed(confirm, confirmIds(c), 'Changing the connection type');
        return c.connection_type === to ? c : switchType(q, ctx, c, to);
      });
    },

    /**
     * Creates or rotates the dedicated credential. `allowTypeSwitch` is the foundation surface's
     * credentials PUT, which predates connection types: on a platform connection it switches to
     * dedicated. On a connection the v1 surface made, that switch is what its client asked for
     * (v1 knows no platform app), so it needs no confirmation; on one made through /admin it
     * needs the same confirmation as an explicit type change.
     */
    async putCredential(
      ctx: RequestContext,
      ref: ConnectionRef,
      input: CredentialInput & { source?: CredentialSource },
      opts: { allowTypeSwitch: boolean; confirm: string | string[] | undefined },
    ): Promise<ConnectionRecord> {
      validateCredential(input);
      return onConnection(db, ctx, ref, 'providers.manage_dedicated', { lock: true }, async (q, c) => {
        let conn = c;
        if (c.connection_type === 'platform') {
          if (!opts.allowTypeSwitch) {
            throw new AppError(
              'provider_connection.conflict',
              'this connection uses the platform app registration; change its connection type to dedicated first',
            );
          }
          if (c.origin !== 'foundation_v1') {
            assertConfirmed(opts.confirm, confirmIds(c), 'Attaching a credential switches this platform connection to dedicated, which');
          }
          conn = await switchType(q, ctx, c, 'dedicated');
        }
        return storeCredential(q, ctx, conn, input, input.source ?? 'dedicated_manual');
      });
    },

    async deleteCredential(ctx: RequestContext, ref: ConnectionRef, confirm: string | string[] | undefined): Promise<void> {
      await onConnection(db, ctx, ref, 'providers.manage_dedicated', { lock: true }, async (q, c) => {
        assertConfirmed(confirm, confirmIds(c), 'Deleting the dedicated credential');
        if (!c.credential_kind) throw notFound('provider_connection.credential.not_found', 'the connection has no dedicated credential');
        await vault.destroy(q, credentialRef(c));
        const updated = await updateConnection(q, c.id, {
          credential: null,
          status: c.status === 'disabled' ? undefined : 'error',
          health_status: 'down',
          verification_status: 'unknown',
          last_error_reason_code: 'missing_configuration',
          last_error_message: 'The dedicated credential was deleted.',
          checks_paused_for: null,
        });
        await audit(q, ctx, updated, 'provider_connection.credential_deleted', {
          kind: c.credential_kind,
          client_id: c.credential_client_id,
          fingerprint: c.credential_fingerprint,
        });
      });
    },

    async startOperation(ctx: RequestContext, ref: ConnectionRef, kind: RunKind): Promise<{ disposition: StartDisposition; run: RunRecord }> {
      return onConnection(db, ctx, ref, 'providers.run', {}, async (q, c) => {
        const r = await startConnectionRun(q, deps, c, kind, actorOf(ctx.principal), ctx.requestId);
        if (kind === 'verification' && r.disposition === 'created') await updateConnection(q, c.id, { verification_status: 'pending' });
        if (kind === 'verification' && r.disposition === 'blocked') await updateConnection(q, c.id, { verification_status: 'blocked' });
        return r;
      });
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
