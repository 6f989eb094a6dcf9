// The projects registry the integrations contract refers to ("register via POST /projects").
// DELETE takes the project's id or its identifier (identifiers contain slashes, so the rest of
// the path is the reference; percent-encoded slashes work too).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { assertMayManageProjects } from '../../core/integrations/access.ts';
import { PROJECT_VALIDATION_CODE } from '../../core/integrations/project-input.ts';
import type { ProjectService } from '../../core/integrations/project-service.ts';
import { ctxOf } from '../../http/request-context.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { INTEGRATION_DOCS, INTEGRATION_PARAMETERS } from './docs.ts';
import * as S from './schemas.ts';

export function projectRoutes(deps: { projects: ProjectService }): FastifyPluginAsyncTypebox {
  const { projects } = deps;
  return async (app) => {
    const tags = ['projects'];
    app.addHook('onRoute', attachDocs(INTEGRATION_DOCS, INTEGRATION_PARAMETERS));
    app.post(
      '/sfp/api/projects',
      {
        // The capability before the body's shape (as the service decides it); a body that fails its
        // schema is the contract's 400 naming the field.
        preValidation: async (req) => assertMayManageProjects(ctxOf(req).principal),
        config: { validationCode: PROJECT_VALIDATION_CODE },
        schema: { tags, summary: 'Register a project', body: S.CreateProjectBody, response: { 201: S.Project, ...S.errors(400, 401, 403, 409) } },
      },
      async (req, reply) => {
        const created = await projects.register(ctxOf(req), req.body);
        reply.status(201);
        return created;
      },
    );
    app.get(
      '/sfp/api/projects',
      { schema: { tags, summary: 'List registered projects', response: { 200: Type.Array(S.Project), ...S.errors(401, 403) } } },
      async (req) => projects.list(ctxOf(req)),
    );
    app.delete(
      '/sfp/api/projects/*',
      {
        schema: {
          tags,
          summary: 'Remove a project (by id or identifier)',
          params: S.ProjectRefParams,
          response: { 204: Type.Null(), ...S.errors(401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        // The router has already percent-decoded the rest of the path.
        await projects.remove(ctxOf(req), req.params['*']);
        reply.status(204).send(null);
      },
    );
  };
}
