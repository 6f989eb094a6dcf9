// POST /Bulk. The body limit is the advertised bulk.maxPayloadSize (413 above it).
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { App } from '../../http/app-type.ts';
import { runBulk } from '../service/bulk.ts';
import type { ScimContext } from '../service/context.ts';
import { refuseMethods } from './errors.ts';

export function registerBulkRoute(
  app: App,
  contextOf: (req: FastifyRequest) => ScimContext,
  routeConfig: Record<string, unknown>,
  maxPayloadBytes: number,
): void {
  app.post(
    '/Bulk',
    { config: routeConfig, bodyLimit: maxPayloadBytes, schema: { tags: ['SCIM 2.0'], summary: 'Bulk operations (RFC 7644 §3.7)' } },
    async (req) => runBulk(contextOf(req), req.body, (err) => (req.log as FastifyBaseLogger).error({ err }, 'bulk operation failed unexpectedly')),
  );
  refuseMethods(app, '/Bulk', ['GET', 'PUT', 'PATCH', 'DELETE'], ['POST'], routeConfig);
}
