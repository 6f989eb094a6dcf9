// The webhooks of the management API (/api/v1): subscriptions, secret rotation, deliveries.
// Handlers parse, call the webhook service, shape the reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { WebhookService } from '../../core/webhooks/webhook-service.ts';
import { ctxOf } from '../../http/request-context.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { PageQuery, WorkspaceParams, errors } from './schemas.ts';
import { WEBHOOK_DOCS } from './webhook-docs.ts';
import * as S from './webhook-schemas.ts';

export function webhookRoutes(webhooks: WebhookService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['management'];
    app.addHook(
      'onRoute',
      attachDocs(WEBHOOK_DOCS, { workspaceId: 'The workspace (UUID)', cursor: 'The cursor of the previous page (its `next_cursor`)', limit: 'Page size' }),
    );
    app.post(
      '/api/v1/workspaces/:workspaceId/webhooks',
      { schema: { tags, params: WorkspaceParams, body: S.CreateWebhook, response: { 201: S.CreatedWebhook, ...errors(400, 401, 403, 404) } } },
      async (req, reply) => {
        reply.status(201);
        return webhooks.create(ctxOf(req), req.params.workspaceId, req.body);
      },
    );
    app.get(
      '/api/v1/workspaces/:workspaceId/webhooks',
      { schema: { tags, params: WorkspaceParams, querystring: PageQuery, response: { 200: S.WebhookPage, ...errors(400, 401, 403, 404) } } },
      async (req) => webhooks.list(ctxOf(req), req.params.workspaceId, req.query),
    );
    app.get('/api/v1/webhooks/:id', { schema: { tags, params: S.IdParams, response: { 200: S.Webhook, ...errors(400, 401, 403, 404) } } }, async (req) =>
      webhooks.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/api/v1/webhooks/:id',
      { schema: { tags, params: S.IdParams, body: S.UpdateWebhook, response: { 200: S.Webhook, ...errors(400, 401, 403, 404) } } },
      async (req) => webhooks.update(ctxOf(req), req.params.id, req.body),
    );
    app.delete(
      '/api/v1/webhooks/:id',
      { schema: { tags, params: S.IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
      async (req, reply) => {
        await webhooks.remove(ctxOf(req), req.params.id);
        reply.status(204).send(null);
      },
    );
    app.post(
      '/api/v1/webhooks/:id/rotate-secret',
      { schema: { tags, params: S.IdParams, response: { 200: S.RotatedSecret, ...errors(400, 401, 403, 404) } } },
      async (req) => webhooks.rotateSecret(ctxOf(req), req.params.id),
    );
    app.get(
      '/api/v1/webhooks/:id/deliveries',
      { schema: { tags, params: S.IdParams, querystring: PageQuery, response: { 200: S.DeliveryPage, ...errors(400, 401, 403, 404) } } },
      async (req) => webhooks.listDeliveries(ctxOf(req), req.params.id, req.query),
    );
    app.post(
      '/api/v1/webhook-deliveries/:id/redeliver',
      { schema: { tags, params: S.IdParams, response: { 202: S.Delivery, ...errors(400, 401, 403, 404, 409) } } },
      async (req, reply) => {
        reply.status(202);
        return webhooks.redeliver(ctxOf(req), req.params.id);
      },
    );
  };
}
