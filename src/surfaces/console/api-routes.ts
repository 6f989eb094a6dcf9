// The console's own routes under /console/api: its configuration (public), who the bearer is,
// the integrations form's shapes, and three read-only views the contracts lack (a target's run
// history, a tenant's connections with consent and verification state, a workspace's SCIM
// configurations — the contract's list of all is vendor only — and a SCIM configuration's users
// and groups). Same authentication and capability checks as the rest of the API; nothing
// here changes state.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { inWorkspace } from '../../core/access/in-workspace.ts';
import type { createConnectionService } from '../../core/connections/connection-service.ts';
import type { ScimConfigurationService } from '../../core/scim/configuration-service.ts';
import { AppError } from '../../core/errors.ts';
import { runView } from '../../core/runs/run-record.ts';
import type { Db } from '../../db/database.ts';
import { ctxOf } from '../../http/request-context.ts';
import { identityView } from '../shared/provider-connection.ts';
import { integrationShapes } from './integration-shapes.ts';
import type { createOidcDiscovery } from './oidc-discovery.ts';
import { configurationWorkspace, listRuns, listScimGroups, listScimUsers } from './read-model.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { CONSOLE_DOCS, CONSOLE_PARAMETERS } from './docs.ts';
import * as S from './schemas.ts';
import { ScimConfigurations, ScimConfigurationsQuery } from './scim-configurations-schema.ts';
import { isUuid } from '../../lib/uuid.ts';

export interface ConsoleApiDeps {
  db: Db;
  config: Config;
  connections: Pick<ReturnType<typeof createConnectionService>, 'list'>;
  scimConfigurations: Pick<ScimConfigurationService, 'listInWorkspace'>;
  discovery: ReturnType<typeof createOidcDiscovery>;
}

export function consoleApiRoutes(deps: ConsoleApiDeps): FastifyPluginAsyncTypebox {
  const { db, config, connections, scimConfigurations, discovery } = deps;
  // Computed once: the catalog is code, not data.
  const shapes = integrationShapes();
  return async (app) => {
    const tags = ['console'];
    app.addHook('onRoute', attachDocs(CONSOLE_DOCS, CONSOLE_PARAMETERS));

    app.get(
      '/console/api/config',
      { config: { auth: false }, schema: { tags, summary: 'How the console may sign in (public)', security: [], response: { 200: S.ConsoleConfig } } },
      async (_req, reply) => {
        reply.header('cache-control', 'no-store');
        if (!config.oidc) return { oidc: null };
        const found = await discovery.endpoints();
        return {
          oidc: {
            issuer: config.oidc.issuer,
            clientId: config.console.oidcClientId ?? null,
            scopes: config.console.oidcScopes,
            authorizationEndpoint: found.value?.authorizationEndpoint ?? null,
            tokenEndpoint: found.value?.tokenEndpoint ?? null,
            ...(found.error ? { error: found.error } : {}),
          },
        };
      },
    );

    app.get(
      '/console/api/session',
      { schema: { tags, summary: 'Who the bearer token belongs to', response: { 200: S.Session, ...S.errors(401) } } },
      async (req, reply) => {
        const p = ctxOf(req).principal;
        reply.header('cache-control', 'no-store');
        return { kind: p.kind, workspace_id: p.workspaceId, role: p.role, capabilities: [...p.capabilities].sort(), actor: p.actorId };
      },
    );

    app.get(
      '/console/api/integration-shapes',
      {
        schema: {
          tags,
          summary: 'Credential and config fields per integration provider and auth type',
          response: { 200: S.IntegrationShapes, ...S.errors(401) },
        },
      },
      async () => shapes,
    );

    app.get(
      '/console/api/workspaces/:workspaceId/operation-runs',
      {
        schema: {
          tags,
          summary: 'Run history of a workspace, a tenant or one target (newest first)',
          params: Type.Object({ workspaceId: Type.String({ format: 'uuid' }) }),
          querystring: S.RunsQuery,
          response: { 200: S.RunList, ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const { workspaceId } = req.params;
        const q = req.query;
        const rows = await inWorkspace(db, ctxOf(req), workspaceId, 'runs.view', (tx) =>
          listRuns(tx, workspaceId, { targetType: q.target_type, targetId: q.target_id, tenantId: q.tenant_id, type: q.type, limit: q.limit ?? 20 }),
        );
        return { items: rows.map((r) => runView(r, config.publicUrl)) };
      },
    );

    app.get(
      '/console/api/tenants/:tenantId/provider-connections',
      {
        schema: {
          tags,
          summary: "A tenant's provider connections as the /admin surface shows them (consent and verification state included)",
          params: Type.Object({ tenantId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
          response: { 200: S.Connections, ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const rows = await connections.list(ctxOf(req), { id: req.params.tenantId });
        return rows.map((c) => identityView(c, config));
      },
    );

    app.get(
      '/console/api/scim-configurations',
      {
        schema: {
          tags,
          summary: "A workspace's SCIM configurations (the contract's list of all configurations is vendor only)",
          querystring: ScimConfigurationsQuery,
          response: { 200: ScimConfigurations, ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const workspaceId = req.query.workspace_id ?? ctx.principal.workspaceId;
        if (!workspaceId) throw new AppError('request.invalid', 'the vendor names the workspace: workspace_id', { field: 'workspace_id' });
        // Another workspace than the caller's own is 404 (inWorkspace); row-level security confines the read.
        return scimConfigurations.listInWorkspace(ctx, workspaceId);
      },
    );

    const scimView = (kind: 'users' | 'groups') =>
      app.get(
        `/console/api/scim-configurations/:id/${kind}`,
        {
          schema: {
            tags,
            summary: `The ${kind} a SCIM configuration provisioned (newest first)`,
            params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
            querystring: S.LimitQuery,
            response: { 200: kind === 'users' ? S.ScimUsers : S.ScimGroups, ...S.errors(401, 403, 404) },
          },
        },
        async (req) => {
          const ctx = ctxOf(req);
          const id = req.params.id.toLowerCase();
          const limit = req.query.limit ?? 100;
          const missing = new AppError('scim_configuration.not_found', 'SCIM configuration not found');
          if (!isUuid(id)) throw missing;
          // The vendor spans workspaces: find the configuration's; anyone else stays in their own.
          const workspaceId = ctx.principal.kind === 'vendor' ? await configurationWorkspace(db, id) : ctx.principal.workspaceId;
          if (!workspaceId) throw missing;
          return inWorkspace(db, ctx, workspaceId, 'scim.view', async (q) => {
            // Under row-level security another workspace's configuration is simply absent.
            if (!(await configurationWorkspace(q, id))) throw missing;
            return kind === 'users' ? listScimUsers(q, id, limit) : listScimGroups(q, id, limit);
          });
        },
      );
    scimView('users');
    scimView('groups');

    // Anything else under /console/api is an API 404, never the console's index.html.
    app.all('/console/api/*', { config: { auth: false }, schema: { hide: true } }, async () => {
      throw new AppError('console_route.not_found', 'no such console API route');
    });
  };
}
