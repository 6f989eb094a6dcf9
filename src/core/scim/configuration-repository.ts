// SQL for SCIM configurations and their tokens. Every function takes the transaction it runs in;
// inside a workspace transaction row-level security confines it, the owner connection is used
// only for the vendor's cross-workspace reads and the token lookup that finds the workspace.
import type { Queryable } from '../../db/database.ts';
import { isUuid } from '../../lib/uuid.ts';
import type { UnknownAttributePolicy } from './unknown-attribute-policy.ts';

export interface ConfigurationRow {
  id: string;
  workspace_id: string;
  tenant_id: number;
  connection_name: string;
  source: string;
  sync_to_user_management: boolean;
  unknown_attribute_policy: UnknownAttributePolicy;
  last_sync_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, workspace_id, tenant_id, connection_name, source, sync_to_user_management, unknown_attribute_policy, last_sync_at, created_at';

export interface ConfigurationFilter {
  tenantId?: string;
  source?: string;
  connectionName?: string;
  id?: string;
}

export async function listConfigurations(q: Queryable, filter: ConfigurationFilter): Promise<ConfigurationRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.tenantId !== undefined) {
    // The contract's tenantId is a string: the tenant's numeric id, or its slug.
    if (/^\d{1,18}$/.test(filter.tenantId)) add('c.tenant_id = ?::bigint', filter.tenantId);
    else add('c.tenant_id IN (SELECT id FROM tenants WHERE slug = ?)', filter.tenantId);
  }
  if (filter.source !== undefined) add('c.source = ?', filter.source);
  if (filter.connectionName !== undefined) add('c.connection_name = ?', filter.connectionName);
  if (filter.id !== undefined) add('c.id::text = lower(?)', filter.id);
  return q.query<ConfigurationRow>(
    `SELECT ${COLUMNS.split(', ')
      .map((c) => `c.${c}`)
      .join(', ')} FROM scim_configurations c
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.created_at, c.id`,
    params,
  );
}

