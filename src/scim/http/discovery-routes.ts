// Discovery (RFC 7644 §4): /ServiceProviderConfig, /ResourceTypes and /Schemas, generated from the
// protocol's schema table for this configuration's base URL. They are read-only: any write is 405.
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

export function registerDiscoveryRoutes(app: FastifyInstance, contextOf: (req: FastifyRequest) => ScimContext, routeConfig: Record<string, unknown>): void {
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
  get('/ResourceTypes/:name', 'One resource type', (req) => {
    const doc = findResourceTypeDocument(contextOf(req).baseUrl, (req.params as { name: string }).name);
    if (!doc) throw new ScimError(404, undefined, 'Resource type not found.');
    return doc;
  });
  get('/Schemas', 'Schemas', (req) => listResponse(schemaDocuments(contextOf(req).baseUrl)));
  get('/Schemas/:id', 'One schema', (req) => {
    const doc = findSchemaDocument(contextOf(req).baseUrl, (req.params as { id: string }).id);
    if (!doc) throw new ScimError(404, undefined, 'Schema not found.');
    return doc;
  });
}
