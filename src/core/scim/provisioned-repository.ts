// What a SCIM configuration provisioned, read for the console's views (newest first, with the
// total): SQL only, in the caller's workspace transaction, so row-level security confines it.
// The SCIM endpoint reads and writes these tables through src/scim/store instead.
import type { Queryable } from '../../db/database.ts';

export interface ProvisionedUserRow {
  id: string;
  user_name: string;
  display_name: string | null;
  active: boolean;
  external_id: string | null;
  member_id: string | null;
  updated_at: Date;
}

export interface ProvisionedGroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  members: number;
  updated_at: Date;
}

export async function listProvisionedUsers(q: Queryable, configurationId: string, limit: number): Promise<{ total: number; rows: ProvisionedUserRow[] }> {
  const rows = await q.query<ProvisionedUserRow>(
    `SELECT id, user_name, display_name, active, external_id, member_id, updated_at
       FROM scim_users WHERE configuration_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [configurationId, limit],
  );
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM scim_users WHERE configuration_id = $1', [configurationId]);
  return { total: n, rows };
}

export async function listProvisionedGroups(q: Queryable, configurationId: string, limit: number): Promise<{ total: number; rows: ProvisionedGroupRow[] }> {
  const rows = await q.query<ProvisionedGroupRow>(
    `SELECT g.id, g.display_name, g.external_id, g.updated_at,
            (SELECT count(*)::int FROM scim_group_members m WHERE m.group_id = g.id) AS members
       FROM scim_groups g WHERE g.configuration_id = $1 ORDER BY g.created_at DESC, g.id LIMIT $2`,
    [configurationId, limit],
  );
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM scim_groups WHERE configuration_id = $1', [configurationId]);
  return { total: n, rows: rows.map((r) => ({ ...r, members: Number(r.members) })) };
}
