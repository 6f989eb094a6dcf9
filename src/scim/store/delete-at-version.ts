import type { Queryable } from '../../db/database.ts';
import { touchLastSyncCte } from './last-sync.ts';

/** Deletes a user or group at `version` (a provisioning write: it touches lastSync); false when the row moved on or went. */
export async function deleteAtVersion(
  q: Queryable,
  table: 'scim_users' | 'scim_groups',
  configurationId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `WITH ${touchLastSyncCte('$2::uuid')} DELETE FROM ${table} WHERE id = $1 AND configuration_id = $2 AND version = $3 RETURNING id`,
    [id, configurationId, version],
  );
  return rows.length > 0;
}
