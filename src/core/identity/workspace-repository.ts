// Workspaces: SQL only. Every function takes the transaction it runs in; the callers decide who may.
import type { Queryable } from '../../db/database.ts';
import type { Keyset } from '../pagination.ts';

export interface WorkspaceRow {
  id: string;
  name: string;
  created_at: Date;
}

export async function insertWorkspace(q: Queryable, name: string): Promise<WorkspaceRow> {
  const [row] = await q.query<WorkspaceRow>('INSERT INTO workspaces (name) VALUES ($1) RETURNING id, name, created_at', [name]);
  return row;
}

/** Every workspace the transaction can see: all of them unconfined (the vendor), its own under row-level security. */
/** A page in creation order; `sort_at` is created_at as exact text (a Date would lose microseconds). */
export async function listWorkspaceRows(q: Queryable, page: Keyset): Promise<Array<WorkspaceRow & { sort_at: string }>> {
  const [at, id] = page.after ?? [null, null];
  return q.query<WorkspaceRow & { sort_at: string }>(
    `SELECT id, name, created_at, created_at::text AS sort_at FROM workspaces
     WHERE $1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid) ORDER BY created_at, id LIMIT $3`,
    [at, id, page.fetch],
  );
}

export async function workspaceExists(q: Queryable, workspaceId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM workspaces WHERE id = $1', [workspaceId])).length > 0;
}
