// SQL for scim_users (every write also moves the configuration's lastSync). Always called inside the configuration's workspace transaction, and every
// statement also names the configuration, so one configuration never sees another's users.
import type { Queryable } from '../../db/database.ts';
import type { ResourceColumns } from '../protocol/index.ts';
import { deleteAtVersion } from './delete-at-version.ts';
import { touchLastSyncCte } from './last-sync.ts';

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
  /** Only when selected with `userColumns(true)`: the direct group memberships. */
  groups?: GroupRef[];
}

interface GroupRef {
  group_id: string;
  display_name: string;
}

const USER_COLUMNS = 'id, user_name, external_id, active, display_name, resource, member_id, created_at, updated_at, version';

// The read-only `groups` attribute, as a column of the same statement (one round trip fewer
// per read than a second query).
const GROUPS_COLUMN = `(SELECT coalesce(jsonb_agg(jsonb_build_object('group_id', g.id, 'display_name', g.display_name) ORDER BY g.display_name_folded, g.id), '[]'::jsonb)
   FROM scim_group_members gm JOIN scim_groups g ON g.id = gm.group_id WHERE gm.member_id = scim_users.id) AS groups`;

export function userColumns(withGroups: boolean): string {
  return withGroups ? `${USER_COLUMNS}, ${GROUPS_COLUMN}` : USER_COLUMNS;
}

export async function insertUser(
  q: Queryable,
  scope: { workspaceId: string; configurationId: string },
  cols: ResourceColumns,
  resource: Record<string, unknown>,
): Promise<UserRow> {
  const [row] = await q.query<UserRow>(
    `WITH ${touchLastSyncCte('$2::uuid')}
     INSERT INTO scim_users (workspace_id, configuration_id, user_name, external_id, active, display_name, resource)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING ${USER_COLUMNS}`,
    [scope.workspaceId, scope.configurationId, cols.userName, cols.externalId, cols.active ?? true, cols.displayName, JSON.stringify(resource)],
  );
  return row;
}

export async function findUser(q: Queryable, configurationId: string, id: string, opts: { lock?: boolean; groups?: boolean } = {}): Promise<UserRow | null> {
  const [row] = await q.query<UserRow>(
    `SELECT ${userColumns(opts.groups === true)} FROM scim_users WHERE id = $1 AND configuration_id = $2${opts.lock ? ' FOR UPDATE' : ''}`,
    [id, configurationId],
  );
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
  withGroups = false,
): Promise<UserRow | null> {
  const [row] = await q.query<UserRow>(
    `WITH ${touchLastSyncCte('$2::uuid')}
     UPDATE scim_users SET user_name = $4, external_id = $5, active = $6, display_name = $7, resource = $8::jsonb,
       version = version + 1, updated_at = now()
     WHERE id = $1 AND configuration_id = $2 AND version = $3 RETURNING ${userColumns(withGroups)}`,
    [id, configurationId, version, cols.userName, cols.externalId, cols.active ?? true, cols.displayName, JSON.stringify(resource)],
  );
  return row ?? null;
}

/** Deletes at `version`; false when the row moved on or went. */
export const deleteUser = (q: Queryable, configurationId: string, id: string, version: number): Promise<boolean> =>
  deleteAtVersion(q, 'scim_users', configurationId, id, version);
