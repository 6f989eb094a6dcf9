// SQL for the projects registry (the core `projects` table): the repositories project-scoped
// integrations and platform health refer to by identifier.
import type { Queryable } from '../../db/database.ts';
import type { ProjectRow } from './types.ts';

const COLUMNS = 'id, workspace_id, identifier, platform, details, created_at';

export async function insertProject(
  q: Queryable,
  p: { workspaceId: string; identifier: string; platform: string; details: Record<string, unknown> },
): Promise<ProjectRow> {
  const [row] = await q.query<ProjectRow>(`INSERT INTO projects (workspace_id, identifier, platform, details) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
    p.workspaceId,
    p.identifier,
    p.platform,
    JSON.stringify(p.details),
  ]);
  return row;
}

export async function listProjects(q: Queryable, workspaceId: string, identifiers?: readonly string[] | null): Promise<ProjectRow[]> {
  return identifiers
    ? q.query<ProjectRow>(`SELECT ${COLUMNS} FROM projects WHERE workspace_id = $1 AND identifier = ANY($2::text[]) ORDER BY identifier`, [
        workspaceId,
        identifiers,
      ])
    : q.query<ProjectRow>(`SELECT ${COLUMNS} FROM projects WHERE workspace_id = $1 ORDER BY identifier`, [workspaceId]);
}

export async function findProject(q: Queryable, workspaceId: string, identifier: string): Promise<ProjectRow | null> {
  const [row] = await q.query<ProjectRow>(`SELECT ${COLUMNS} FROM projects WHERE workspace_id = $1 AND identifier = $2`, [workspaceId, identifier]);
  return row ?? null;
}

export async function findProjectById(q: Queryable, workspaceId: string, id: string): Promise<ProjectRow | null> {
  const [row] = await q.query<ProjectRow>(`SELECT ${COLUMNS} FROM projects WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  return row ?? null;
}

/** Integrations scoped to the project (they keep it from being removed). */
export async function integrationsUsingProject(q: Queryable, workspaceId: string, projectId: string): Promise<string[]> {
  const rows = await q.query<{ integration_id: string }>(
    'SELECT integration_id FROM integration_projects WHERE workspace_id = $1 AND project_id = $2 ORDER BY integration_id',
    [workspaceId, projectId],
  );
  return rows.map((r) => r.integration_id);
}

export async function deleteProject(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM projects WHERE workspace_id = $1 AND id = $2 RETURNING id', [workspaceId, id]);
  return rows.length > 0;
}
