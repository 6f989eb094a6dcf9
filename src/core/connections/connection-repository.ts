// SQL for provider connections. Every function takes the transaction it runs in; request paths
// pass a workspace-confined transaction, so row-level security backs every WHERE clause here.
import type { Queryable } from '../../db/database.ts';
import { nextCheckAtSql } from './check-schedule.ts';
import type { ConnectionOrigin, ConnectionRecord, ConnectionType, CredentialKind, CredentialSource } from './connection-record.ts';

export interface NewConnection {
  workspaceId: string;
  tenantId: number;
  provider: string;
  entraTenantId: string;
  displayName: string;
  connectionType: ConnectionType;
  origin: ConnectionOrigin;
  /** First periodic check: one interval (plus jitter) after creation, not at once. */
  firstCheckInSeconds: number;
}

export async function insertConnection(q: Queryable, c: NewConnection): Promise<ConnectionRecord> {
  const [row] = await q.query<ConnectionRecord>(
    `INSERT INTO provider_connections (workspace_id, tenant_id, provider, entra_tenant_id, display_name, connection_type, origin, next_health_check_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8)) RETURNING *`,
    [c.workspaceId, c.tenantId, c.provider, c.entraTenantId, c.displayName, c.connectionType, c.origin, c.firstCheckInSeconds],
  );
  return row;
}

/** Inside a workspace transaction a slug is unique; row-level security hides other workspaces' tenants. */
export async function findTenant(q: Queryable, ref: { id: number } | { slug: string }): Promise<{ id: number; workspace_id: string } | null> {
  const [row] =
    'id' in ref
      ? await q.query<{ id: number; workspace_id: string }>('SELECT id, workspace_id FROM tenants WHERE id = $1', [ref.id])
      : await q.query<{ id: number; workspace_id: string }>('SELECT id, workspace_id FROM tenants WHERE slug = $1', [ref.slug]);
  return row ?? null;
}

/** Vendor only (unconfined): which workspace a tenant slug belongs to; ambiguous slugs resolve to nothing. */
export async function findTenantsBySlug(q: Queryable, slug: string): Promise<Array<{ id: number; workspace_id: string }>> {
  const rows = await q.query<{ id: number; workspace_id: string }>('SELECT id, workspace_id FROM tenants WHERE slug = $1 LIMIT 2', [slug]);
  return rows;
}

export async function listConnections(q: Queryable, tenantId: number): Promise<ConnectionRecord[]> {
  const rows = await q.query<ConnectionRecord>('SELECT * FROM provider_connections WHERE tenant_id = $1 ORDER BY number', [tenantId]);
  return rows;
}

/** `lock` takes the row lock: concurrent changes to one connection queue instead of racing. */
export async function findConnection(q: Queryable, by: { id: string } | { number: number }, lock = false): Promise<ConnectionRecord | null> {
  const [col, val] = 'id' in by ? ['id', by.id] : ['number', by.number];
  const [row] = await q.query<ConnectionRecord>(`SELECT * FROM provider_connections WHERE ${col} = $1${lock ? ' FOR UPDATE' : ''}`, [val]);
  return row ?? null;
}

/** Vendor only (unconfined): the workspace of a connection, to enter it with row-level security. */
export async function workspaceOfConnection(q: Queryable, by: { id: string } | { number: number }): Promise<string | null> {
  const [col, val] = 'id' in by ? ['id', by.id] : ['number', by.number];
  const [row] = await q.query<{ workspace_id: string }>(`SELECT workspace_id FROM provider_connections WHERE ${col} = $1`, [val]);
  return row?.workspace_id ?? null;
}

export type ConnectionPatch = Partial<
  Pick<
    ConnectionRecord,
    | 'display_name'
    | 'connection_type'
    | 'status'
    | 'health_status'
    | 'consent_status'
    | 'verification_status'
    | 'migration_review_required'
    | 'last_error_reason_code'
    | 'last_error_message'
    | 'checks_paused_for'
  >
> & {
  last_health_check_at?: 'now' | null;
  /** Seconds from now. */
  next_health_check_in?: number;
  credential?: { kind: CredentialKind; clientId: string; source: CredentialSource; fingerprint: string } | null;
};

