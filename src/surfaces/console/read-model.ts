// Read-only queries behind the console's own views: the run history of a target and the users
// and groups a SCIM configuration provisioned. Every function runs in the caller's
// workspace transaction (row-level security), so it can only ever see that workspace.
import type { Queryable } from '../../db/database.ts';
import type { RunRecord } from '../../core/runs/run-record.ts';

export interface RunFilter {
  targetType?: string;
  targetId?: string;
  tenantId?: number;
  type?: string;
  limit: number;
}

export async function listRuns(q: Queryable, workspaceId: string, f: RunFilter): Promise<RunRecord[]> {
  const where = ['workspace_id = $1'];
  const params: unknown[] = [workspaceId];
  const add = (col: string, v: unknown) => {
    params.push(v);
    where.push(`${col} = $${params.length}`);
  };
  if (f.targetType) add('target_type', f.targetType);
  if (f.targetId) add('target_id', f.targetId);
  if (f.tenantId !== undefined) add('tenant_id', f.tenantId);
  if (f.type) add('type', f.type);
  params.push(f.limit);
  return q.query<RunRecord>(`SELECT * FROM operation_runs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`, params);
}

export async function configurationWorkspace(q: Queryable, configurationId: string): Promise<string | null> {
  const [row] = await q.query<{ workspace_id: string }>('SELECT workspace_id FROM scim_configurations WHERE id = $1', [configurationId]);
  return row?.workspace_id ?? null;
}

export async function configurationExists(q: Queryable, configurationId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM scim_configurations WHERE id = $1', [configurationId])).length > 0;
}

export async function listScimUsers(q: Queryable, configurationId: string, limit: number) {
  const rows = await q.query<{ id: string; user_name: string; display_name: string | null; active: boolean; external_id: string | null; member_id: string | null; updated_at: Date }>(
    `SELECT id, user_name, display_name, active, external_id, member_id, updated_at
       FROM scim_users WHERE configuration_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [configurationId, limit],
  );
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM scim_users WHERE configuration_id = $1', [configurationId]);
  return {
    total: n,
    items: rows.map((r) => ({
      id: r.id,
      userName: r.user_name,
      displayName: r.display_name,
      active: r.active,
      externalId: r.external_id,
      member: r.member_id !== null,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}

export async function listScimGroups(q: Queryable, configurationId: string, limit: number) {
  const rows = await q.query<{ id: string; display_name: string; external_id: string | null; members: number; updated_at: Date }>(
    `SELECT g.id, g.display_name, g.external_id, g.updated_at,
            (SELECT count(*)::int FROM scim_group_members m WHERE m.group_id = g.id) AS members
       FROM scim_groups g WHERE g.configuration_id = $1 ORDER BY g.created_at DESC, g.id LIMIT $2`,
    [configurationId, limit],
  );
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM scim_groups WHERE configuration_id = $1', [configurationId]);
  return {
    total: n,
    items: rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      externalId: r.external_id,
      members: Number(r.members),
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}
