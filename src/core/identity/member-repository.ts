// Members: SQL only. Every function takes the transaction it runs in; the callers decide who may.
import type { Queryable } from '../../db/database.ts';
import type { Keyset } from '../pagination.ts';
import type { Role } from '../access/capabilities.ts';

export interface MemberRow {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  source: string | null;
  disabled_at: Date | null;
  disabled_by: 'manual' | 'scim' | null;
  created_at: Date;
}

const COLUMNS = 'id, workspace_id, email, role, source, disabled_at, disabled_by, created_at';

/** The workspace a member belongs to, looked up outside any workspace (the caller then acts inside it). */
export async function memberWorkspace(q: Queryable, memberId: string): Promise<string | null> {
  const [row] = await q.query<{ workspace_id: string }>('SELECT workspace_id FROM members WHERE id = $1', [memberId]);
  return row?.workspace_id ?? null;
}

export async function findMember(q: Queryable, memberId: string, opts: { lock?: boolean } = {}): Promise<MemberRow | null> {
  const [row] = await q.query<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`, [memberId]);
  return row ?? null;
}

/** A page in creation order; `sort_at` is created_at as exact text (a Date would lose microseconds). */
export async function listMemberRows(q: Queryable, workspaceId: string, page: Keyset): Promise<Array<MemberRow & { sort_at: string }>> {
  const [at, id] = page.after ?? [null, null];
  return q.query<MemberRow & { sort_at: string }>(
    `SELECT ${COLUMNS}, created_at::text AS sort_at FROM members
     WHERE workspace_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid)) ORDER BY created_at, id LIMIT $4`,
    [workspaceId, at, id, page.fetch],
  );
}

export async function insertMember(q: Queryable, m: { workspaceId: string; email: string; role: Role }): Promise<MemberRow> {
  const [row] = await q.query<MemberRow>(`INSERT INTO members (workspace_id, email, role) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [
    m.workspaceId,
    m.email,
    m.role,
  ]);
  return row;
}

/** Other active owners of the member's workspace (an owner who leaves must not be the last). */
export async function countOtherActiveOwners(q: Queryable, workspaceId: string, memberId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM members WHERE workspace_id = $1 AND id <> $2 AND role = 'owner' AND disabled_at IS NULL`,
    [workspaceId, memberId],
  );
  return row.n;
}

export async function setMemberRole(q: Queryable, memberId: string, role: Role): Promise<MemberRow> {
  const [row] = await q.query<MemberRow>(`UPDATE members SET role = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [memberId, role]);
  return row;
}

/** Disables the members not disabled yet; returns those it disabled. */
export async function disableMembers(q: Queryable, memberIds: readonly string[], by: 'manual' | 'scim'): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const rows = await q.query<{ id: string }>(
    'UPDATE members SET disabled_at = now(), disabled_by = $2 WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL RETURNING id',
    [[...memberIds], by],
  );
  return rows.map((r) => r.id);
}

export async function enableMember(q: Queryable, memberId: string): Promise<MemberRow> {
  const [row] = await q.query<MemberRow>(`UPDATE members SET disabled_at = NULL, disabled_by = NULL WHERE id = $1 RETURNING ${COLUMNS}`, [memberId]);
  return row;
}

export async function deleteMember(q: Queryable, memberId: string): Promise<void> {
  await q.query('DELETE FROM members WHERE id = $1', [memberId]);
}

/**
 * What an OIDC session's claims name: whether the workspace exists, and the member its email is
 * in that workspace (if any). Runs outside any workspace, like the token lookup.
 */
export async function oidcWorkspaceMember(
  q: Queryable,
  workspaceId: string,
  email: string | null,
): Promise<{ workspace: boolean; member: Pick<MemberRow, 'id' | 'role' | 'disabled_at'> | null }> {
  const [row] = await q.query<{ id: string | null; role: Role | null; disabled_at: Date | null }>(
    `SELECT m.id, m.role, m.disabled_at FROM workspaces w
     LEFT JOIN members m ON m.workspace_id = w.id AND $2::text IS NOT NULL AND m.email = switchboard_fold_email($2::text)
     WHERE w.id = $1`,
    [workspaceId, email],
  );
  if (!row) return { workspace: false, member: null };
  return { workspace: true, member: row.id ? { id: row.id, role: row.role!, disabled_at: row.disabled_at } : null };
}

/** A workspace's member-related settings (row-level security confines the read and the write). */
export async function scimOwnerMappingAllowed(q: Queryable, workspaceId: string, opts: { lock?: boolean } = {}): Promise<boolean> {
  const [row] = await q.query<{ allowed: boolean }>(
    `SELECT scim_owner_mapping_allowed AS allowed FROM workspaces WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [workspaceId],
  );
  return row?.allowed ?? false;
}

export async function setScimOwnerMappingAllowed(q: Queryable, workspaceId: string, allowed: boolean): Promise<void> {
  await q.query('UPDATE workspaces SET scim_owner_mapping_allowed = $2 WHERE id = $1', [workspaceId, allowed]);
}

/** With the setting off, SCIM-provisioned owners become admins (no more than a mapping may make). */
export async function capScimOwners(q: Queryable, workspaceId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `UPDATE members SET role = 'admin' WHERE workspace_id = $1 AND source LIKE 'scim:%' AND role = 'owner' RETURNING id`,
    [workspaceId],
  );
  return rows.map((r) => r.id);
}
