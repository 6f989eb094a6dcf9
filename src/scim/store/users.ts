// SQL for scim_users. Always called inside the configuration's workspace transaction, and every
// statement also names the configuration, so one configuration never sees another's users.
import type { Queryable } from '../../db/database.ts';
import type { ResourceColumns } from '../protocol/index.ts';

export interface UserRow {
  id: string;
  user_name: string;
  external_id: string | null;
  active: boolean;
  display_name: string | null;
  resource: Record<string, unknown>;
  member_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const USER_COLUMNS = 'id, user_name, external_id, active, display_name, resource, member_id, created_at, updated_at, version';

export async function insertUser(
  q: Queryable,
  scope: { workspaceId: string; configurationId: string },
  cols: ResourceColumns,
  resource: Record<string, unknown>,
): Promise<UserRow> {
  const [row] = await q.query<UserRow>(
    `INSERT INTO scim_users (workspace_id, configuration_id, user_name, external_id, active, display_name, resource)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING ${USER_COLUMNS}`,
    [scope.workspaceId, scope.configurationId, cols.userName, cols.externalId, cols.active ?? true, cols.displayName, JSON.stringify(resource)],
  );
  return row;
}

export async function findUser(q: Queryable, configurationId: string, id: string, lock = false): Promise<UserRow | null> {
  const [row] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM scim_users WHERE id = $1 AND configuration_id = $2${lock ? ' FOR UPDATE' : ''}`, [
    id,
    configurationId,
  ]);
  return row ?? null;
}

/** Optimistic write: only if the row is still at `version`; null when it moved on (or went). */
export async function updateUser(
  q: Queryable,
  configurationId: string,
  id: string,
  version: number,
  cols: ResourceColumns,
  resource: Record<string, unknown>,
): Promise<UserRow | null> {
  const [row] = await q.query<UserRow>(
    `UPDATE scim_users SET user_name = $4, external_id = $5, active = $6, display_name = $7, resource = $8::jsonb,
       version = version + 1, updated_at = now()
     WHERE id = $1 AND configuration_id = $2 AND version = $3 RETURNING ${USER_COLUMNS}`,
    [id, configurationId, version, cols.userName, cols.externalId, cols.active ?? true, cols.displayName, JSON.stringify(resource)],
  );
  return row ?? null;
}

/** Deletes at `version`; false when the row moved on or went. */
export async function deleteUser(q: Queryable, configurationId: string, id: string, version: number): Promise<boolean> {
  const rows = await q.query('DELETE FROM scim_users WHERE id = $1 AND configuration_id = $2 AND version = $3 RETURNING id', [id, configurationId, version]);
  return rows.length > 0;
}

export interface GroupRef {
  member_id: string;
  group_id: string;
  display_name: string;
}

/** Direct group memberships of these users (the read-only `groups` attribute). */
export async function groupsOfUsers(q: Queryable, configurationId: string, userIds: string[]): Promise<Map<string, GroupRef[]>> {
  const out = new Map<string, GroupRef[]>();
  if (userIds.length === 0) return out;
  const rows = await q.query<GroupRef>(
    `SELECT m.member_id, g.id AS group_id, g.display_name
     FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id
     WHERE m.member_id = ANY($1::uuid[]) AND m.configuration_id = $2
     ORDER BY lower(g.display_name), g.id`,
    [userIds, configurationId],
  );
  for (const r of rows) {
    const list = out.get(r.member_id) ?? [];
    list.push(r);
    out.set(r.member_id, list);
  }
  return out;
}
