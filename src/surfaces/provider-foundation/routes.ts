// provider-foundation-v1.yaml, served at its own paths (`/tenants/{tenantId}/provider-connections…`).
// Handlers parse, call the connection service, shape the reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { Type } from 'typebox';
import type { RunKind } from '../../core/connections/connection-record.ts';
import { CONFIRM_HEADER, type ConnectionService } from '../../core/connections/connection-service.ts';
import { runRef } from '../../core/runs/run-record.ts';
import { ctxOf } from '../../http/request-context.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { FOUNDATION_DOCS, FOUNDATION_PARAMETERS } from './docs.ts';
import * as S from './schemas.ts';
import { foundationView } from './view.ts';

export interface FoundationDeps {
  connections: ConnectionService;
  publicUrl: string;
}

const OPERATIONS: Record<string, RunKind> = {
  'health-check': 'healthCheck',
  inventory: 'inventory',
  'compliance-snapshot': 'complianceSnapshot',
};

export function foundationRoutes(deps: FoundationDeps): FastifyPluginAsyncTypebox {
  const { connections, publicUrl } = deps;
  const ref = (p: Static<typeof S.ConnectionParams>) => ({ id: p.connectionId, tenantId: p.tenantId });
  return async (app) => {
    const tags = ['provider-foundation-v1'];
    app.addHook('onRoute', attachDocs(FOUNDATION_DOCS, FOUNDATION_PARAMETERS));
    const base = '/tenants/:tenantId/provider-connections';

    app.get(
      base,
      { schema: { tags, params: S.TenantParams, response: { 200: Type.Array(S.ProviderConnection), ...S.errors(400, 401, 403, 404) } } },
      async (req) => {
        const rows = await connections.list(ctxOf(req), { id: req.params.tenantId });
        return rows.map(foundationView);
      },
    );

    app.post(
      base,
      {
        schema: {
          tags,
          params: S.TenantParams,
          body: S.CreateProviderConnectionRequest,
          response: { 201: S.ProviderConnection, ...S.errors(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const body = req.body;
        const c = await connections.create(
          ctxOf(req),
          { id: req.params.tenantId },
          {
            provider: body.provider,
            entraTenantId: body.entra_tenant_id,
            displayName: body.display_name,
            isDefault: body.is_default ?? false,
            connectionType: 'platform',
            origin: 'foundation_v1',
          },
          undefined,
        );
        reply.status(201);
        return foundationView(c);
      },
    );

    app.get(
      `${base}/:connectionId`,
      { schema: { tags, params: S.ConnectionParams, response: { 200: S.ProviderConnection, ...S.errors(400, 401, 403, 404) } } },
      async (req) => foundationView(await connections.get(ctxOf(req), ref(req.params))),
    );

    app.patch(
      `${base}/:connectionId`,
      {
        schema: {
          tags,
          summary: 'Update provider connection (display, default, disable)',
          description:
            '`status: disabled` disables the connection; any other status re-enables a disabled one (its status then follows from consent and the last check).',
          params: S.ConnectionParams,
          body: S.UpdateProviderConnectionRequest,
          response: { 200: S.ProviderConnection, ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const body = req.body;
        const c = await connections.update(ctxOf(req), ref(req.params), {
          displayName: body.display_name,
          isDefault: body.is_default,
          status: body.status,
        });
        return foundationView(c);
      },
    );

    app.put(
      `${base}/:connectionId/credentials`,
      {
        schema: {
          tags,
          summary: 'Attach / rotate credentials (secret never returned)',
          description:
            'Needs providers.manage_dedicated. A connection created through this API takes its credentials here: the first PUT makes it use them (dedicated). A connection created through `/admin` that uses the platform app is switched only with the header `X-Confirm: <connection id>`, as the provider-identity contract asks.',
          params: S.ConnectionParams,
          body: S.UpsertCredentialsRequest,
          response: { 204: Type.Null(), ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const body = req.body;
        await connections.putCredential(
          ctxOf(req),
          ref(req.params),
          { kind: 'client_secret', clientId: body.client_id, clientSecret: body.client_secret },
          { allowTypeSwitch: true, confirm: req.headers[CONFIRM_HEADER] },
        );
        reply.status(204).send(null);
      },
    );

    for (const [path, kind] of Object.entries(OPERATIONS)) {
      app.post(
        `${base}/:connectionId/operations/${path}`,
        {
          schema: {
            tags,
            params: S.ConnectionParams,
            response: { 201: S.OperationRunRef, 200: S.OperationRunRef, 409: S.ScopeBusyResponse, ...S.errors(400, 401, 403, 404) },
          },
        },
        async (req, reply) => {
          const r = await connections.startOperation(ctxOf(req), ref(req.params), kind);
          if (r.disposition === 'scope_busy') {
            reply.status(409);
            return {
              error: 'scope_busy' as const,
              message: `another operation (${r.run.type}) is active on this connection`,
              active_run: runRef(r.run, publicUrl),
              request_id: req.id,
            };
          }
          // A blocked start is a new (finished) run too: 201 with outcome "blocked".
          reply.status(r.disposition === 'deduped' ? 200 : 201);
          return runRef(r.run, publicUrl);
        },
      );
    }
  };
}
