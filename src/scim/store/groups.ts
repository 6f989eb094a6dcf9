// SQL for scim_groups and scim_group_members (every write of a group also moves the configuration's lastSync). Membership changes are set operations on the
// membership table: adding or removing one member of a 10,000-member group touches one row
// (plus the group's version), and never reads the member list.
import type { Queryable, Transaction } from '../../db/database.ts';
import { invalidValue, type MemberRef, type ResourceColumns } from '../protocol/index.ts';
import { deleteAtVersion } from './delete-at-version.ts';
import { touchLastSyncCte } from './last-sync.ts';

export interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  resource: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface MemberRow {
  group_id: string;
  member_id: string;
  member_type: 'User' | 'Group';
  display: string | null;
}

export const GROUP_COLUMNS = 'id, display_name, external_id, resource, created_at, updated_at, version';

export async function insertGroup(
  q: Queryable,
  scope: { workspaceId: string; configurationId: string },
  cols: ResourceColumns,
  resource: Record<string, unknown>,
): Promise<GroupRow> {
  const [row] = await q.query<GroupRow>(
    `WITH ${touchLastSyncCte('$2::uuid')}
     INSERT INTO scim_groups (workspace_id, configuration_id, display_name, external_id, resource)
     VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING ${GROUP_COLUMNS}`,
    [scope.workspaceId, scope.configurationId, cols.displayName, cols.externalId, JSON.stringify(resource)],
  );
  return row;
}