const PLAIN_FIELDS = [
  'display_name',
  'connection_type',
  'status',
  'health_status',
  'consent_status',
  'verification_status',
  'migration_review_required',
  'last_error_reason_code',
  'last_error_message',
  'checks_paused_for',
] as const;

export async function updateConnection(q: Queryable, id: string, patch: ConnectionPatch): Promise<ConnectionRecord> {
  const sets: string[] = ['updated_at = now()'];
  const params: unknown[] = [id];
  const set = (col: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${col} = $${params.length}${cast}`);
  };
  for (const f of PLAIN_FIELDS) if (patch[f] !== undefined) set(f, patch[f]);
  if (patch.last_health_check_at !== undefined) sets.push(`last_health_check_at = ${patch.last_health_check_at === 'now' ? 'now()' : 'NULL'}`);
  if (patch.next_health_check_in !== undefined) {
    params.push(patch.next_health_check_in);
    sets.push(`next_health_check_at = now() + make_interval(secs => $${params.length})`);
  }
  if (patch.credential !== undefined) {
    const c = patch.credential;
    set('credential_kind', c?.kind ?? null);
    set('credential_client_id', c?.clientId ?? null);
    set('credential_source', c?.source ?? null);
    set('credential_fingerprint', c?.fingerprint ?? null);
    sets.push(`credential_updated_at = ${c ? 'now()' : 'NULL'}`);
  }
  const [row] = await q.query<ConnectionRecord>(`UPDATE provider_connections SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params);
  return row;
}

/**
 * Makes one connection the default of its (tenant, provider). The partial unique index allows one
 * default; the advisory lock orders concurrent switches so the second waits instead of failing.
 */
export async function makeDefault(q: Queryable, c: Pick<ConnectionRecord, 'id' | 'tenant_id' | 'provider'>): Promise<void> {
  await lockDefaults(q, c);
  await q.query('UPDATE provider_connections SET is_default = false, updated_at = now() WHERE tenant_id = $1 AND provider = $2 AND is_default AND id <> $3', [
    c.tenant_id,
    c.provider,
    c.id,
  ]);
  await q.query('UPDATE provider_connections SET is_default = true, updated_at = now() WHERE id = $1 AND NOT is_default', [c.id]);
}

export async function unsetDefault(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE provider_connections SET is_default = false, updated_at = now() WHERE id = $1 AND is_default', [id]);
}

async function lockDefaults(q: Queryable, c: Pick<ConnectionRecord, 'tenant_id' | 'provider'>): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtext('provider_connection_default:' || $1::text || ':' || $2::text))", [c.tenant_id, c.provider]);
}

/**
 * The scheduler's claim (unconfined, across workspaces): up to `limit` connections whose periodic
 * check is due, each advanced to its next due time in the same statement (FOR UPDATE SKIP LOCKED),
 * so several nodes never claim one twice. Due means: not disabled, usable (a dedicated credential,
 * or a granted platform connection when the platform app is configured), and not paused on the
 * credential that failed authentication last.
 */
export async function claimDueHealthChecks(
  q: Queryable,
  c: { interval: { baseSeconds: number; jitterSeconds: number }; platformReady: boolean; platformFingerprint: string | null; limit: number },
): Promise<Array<{ id: string; workspace_id: string }>> {
  return q.query<{ id: string; workspace_id: string }>(
    `UPDATE provider_connections SET next_health_check_at = ${nextCheckAtSql('$1', '$2')}
     WHERE id IN (
       SELECT id FROM provider_connections
       WHERE status <> 'disabled'
         AND coalesce(next_health_check_at, '-infinity') <= now()
         AND (connection_type = 'dedicated' AND credential_kind IS NOT NULL
              OR connection_type = 'platform' AND $3::boolean AND consent_status = 'granted')
         AND (checks_paused_for IS NULL
              OR checks_paused_for IS DISTINCT FROM (CASE WHEN connection_type = 'platform' THEN $4 ELSE credential_fingerprint END))
       ORDER BY next_health_check_at NULLS FIRST
       LIMIT $5
       FOR UPDATE SKIP LOCKED)
     RETURNING id, workspace_id`,
    [c.interval.baseSeconds, c.interval.jitterSeconds, c.platformReady, c.platformFingerprint, c.limit],
  );
}
