// Workspaces: SQL only. Every function takes the transaction it runs in; the callers decide who may.
import type { Queryable } from '../../db/database.ts';

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
export async function listWorkspaceRows(q: Queryable): Promise<WorkspaceRow[]> {
  return q.query<WorkspaceRow>('SELECT id, name, created_at FROM workspaces ORDER BY created_at, id');
}

export async function workspaceExists(q: Queryable, workspaceId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM workspaces WHERE id = $1', [workspaceId])).length > 0;
}
