// Discovery (RFC 7644 §4): /ServiceProviderConfig, /ResourceTypes and /Schemas, generated from the
// protocol's schema table for this configuration's base URL. They are read-only: any write is 405.
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-type.ts';
import {
  ScimError,
  findResourceTypeDocument,
  findSchemaDocument,
  listResponse,
  resourceTypeDocuments,
  schemaDocuments,
  serviceProviderConfig,
} from '../protocol/index.ts';
import type { ScimContext } from '../service/context.ts';
import { schemaFor } from '../service/schema.ts';
import { refuseMethods } from './errors.ts';
import { ResourceTypeParams, SchemaParams } from './schemas.ts';

export function registerDiscoveryRoutes(app: App, contextOf: (req: FastifyRequest) => ScimContext, routeConfig: Record<string, unknown>): void {
  const tags = ['SCIM 2.0'];
  const spc = (ctx: ScimContext) =>
    serviceProviderConfig(ctx.baseUrl, {
      maxOperations: ctx.settings.maxBulkOperations,
      maxPayloadSize: ctx.settings.maxBulkPayloadBytes,
      maxResults: ctx.settings.maxResults,
    });
  // What this configuration learned from its identity provider is part of its schemas.
  const learnedOf = (ctx: ScimContext) => ctx.db.workspaceTx(ctx.workspaceId, async (q) => (await schemaFor(q, ctx)).learned);
  const get = (url: string, summary: string, handler: (req: FastifyRequest) => unknown) => {
    app.get(url, { config: routeConfig, schema: { tags, summary } }, async (req) => handler(req));
    refuseMethods(app, url, ['POST', 'PUT', 'PATCH', 'DELETE'], ['GET'], routeConfig);
  };

  get('/ServiceProviderConfig', 'Service provider configuration', (req) => spc(contextOf(req)));
  get('/ResourceTypes', 'Resource types', async (req) => {
    const ctx = contextOf(req);
    return listResponse(resourceTypeDocuments(ctx.baseUrl, await learnedOf(ctx)));
  });
  app.get('/ResourceTypes/:name', { config: routeConfig, schema: { tags, summary: 'One resource type', params: ResourceTypeParams } }, async (req) => {
    const ctx = contextOf(req);
    const doc = findResourceTypeDocument(ctx.baseUrl, req.params.name, await learnedOf(ctx));
    if (!doc) throw new ScimError(404, undefined, 'Resource type not found.');
    return doc;
  });
  refuseMethods(app, '/ResourceTypes/:name', ['POST', 'PUT', 'PATCH', 'DELETE'], ['GET'], routeConfig);
  get('/Schemas', 'Schemas', async (req) => {
    const ctx = contextOf(req);
    return listResponse(schemaDocuments(ctx.baseUrl, await learnedOf(ctx)));
  });
  app.get('/Schemas/:id', { config: routeConfig, schema: { tags, summary: 'One schema', params: SchemaParams } }, async (req) => {
    const ctx = contextOf(req);
    const doc = findSchemaDocument(ctx.baseUrl, req.params.id, await learnedOf(ctx));
    if (!doc) throw new ScimError(404, undefined, 'Schema not found.');
    return doc;
  });
  refuseMethods(app, '/Schemas/:id', ['POST', 'PUT', 'PATCH', 'DELETE'], ['GET'], routeConfig);
}
