// The projects registry: repositories (`owner/repo` on GitHub, `org/project/repo` on Azure DevOps)
// that project-scoped integrations and platform health refer to by identifier.
import type { Db } from '../../db/database.ts';
import { actorOf } from '../access/principal.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { AppError, isUniqueViolation } from '../errors.ts';
import { narrowingOf, workspaceOf } from './access.ts';
import { deleteProject, findProject, findProjectById, insertProject, integrationsUsingProject, listProjects } from './project-repository.ts';
import { type CreateProjectBody, parseProject } from './project-input.ts';
import { projectView } from './view.ts';
import { isUuid } from '../../lib/uuid.ts';

export function createProjectService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async register(ctx: RequestContext, body: CreateProjectBody) {
      const workspaceId = workspaceOf(ctx.principal);
      return inWorkspace(db, ctx, workspaceId, 'projects.manage', async (q) => {
        const p = parseProject(body);
        if (await findProject(q, workspaceId, p.identifier)) throw new AppError('project.already_exists', `Project '${p.identifier}' is already registered`);
        let row: Awaited<ReturnType<typeof insertProject>>;
        try {
          row = await insertProject(q, { workspaceId, ...p });
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('project.already_exists', `Project '${p.identifier}' is already registered`);
          throw err;
        }
        await appendAudit(q, {
          workspaceId,
          actor: actorOf(ctx.principal),
          action: 'project.registered',
          target: { type: 'project', id: row.id },
          outcome: 'success',
          requestId: ctx.requestId,
          metadata: { identifier: row.identifier, platform: row.platform },
        });
        return projectView(row);
      });
    },

    async list(ctx: RequestContext) {
      const workspaceId = workspaceOf(ctx.principal);
      const rows = await inWorkspace(db, ctx, workspaceId, 'projects.view', (q) => listProjects(q, workspaceId, narrowingOf(ctx.principal).projects));
      return rows.map(projectView);
    },

    /** By id or identifier. A project still used by a project-scoped integration stays (409). */
    async remove(ctx: RequestContext, ref: string): Promise<void> {
      const workspaceId = workspaceOf(ctx.principal);
      await inWorkspace(db, ctx, workspaceId, 'projects.manage', async (q) => {
        const row = isUuid(ref) ? await findProjectById(q, workspaceId, ref) : await findProject(q, workspaceId, ref);
        const n = narrowingOf(ctx.principal);
        if (!row || (n.projects && !n.projects.includes(row.identifier))) throw new AppError('project.not_found', `Project '${ref}' not found`);
        const users = await integrationsUsingProject(q, workspaceId, row.id);
        if (users.length) {
          throw new AppError('project.conflict', `Project '${row.identifier}' is used by ${users.length} project-scoped integration(s); delete them first`, {
            integrations: users,
          });
        }
        try {
          await deleteProject(q, workspaceId, row.id);
        } catch (err) {
          // The foreign key is the guarantee when an integration linked the project meanwhile.
          if ((err as { code?: string }).code === '23503')
            throw new AppError('project.conflict', `Project '${row.identifier}' is used by a project-scoped integration`);
          throw err;
        }
        await appendAudit(q, {
          workspaceId,
          actor: actorOf(ctx.principal),
          action: 'project.deleted',
          target: { type: 'project', id: row.id },
          outcome: 'success',
          requestId: ctx.requestId,
          metadata: { identifier: row.identifier, platform: row.platform },
        });
      });
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
