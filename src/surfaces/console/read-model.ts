// The console's own views the contracts lack: the run history of a target and the users and
// groups a SCIM configuration provisioned, shaped for the console. The SQL is in the core's
// repositories; every function runs in the caller's workspace transaction (row-level security),
// so it can only ever see that workspace.
import type { Queryable } from '../../db/database.ts';
import { listProvisionedGroups, listProvisionedUsers } from '../../core/scim/provisioned-repository.ts';
import { iso } from '../../lib/iso-date.ts';

export { listRuns } from '../../core/runs/run-repository.ts';
export { configurationWorkspace } from '../../core/scim/configuration-repository.ts';

export async function listScimUsers(q: Queryable, configurationId: string, limit: number) {
  const { total, rows } = await listProvisionedUsers(q, configurationId, limit);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      userName: r.user_name,
      displayName: r.display_name,
      active: r.active,
      externalId: r.external_id,
      member: r.member_id !== null,
      updatedAt: iso(r.updated_at),
    })),
  };
}

export async function listScimGroups(q: Queryable, configurationId: string, limit: number) {
  const { total, rows } = await listProvisionedGroups(q, configurationId, limit);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      externalId: r.external_id,
      members: r.members,
      updatedAt: iso(r.updated_at),
    })),
  };
}
