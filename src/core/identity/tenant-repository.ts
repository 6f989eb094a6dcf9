// Tenants: SQL only. Every function takes the transaction it runs in; the callers decide who may.
import type { Queryable } from '../../db/database.ts';
import type { Keyset } from '../pagination.ts';

export interface TenantRow {
  id: number;
  workspace_id: string;
  name: string;
  slug: string;
  created_at: Date;
}

const COLUMNS = 'id, workspace_id, name, slug, created_at';

/** int8 arrives as a string from `pg`; tenant ids stay far below 2^53. */
const normalize = (r: TenantRow): TenantRow => ({ ...r, id: Number(r.id) });

/** The slugs of the workspace that start with `prefix` (to derive a free one). */
export async function slugsStartingWith(q: Queryable, workspaceId: string, prefix: string): Promise<string[]> {
  const rows = await q.query<{ slug: string }>(`SELECT slug FROM tenants WHERE workspace_id = $1 AND slug LIKE $2`, [workspaceId, `${prefix}%`]);
  return rows.map((r) => r.slug);
}

export async function insertTenant(q: Queryable, t: { workspaceId: string; name: string; slug: string }): Promise<TenantRow> {
  const [row] = await q.query<TenantRow>(`INSERT INTO tenants (workspace_id, name, slug) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [
    t.workspaceId,
    t.name,
    t.slug,
  ]);
  return normalize(row);
}

/** A page in id order (ids are a sequence: creation order). */
export async function listTenantRows(q: Queryable, workspaceId: string, page: Keyset): Promise<TenantRow[]> {
  const after = page.after ? page.after[0] : null;
  return (
    await q.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE workspace_id = $1 AND ($2::bigint IS NULL OR id > $2::bigint) ORDER BY id LIMIT $3`, [
      workspaceId,
      after,
      page.fetch,
    ])
  ).map(normalize);
}

/**
 * Tenants a `frontegg-tenant-id` value may name: the one with that numeric id (first, `by_id`)
 * and those with that slug; at most three, which is enough to tell unique from ambiguous.
 */
export async function findTenantsByRef(
  q: Queryable,
  slug: string,
  numericId: string | null,
): Promise<Array<{ id: number; workspace_id: string; by_id: boolean }>> {
  const rows = await q.query<{ id: number; workspace_id: string; by_id: boolean }>(
    `SELECT id, workspace_id, (id = $2::bigint) IS TRUE AS by_id FROM tenants
     WHERE id = $2::bigint OR slug = $1 ORDER BY by_id DESC, id LIMIT 3`,
    [slug, numericId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