export async function findGroup(q: Queryable, configurationId: string, id: string, lock = false): Promise<GroupRow | null> {
  const [row] = await q.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM scim_groups WHERE id = $1 AND configuration_id = $2${lock ? ' FOR UPDATE' : ''}`, [
    id,
    configurationId,
  ]);
  return row ?? null;
}

/** Optimistic write of the group row (attributes and/or a version bump for a membership change). */
export async function updateGroup(
  q: Queryable,
  configurationId: string,
  id: string,
  version: number,
  cols: ResourceColumns,
  resource: Record<string, unknown>,
): Promise<GroupRow | null> {
  const [row] = await q.query<GroupRow>(
    `WITH ${touchLastSyncCte('$2::uuid')}
     UPDATE scim_groups SET display_name = $4, external_id = $5, resource = $6::jsonb, version = version + 1, updated_at = now()
     WHERE id = $1 AND configuration_id = $2 AND version = $3 RETURNING ${GROUP_COLUMNS}`,
    [id, configurationId, version, cols.displayName, cols.externalId, JSON.stringify(resource)],
  );
  return row ?? null;
}

/**
 * The version bump of a membership change as the transaction's last statement, committed in the
 * same round trip: every writer of a group queues on this row's lock, which is then held for the
 * statement and the commit only (see Transaction.queryAndCommit).
 */
export async function bumpGroupVersionAndCommit(tx: Transaction, configurationId: string, id: string): Promise<GroupRow | null> {
  const [row] = await tx.queryAndCommit<GroupRow>(
    `WITH ${touchLastSyncCte('$2::uuid')}
     UPDATE scim_groups SET version = version + 1, updated_at = now() WHERE id = $1 AND configuration_id = $2 RETURNING ${GROUP_COLUMNS}`,
    [id, configurationId],
  );
  return row ?? null;
}

export const deleteGroup = (q: Queryable, configurationId: string, id: string, version: number): Promise<boolean> =>
  deleteAtVersion(q, 'scim_groups', configurationId, id, version);

export async function membersOf(q: Queryable, groupIds: string[]): Promise<Map<string, MemberRow[]>> {
  const out = new Map<string, MemberRow[]>();
  if (groupIds.length === 0) return out;
  const rows = await q.query<MemberRow>(
    'SELECT group_id, member_id, member_type, display FROM scim_group_members WHERE group_id = ANY($1::uuid[]) ORDER BY group_id, member_id',
    [groupIds],
  );
  for (const r of rows) {
    const list = out.get(r.group_id) ?? [];
    list.push(r);
    out.set(r.group_id, list);
  }
  return out;
}

/** User ids among a group's members (for syncToUserManagement role updates). */
export async function userMembersOf(q: Queryable, groupId: string): Promise<string[]> {
  const rows = await q.query<{ member_id: string }>(`SELECT member_id FROM scim_group_members WHERE group_id = $1 AND member_type = 'User'`, [groupId]);
  return rows.map((r) => r.member_id);
}

/** Removes members (or all); returns the removed user ids. */
export async function removeMembers(q: Queryable, groupId: string, ids: string[] | 'all'): Promise<string[]> {
  if (ids !== 'all' && ids.length === 0) return [];
  const rows =
    ids === 'all'
      ? await q.query<{ member_id: string; member_type: string }>('DELETE FROM scim_group_members WHERE group_id = $1 RETURNING member_id, member_type', [
          groupId,
        ])
      : await q.query<{ member_id: string; member_type: string }>(
          'DELETE FROM scim_group_members WHERE group_id = $1 AND member_id = ANY($2::uuid[]) RETURNING member_id, member_type',
          [groupId, ids],
        );
  return rows.filter((r) => r.member_type === 'User').map((r) => r.member_id);
}

/** Removes every member not in `keep` (PUT semantics); returns the removed user ids. */
export async function removeMembersExcept(q: Queryable, groupId: string, keep: string[]): Promise<string[]> {
  const rows = await q.query<{ member_id: string; member_type: string }>(
    'DELETE FROM scim_group_members WHERE group_id = $1 AND NOT (member_id = ANY($2::uuid[])) RETURNING member_id, member_type',
    [groupId, keep],
  );
  return rows.filter((r) => r.member_type === 'User').map((r) => r.member_id);
}

/**
 * Adds members, idempotently (an existing membership is left as it is). Every id must be a User
 * or Group of this configuration: its type is what it is, whatever the client said.
 * Returns the user ids among the new members.
 */
export async function addMembers(q: Queryable, scope: { workspaceId: string; configurationId: string }, groupId: string, refs: MemberRef[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const ids = refs.map((r) => r.value.toLowerCase());
  if (ids.includes(groupId)) throw invalidValue('A group cannot be a member of itself.');
  // One statement: resolve each id to a User or Group of this configuration, insert those, and
  // report the ids that are neither (then the caller's transaction rolls the insert back).
  const [r] = await q.query<{ missing: string[] | null; users: string[] | null }>(
    `WITH resolved AS (
       SELECT i.id, CASE WHEN u.id IS NOT NULL THEN 'User' WHEN g.id IS NOT NULL THEN 'Group' END AS kind,
              coalesce(i.display, u.display_name, u.user_name, g.display_name) AS display
       FROM unnest($4::uuid[], $5::text[]) AS i(id, display)
       LEFT JOIN scim_users u ON u.id = i.id AND u.configuration_id = $2
       LEFT JOIN scim_groups g ON g.id = i.id AND g.configuration_id = $2
     ), inserted AS (
       INSERT INTO scim_group_members (workspace_id, configuration_id, group_id, member_id, member_type, display)
       SELECT $1, $2, $3, id, kind, display FROM resolved WHERE kind IS NOT NULL
       ON CONFLICT (group_id, member_id) DO NOTHING
       RETURNING member_id, member_type
     )
     SELECT (SELECT array_agg(id) FROM resolved WHERE kind IS NULL) AS missing,
            (SELECT array_agg(member_id) FROM inserted WHERE member_type = 'User') AS users`,
    [scope.workspaceId, scope.configurationId, groupId, ids, refs.map((ref) => ref.display ?? null)],
  );
  if (r.missing?.length) throw invalidValue(`Member "${r.missing[0]}" is not a User or Group of this service provider.`);
  return r.users ?? [];
}
