// SQL for integrations and their project links. Every function takes the transaction it runs in;
// request transactions are confined to one workspace by row-level security as well.
import type { Queryable } from '../../db/database.ts';
import type { IntegrationRow, Narrowing } from './types.ts';

const COLUMNS = `i.id, i.workspace_id, i.provider, i.provider_key, i.category, i.auth_type, i.is_global, i.is_default,
  i.config, i.credential_hints, i.credential_origins, i.verification_status, i.verification_reason_code,
  i.verification_message, i.verified_at, i.revision, i.created_by, i.created_at, i.updated_at`;

// Project identifiers of a scoped integration, sorted; an index lookup on the link's primary key.
const PROJECTS = `coalesce((SELECT array_agg(p.identifier ORDER BY p.identifier) FROM integration_projects ip
  JOIN projects p ON p.id = ip.project_id WHERE ip.integration_id = i.id), '{}') AS projects`;

const SELECT_INTEGRATION = `SELECT ${COLUMNS}, ${PROJECTS} FROM integrations i`;

export interface ListFilter {
  provider?: string;
  defaultsOnly?: boolean;
  narrowing?: Narrowing;
  /** Keyset pagination (an extension; without it every row is returned, as the contract expects). */
  limit?: number;
  after?: PageKey;
}

/** Position in the (created_at, id) order: created_at as exact microseconds since the epoch. */
export interface PageKey {
  micros: string;
  id: string;
}

/**
 * An application token narrowed to providers sees only those; narrowed to projects, it sees the
 * global integrations and those scoped to one of its projects.
 */
function narrowSql(n: Narrowing | undefined, params: unknown[]): string[] {
  const where: string[] = [];
  if (n?.providers) {
    params.push(n.providers);
    where.push(`i.provider = ANY($${params.length}::text[])`);
  }
  if (n?.projects) {
    params.push(n.projects);
    where.push(`(i.is_global OR EXISTS (SELECT 1 FROM integration_projects ip JOIN projects p ON p.id = ip.project_id
      WHERE ip.integration_id = i.id AND p.identifier = ANY($${params.length}::text[])))`);
  }
  return where;
}

export async function listIntegrations(q: Queryable, workspaceId: string, f: ListFilter = {}): Promise<IntegrationRow[]> {
  const params: unknown[] = [workspaceId];
  const where = ['i.workspace_id = $1'];
  if (f.provider) {
    params.push(f.provider);
    where.push(`i.provider = $${params.length}`);
  }
  if (f.defaultsOnly) where.push('i.is_default');
  where.push(...narrowSql(f.narrowing, params));
  if (f.after) {
    params.push(f.after.micros, f.after.id);
    where.push(`(i.created_at, i.id) > ('epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::uuid)`);
  }
  let limit = '';
  if (f.limit !== undefined) {
    params.push(f.limit);
    limit = ` LIMIT $${params.length}`;
  }
  return q.query<IntegrationRow>(`${SELECT_INTEGRATION} WHERE ${where.join(' AND ')} ORDER BY i.created_at, i.id${limit}`, params);
}

/** The page key of a listed row (exact: computed by the database, not from a millisecond Date). */
export async function pageKeyOf(q: Queryable, workspaceId: string, id: string): Promise<PageKey | null> {
  const [row] = await q.query<{ micros: string }>(
    `SELECT (extract(epoch FROM created_at) * 1000000)::bigint::text AS micros FROM integrations WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id],
  );
  return row ? { micros: row.micros, id } : null;
}

export async function findIntegration(q: Queryable, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<IntegrationRow | null> {
  const [row] = await q.query<IntegrationRow>(`${SELECT_INTEGRATION} WHERE i.workspace_id = $1 AND i.id = $2${opts.forUpdate ? ' FOR UPDATE OF i' : ''}`, [
    workspaceId,
    id,
  ]);
  return row ?? null;
}

export interface NewIntegration {
  id: string;
  workspaceId: string;
  provider: string;
  authType: string;
  isGlobal: boolean;
  isDefault: boolean;
  config: Record<string, unknown>;
  hints: Record<string, unknown>;
  origins: string[];
  createdBy: string;
}

export async function insertIntegration(q: Queryable, n: NewIntegration): Promise<void> {
  await q.query(
    `INSERT INTO integrations (id, workspace_id, provider, auth_type, is_global, is_default, config, credential_hints, credential_origins, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [n.id, n.workspaceId, n.provider, n.authType, n.isGlobal, n.isDefault, JSON.stringify(n.config), JSON.stringify(n.hints), n.origins, n.createdBy],
  );
}

export async function linkProjects(q: Queryable, workspaceId: string, integrationId: string, providerKey: string, projectIds: string[]): Promise<void> {
  await q.query(
    `INSERT INTO integration_projects (integration_id, project_id, workspace_id, provider_key)
     SELECT $1, unnest($2::uuid[]), $3, $4`,
    [integrationId, projectIds, workspaceId, providerKey],
  );
}

/** Project-scoped integrations already holding (project, provider): the one-per-pair rule's friendly check. */
export async function scopedConflicts(
  q: Queryable,
  workspaceId: string,
  providerKey: string,
  projectIds: string[],
): Promise<Array<{ identifier: string; integration_id: string }>> {
  return q.query(
    `SELECT p.identifier, ip.integration_id FROM integration_projects ip JOIN projects p ON p.id = ip.project_id
     WHERE ip.workspace_id = $1 AND ip.provider_key = $2 AND ip.project_id = ANY($3::uuid[]) ORDER BY p.identifier`,
    [workspaceId, providerKey, projectIds],
  );
}

export interface IntegrationChanges {
  config?: Record<string, unknown>;
  hints?: Record<string, unknown>;
  origins?: string[];
  isDefault?: boolean;
  /** New credentials were sealed: the last verification no longer applies. */
  resetVerification?: boolean;
}

export async function updateIntegration(q: Queryable, workspaceId: string, id: string, c: IntegrationChanges): Promise<void> {
  const sets: string[] = ['updated_at = now()'];
  const params: unknown[] = [workspaceId, id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (c.config !== undefined) set('config', JSON.stringify(c.config));
  if (c.hints !== undefined) set('credential_hints', JSON.stringify(c.hints));
  if (c.origins !== undefined) set('credential_origins', c.origins);
  if (c.isDefault !== undefined) set('is_default', c.isDefault);
  if (c.config !== undefined || c.hints !== undefined) sets.push('revision = revision + 1');
  if (c.resetVerification) {
    sets.push(`verification_status = 'unverified', verification_reason_code = NULL, verification_message = NULL, verified_at = NULL`);
  }
  await q.query(`UPDATE integrations SET ${sets.join(', ')} WHERE workspace_id = $1 AND id = $2`, params);
}

/**
 * Serialises default changes within one (workspace, category): the partial unique index is the
 * guarantee, the lock makes "unset the previous, set the new" succeed instead of colliding.
 */
export async function lockCategory(q: Queryable, workspaceId: string, category: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`integrations-default:${workspaceId}:${category}`]);
}

