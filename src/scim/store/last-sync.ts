// lastSync: the time of the last provisioning write through a configuration. Every statement that
// writes a user or group carries this CTE, so the update costs no extra round trip and commits
// with the write. It moves at most once a second: updating the one configuration row on every
// write would queue all concurrent writers of a configuration behind each other's commits, so
// lastSync is exact to within a second.
export function touchLastSyncCte(configurationParam: string): string {
  return `touch AS (UPDATE scim_configurations SET last_sync_at = now()
     WHERE id = ${configurationParam} AND (last_sync_at IS NULL OR last_sync_at < now() - interval '1 second'))`;
}
