// contracts/integrations.yaml at its /sfp/api paths, plus the on-demand verification route.
// Handlers parse, call a service, shape the reply. The surface acts in the caller's workspace.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { actorOf } from '../../core/access/principal.ts';
import { inWorkspace } from '../../core/access/in-workspace.ts';
import { assertMayManage, workspaceOf } from '../../core/integrations/access.ts';
import type { CredentialsService } from '../../core/integrations/credentials-service.ts';
import { INTEGRATION_VALIDATION_CODE } from '../../core/integrations/input.ts';
import type { IntegrationService } from '../../core/integrations/integration-service.ts';
import type { PlatformHealthService } from '../../core/integrations/platform-health.ts';
import { VERIFY_RUN_TYPE, verifyScopeKey } from '../../core/integrations/verification.ts';
import { runRef } from '../../core/runs/run-record.ts';
import type { RunEngine } from '../../core/runs/run-engine.ts';
import { startRun } from '../../core/runs/run-service.ts';
import type { Db } from '../../db/database.ts';
import { ctxOf } from '../../http/request-context.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { INTEGRATION_DOCS, INTEGRATION_PARAMETERS } from './docs.ts';
import * as S from './schemas.ts';

export interface IntegrationRoutesDeps {
  db: Db;
  config: Config;
  engine: RunEngine;
  integrations: IntegrationService;
  credentials: CredentialsService;
  health: PlatformHealthService;
  /** Told how many secrets a credentials read released (after its transaction committed: metrics). */
  onReleased?: (count: number) => void;
}

export function integrationRoutes(deps: IntegrationRoutesDeps): FastifyPluginAsyncTypebox {
  const { integrations, credentials, health, db, engine, config } = deps;
  // Create and update: who may change the store is decided before the body's shape is checked (a
  // caller without the right learns nothing from validation), and a body that fails its schema is
  // the contract's 400 naming the field, under the code the service uses for its own checks.
  const changes = {
    preValidation: async (req: FastifyRequest) => assertMayManage(ctxOf(req).principal),
    config: { validationCode: INTEGRATION_VALIDATION_CODE },
  };
  return async (app) => {
    const tags = ['integrations'];
    app.addHook('onRoute', attachDocs(INTEGRATION_DOCS, INTEGRATION_PARAMETERS));

    app.get(
      '/sfp/api/integrations',
      {
        schema: {
          tags,
          summary: 'List all integrations (no credential values)',
          description: 'Without `limit`, every integration (as the contract says). With `limit`, one page; `x-next-cursor` names the next.',
          querystring: S.ListQuery,
          response: { 200: Type.Array(S.Integration), ...S.errors(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const page = await integrations.list(ctxOf(req), req.query);
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        return page.items;
      },
    );

    app.post(
      '/sfp/api/integrations',
      {
        ...changes,
        schema: {
          tags,
          summary: 'Store credentials for an external service',
          querystring: S.CreateQuery,
          body: S.CreateIntegrationBody,
          response: { 201: S.Integration, ...S.errors(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const { verify } = req.query;
        const created = await integrations.create(ctxOf(req), req.body, { verify: verify === true });
        reply.status(201);
        return created;
      },
    );

    app.get(
      '/sfp/api/integrations/defaults',
      { schema: { tags, summary: 'List default integrations', response: { 200: Type.Array(S.Integration), ...S.errors(401, 403) } } },
      async (req) => (await integrations.list(ctxOf(req), { defaultsOnly: true })).items,
    );

    app.get(
      '/sfp/api/integrations/credentials',
      {
        schema: {
          tags,
          summary: 'Retrieve decrypted credentials (audited)',
          querystring: S.CredentialsQuery,
          response: { 200: S.ReleasedCredentials, ...S.errors(401, 403, 404) },
        },
        // Every refused read (403/404) is audited as denied on the caller's chain (src/core/audit/refusal-audit.ts).
        config: { auditRefusals: 'integration.credentials_read' },
      },
      async (req, reply) => {
        const { provider, project } = req.query;
        const released = await credentials.release(ctxOf(req), { provider, project });
        deps.onReleased?.(released.length);
        reply.header('cache-control', 'no-store');
        return released;
      },
    );

    app.get(
      '/sfp/api/integrations/platforms/health',
      {
        schema: {
          tags,
          summary: 'Platform health of registered projects',
          querystring: S.HealthQuery,
          response: { 200: S.PlatformHealthResult, ...S.errors(401, 403, 404) },
        },
      },
      async (req) => health.check(ctxOf(req), req.query.project),
    );

    app.patch(
      '/sfp/api/integrations/:id',
      {
        ...changes,
        schema: {
          tags,
          summary: 'Update an integration',
          params: S.IdParams,
          body: S.UpdateIntegrationBody,
          response: { 200: S.Integration, ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req) => integrations.update(ctxOf(req), req.params.id, req.body),
    );

    app.delete(
      '/sfp/api/integrations/:id',
      {
        schema: {
          tags,
          summary: 'Delete an integration and its encrypted credentials',
          params: S.IdParams,
          response: { 204: Type.Null(), ...S.errors(401, 403, 404) },
        },
      },
      async (req, reply) => {
        await integrations.remove(ctxOf(req), req.params.id);
        reply.status(204).send(null);
      },
    );

    // Not in the contract: verification on demand, as an operation run (GET /api/v1/operation-runs/{id}).
    app.post(
      '/sfp/api/integrations/:id/verify',
      {
        schema: {
          tags,
          summary: 'Verify an integration with one live call (operation run)',
          params: S.IdParams,
          response: { 202: S.VerifyStarted, 409: S.VerifyStarted, ...S.errors(401, 403, 404) },
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const workspaceId = workspaceOf(ctx.principal);
        const id = req.params.id;
        const started = await inWorkspace(db, ctx, workspaceId, 'integrations.manage', async (q) => {
          await integrations.assertVisible(q, ctx, workspaceId, id);
          return startRun(q, engine, {
            workspaceId,
            tenantId: null,
            type: VERIFY_RUN_TYPE,
            scopeKey: verifyScopeKey(id),
            target: { type: 'integration', id },
            initiator: actorOf(ctx.principal),
            requestId: req.id,
          });
        });
        reply.status(started.disposition === 'scope_busy' ? 409 : 202);
        return { disposition: started.disposition, run: runRef(started.run, config.publicUrl) };
      },
    );
  };
}