/** Unsets the category's current default (other than `exceptId`); returns the ids that were unset. */
export async function unsetDefault(q: Queryable, workspaceId: string, category: string, exceptId: string | null): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `UPDATE integrations SET is_default = false, updated_at = now()
     WHERE workspace_id = $1 AND category = $2 AND is_default AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
    [workspaceId, category, exceptId],
  );
  return rows.map((r) => r.id);
}

export async function deleteIntegration(q: Queryable, workspaceId: string, id: string): Promise<IntegrationRow | null> {
  const row = await findIntegration(q, workspaceId, id, { forUpdate: true });
  if (!row) return null;
  // The project links go with it (ON DELETE CASCADE).
  await q.query('DELETE FROM integrations WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
  return row;
}

/**
 * Records a verification outcome unless credentials or config changed since they were read
 * (`revision`): a result for credentials that have since been replaced must not be shown as current.
 */
export async function recordVerification(
  q: Queryable,
  workspaceId: string,
  id: string,
  revision: number,
  v: { status: 'verified' | 'failed'; reasonCode: string; message: string },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE integrations SET verification_status = $4, verification_reason_code = $5, verification_message = $6, verified_at = now()
     WHERE workspace_id = $1 AND id = $2 AND revision = $3 RETURNING id`,
    [workspaceId, id, revision, v.status, v.reasonCode, v.message.slice(0, 500)],
  );
  return rows.length > 0;
}

/** The scoped integrations of one project and the workspace's defaults: everything resolution chooses from. */
export async function resolutionCandidates(
  q: Queryable,
  workspaceId: string,
  projectId: string,
  opts: { providerKey?: string; category?: string } = {},
): Promise<{ scoped: IntegrationRow[]; defaults: IntegrationRow[] }> {
  const scopedParams: unknown[] = [workspaceId, projectId];
  let scopedWhere = '';
  if (opts.providerKey) {
    scopedParams.push(opts.providerKey);
    scopedWhere = ` AND ip.provider_key = $3`;
  }
  const scoped = await q.query<IntegrationRow>(
    `${SELECT_INTEGRATION} JOIN integration_projects ip ON ip.integration_id = i.id
     WHERE i.workspace_id = $1 AND ip.project_id = $2${scopedWhere} ORDER BY i.created_at, i.id`,
    scopedParams,
  );
  const defaults = await listDefaultCandidates(q, workspaceId, opts.category);
  return { scoped, defaults };
}

export async function listDefaultCandidates(q: Queryable, workspaceId: string, category?: string): Promise<IntegrationRow[]> {
  return q.query<IntegrationRow>(
    `${SELECT_INTEGRATION} WHERE i.workspace_id = $1 AND i.is_default${category ? ' AND i.category = $2' : ''} ORDER BY i.created_at, i.id`,
    category ? [workspaceId, category] : [workspaceId],
  );
}

/** Scoped integrations of several projects at once (platform health), keyed by project id. */
export async function scopedForProjects(
  q: Queryable,
  workspaceId: string,
  projectIds: string[],
  providerKeys: string[],
): Promise<Array<IntegrationRow & { project_id: string }>> {
  return q.query(
    `${SELECT_INTEGRATION.replace(' FROM integrations i', ', ip.project_id FROM integrations i')} JOIN integration_projects ip ON ip.integration_id = i.id
     WHERE i.workspace_id = $1 AND ip.project_id = ANY($2::uuid[]) AND ip.provider_key = ANY($3::text[])`,
    [workspaceId, projectIds, providerKeys],
  );
}
