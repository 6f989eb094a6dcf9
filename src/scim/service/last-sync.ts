// lastSync: the time of the last provisioning write through a configuration. Written in the same
// transaction as the write, but at most once a second: every write updating the one
// configuration row would queue all concurrent writers of a configuration behind each other's
// commit. So lastSync is exact to within a second.
import type { Queryable } from '../../db/database.ts';

export async function touchLastSync(q: Queryable, configurationId: string): Promise<void> {
  await q.query(
    `UPDATE scim_configurations SET last_sync_at = now()
     WHERE id = $1 AND (last_sync_at IS NULL OR last_sync_at < now() - interval '1 second')`,
    [configurationId],
  );
}
