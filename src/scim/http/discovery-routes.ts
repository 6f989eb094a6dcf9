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
  const get = (url: string, summary: string, handler: (req: FastifyRequest) => unknown) => {
    app.get(url, { config: routeConfig, schema: { tags, summary } }, async (req) => handler(req));
    refuseMethods(app, url, ['POST', 'PUT', 'PATCH', 'DELETE'], ['GET'], routeConfig);
  };

  get('/ServiceProviderConfig', 'Service provider configuration', (req) => spc(contextOf(req)));
  get('/ResourceTypes', 'Resource types', (req) => {
    const docs = resourceTypeDocuments(contextOf(req).baseUrl);
    return listResponse(docs);
  });
  app.get('/ResourceTypes/:name', { config: routeConfig, schema: { tags, summary: 'One resource type', params: ResourceTypeParams } }, async (req) => {
    const doc = findResourceTypeDocument(contextOf(req).baseUrl, req.params.name);
    if (!doc) throw new ScimError(404, undefined, 'Resource type not found.');
    return doc;
  });
  refuseMethods(app, '/ResourceTypes/:name', ['POST', 'PUT', 'PATCH', 'DELETE'], ['GET'], routeConfig);
  get('/Schemas', 'Schemas', (req) => listResponse(schemaDocuments(contextOf(req).baseUrl)));
  app.get('/Schemas/:id', { config: routeConfig, schema: { tags, summary: 'One schema', params: SchemaParams } }, async (req) => {
    const doc = findSchemaDocument(contextOf(req).baseUrl, req.params.id);
    if (!doc) throw new ScimError(404, undefined, 'Schema not found.');
    return doc;
  });
  refuseMethods(app, '/Schemas/:id', ['POST', 'PUT', 'PATCH', 'DELETE'], ['GET'], routeConfig);
}