export async function findConfiguration(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ConfigurationRow | null> {
  const [row] = await q.query<ConfigurationRow>(`SELECT ${COLUMNS} FROM scim_configurations WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

/** The workspace of a configuration, looked up outside any workspace (the vendor's calls), or null. */
export async function configurationWorkspace(q: Queryable, id: string): Promise<string | null> {
  const [row] = await q.query<{ workspace_id: string }>('SELECT workspace_id FROM scim_configurations WHERE id = $1', [id]);
  return row?.workspace_id ?? null;
}

export async function insertConfiguration(
  q: Queryable,
  c: {
    workspaceId: string;
    tenantId: number;
    connectionName: string;
    source: string;
    syncToUserManagement: boolean;
    unknownAttributePolicy: UnknownAttributePolicy;
  },
): Promise<ConfigurationRow> {
  const [row] = await q.query<ConfigurationRow>(
    `INSERT INTO scim_configurations (workspace_id, tenant_id, connection_name, source, sync_to_user_management, unknown_attribute_policy)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [c.workspaceId, c.tenantId, c.connectionName, c.source, c.syncToUserManagement, c.unknownAttributePolicy],
  );
  return row;
}

/** Connection names already used by a tenant that start with `base` (lower-cased). */
export async function takenConnectionNames(q: Queryable, tenantId: number, base: string): Promise<Set<string>> {
  const rows = await q.query<{ name: string }>(
    `SELECT lower(connection_name) AS name FROM scim_configurations WHERE tenant_id = $1 AND lower(connection_name) LIKE $2`,
    [tenantId, `${base.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`],
  );
  return new Set(rows.map((r) => r.name));
}

export async function setSyncToUserManagement(q: Queryable, id: string, value: boolean): Promise<boolean> {
  const [row] = await q.query<{ was: boolean }>(
    `UPDATE scim_configurations c SET sync_to_user_management = $2, updated_at = now()
     FROM scim_configurations old WHERE c.id = $1 AND old.id = c.id RETURNING old.sync_to_user_management AS was`,
    [id, value],
  );
  return row.was;
}

export async function setUnknownAttributePolicy(q: Queryable, id: string, value: UnknownAttributePolicy): Promise<UnknownAttributePolicy> {
  const [row] = await q.query<{ was: UnknownAttributePolicy }>(
    `UPDATE scim_configurations c SET unknown_attribute_policy = $2, updated_at = now()
     FROM scim_configurations old WHERE c.id = $1 AND old.id = c.id RETURNING old.unknown_attribute_policy AS was`,
    [id, value],
  );
  return row.was;
}

export async function countProvisioned(q: Queryable, id: string): Promise<{ users: number; groups: number }> {
  const [row] = await q.query<{ users: number; groups: number }>(
    `SELECT (SELECT count(*) FROM scim_users WHERE configuration_id = $1)::int AS users,
            (SELECT count(*) FROM scim_groups WHERE configuration_id = $1)::int AS groups`,
    [id],
  );
  return row;
}

/** Deletes the configuration; tokens, users, groups and memberships go with it (ON DELETE CASCADE). */
export async function deleteConfiguration(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM scim_configurations WHERE id = $1', [id]);
}

export async function insertToken(q: Queryable, t: { workspaceId: string; configurationId: string; hash: Buffer; displayPrefix: string }): Promise<void> {
  await q.query(`INSERT INTO scim_tokens (workspace_id, configuration_id, token_hash, display_prefix, state) VALUES ($1, $2, $3, $4, 'active')`, [
    t.workspaceId,
    t.configurationId,
    t.hash,
    t.displayPrefix,
  ]);
}

/**
 * First phase of a rotation: a pending previous token ends now, the active one becomes the
 * previous one until `graceSeconds` from now. Returns when the demoted token stops working.
 */
export async function demoteActiveToken(q: Queryable, configurationId: string, graceSeconds: number): Promise<Date | null> {
  await q.query(`UPDATE scim_tokens SET revoked_at = now() WHERE configuration_id = $1 AND state = 'previous' AND revoked_at IS NULL`, [configurationId]);
  const [row] = await q.query<{ expires_at: Date }>(
    `UPDATE scim_tokens SET state = 'previous', expires_at = now() + make_interval(secs => $2)
     WHERE configuration_id = $1 AND state = 'active' AND revoked_at IS NULL RETURNING expires_at`,
    [configurationId, graceSeconds],
  );
  return row?.expires_at ?? null;
}

/** Second phase: the previous token stops working now. Returns how many were revoked (0 or 1). */
export async function revokePreviousToken(q: Queryable, configurationId: string): Promise<number> {
  const rows = await q.query(
    `UPDATE scim_tokens SET revoked_at = now() WHERE configuration_id = $1 AND state = 'previous' AND revoked_at IS NULL RETURNING id`,
    [configurationId],
  );
  return rows.length;
}

export interface TokenAuthRow {
  configuration_id: string;
  workspace_id: string;
  sync_to_user_management: boolean;
}

/** The SCIM endpoint's authentication lookup (owner connection: the workspace is what it finds). */
export async function findConfigurationByToken(q: Queryable, hash: Buffer): Promise<TokenAuthRow | null> {
  const [row] = await q.query<TokenAuthRow>(
    `SELECT t.configuration_id, c.workspace_id, c.sync_to_user_management
     FROM scim_tokens t JOIN scim_configurations c ON c.id = t.configuration_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
    [hash],
  );
  return row ?? null;
}

/**
 * The statement a remembered SCIM token opens its request's transaction with (a TxGuard): it
 * raises unless the token is still live for the configuration, and answers the configuration's
 * syncToUserManagement as `sync`, its unknownAttributePolicy as `policy` and its learned extension
 * schemas as `learned`. Both values are inlined, so the caller must have validated them:
 * a hex digest and a UUID.
 */
export function liveTokenGuardSql(hashHex: string, configurationId: string): string {
  if (!/^[0-9a-f]+$/i.test(hashHex) || !isUuid(configurationId)) throw new Error('liveTokenGuardSql takes a hex digest and a UUID');
  // The configuration's attribute policy and learned extensions ride along (one row whatever the
  // join finds, so the check always runs), sparing each SCIM write a lookup of its own.
  return `SELECT scim_require_live_token('\\x${hashHex}'::bytea, '${configurationId}'::uuid) AS sync,
    c.unknown_attribute_policy AS policy, c.learned_schemas AS learned
    FROM (SELECT 1) AS one LEFT JOIN scim_configurations c ON c.id = '${configurationId}'::uuid`;
}
