// The management side of webhooks: subscriptions (create, list, read, change, delete), secret
// rotation with a grace period, and the deliveries of one webhook (list, redeliver). Every call
// goes through inWorkspace (capability webhooks.manage); an id of another workspace is the same
// 404 as a missing one. Secrets are sealed in the vault and shown only when made.
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/database.ts';
import { isUuid } from '../../lib/uuid.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import { auditAction } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { BY_CREATION, keysetOf, type Page, type PageRequest, pageOf } from '../pagination.ts';
import type { Vault } from '../vault/vault.ts';
import { isWebhookEventType } from './event-types.ts';
import * as repo from './webhook-repository.ts';
import { newWebhookSecret, PREVIOUS_SECRET_FIELD, SECRET_FIELD, secretRef } from './webhook-secret.ts';
import { type DeliveryView, deliveryView, type WebhookView, webhookView } from './webhook-view.ts';

export interface WebhookServiceDeps {
  db: Db;
  vault: Vault;
  /** How long the previous secret keeps signing after a rotation. */
  secretGraceSeconds: number;
}

interface CreateInput {
  url: string;
  events: string[];
  description?: string;
}

interface UpdateInput {
  url?: string;
  events?: string[];
  description?: string | null;
  enabled?: boolean;
}

function checkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('webhook.url_invalid');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw new AppError('webhook.url_invalid');
  return url.href;
}

function checkEvents(events: string[]): string[] {
  const unknown = events.filter((e) => !isWebhookEventType(e));
  if (unknown.length) throw new AppError('webhook.event_type_unknown', `unknown event types: ${unknown.slice(0, 5).join(', ')}`.slice(0, 300));
  return [...new Set(events)];
}

export function createWebhookService(deps: WebhookServiceDeps) {
  const { db, vault } = deps;

  /** Runs `fn` on one webhook, inside its workspace: another workspace's webhook is a 404. */
  async function withWebhook<T>(ctx: RequestContext, id: string, fn: (q: Queryable, w: repo.WebhookRow) => Promise<T>): Promise<T> {
    const workspaceId = isUuid(id) ? await repo.webhookWorkspace(db, id) : null;
    if (!workspaceId || (ctx.principal.kind !== 'vendor' && ctx.principal.workspaceId !== workspaceId)) throw notFound('webhook.not_found');
    return inWorkspace(db, ctx, workspaceId, 'webhooks.manage', async (q) => {
      const w = await repo.findWebhook(q, id, { lock: true });
      if (!w) throw notFound('webhook.not_found');
      return fn(q, w);
    });
  }

  const audit = (q: Queryable, ctx: RequestContext, w: { id: string; workspace_id: string }, action: string, metadata: Record<string, unknown> = {}) =>
    auditAction(q, ctx, { workspaceId: w.workspace_id, action, target: { type: 'webhook', id: w.id }, metadata });

  async function create(ctx: RequestContext, workspaceId: string, input: CreateInput) {
    const url = checkUrl(input.url);
    const events = checkEvents(input.events);
    return inWorkspace(db, ctx, workspaceId, 'webhooks.manage', async (q) => {
      const id = randomUUID();
      const secret = newWebhookSecret();
      const sealed = await vault.seal(q, secretRef(workspaceId, id, SECRET_FIELD), secret);
      const w = await repo.insertWebhook(q, {
        id,
        workspaceId,
        url,
        events,
        description: input.description ?? null,
        secretFingerprint: sealed.fingerprint,
        createdBy: ctx.principal.actorId,
      });
      await audit(q, ctx, w, 'webhook.created', { events, host: new URL(url).host });
      return { id: w.id, url: w.url, events: w.events, secret, created_at: w.created_at.toISOString() };
    });
  }

  async function list(ctx: RequestContext, workspaceId: string, req: PageRequest): Promise<Page<WebhookView>> {
    const page = keysetOf(req, BY_CREATION);
    return inWorkspace(db, ctx, workspaceId, 'webhooks.manage', async (q) =>
      pageOf(await repo.listWebhookRows(q, workspaceId, page), page, (r) => [r.sort_at, r.id], webhookView),
    );
  }

  const get = (ctx: RequestContext, id: string): Promise<WebhookView> => withWebhook(ctx, id, async (_q, w) => webhookView(w));

  async function update(ctx: RequestContext, id: string, input: UpdateInput): Promise<WebhookView> {
    const patch = {
      ...input,
      url: input.url === undefined ? undefined : checkUrl(input.url),
      events: input.events === undefined ? undefined : checkEvents(input.events),
    };
    return withWebhook(ctx, id, async (q, w) => {
      const updated = await repo.updateWebhook(q, w.id, patch);
      await audit(q, ctx, w, 'webhook.updated', { fields: Object.keys(input).filter((k) => input[k as keyof UpdateInput] !== undefined) });
      return webhookView(updated);
    });
  }

  async function remove(ctx: RequestContext, id: string): Promise<void> {
    await withWebhook(ctx, id, async (q, w) => {
      await vault.destroy(q, { workspaceId: w.workspace_id, recordType: 'webhook', recordId: w.id });
      await repo.deleteWebhook(q, w.id);
      await audit(q, ctx, w, 'webhook.deleted');
    });
  }

  /** A new secret; the current one becomes the previous one and keeps signing for the grace period. */
  async function rotateSecret(ctx: RequestContext, id: string) {
    return withWebhook(ctx, id, async (q, w) => {
      const current = await vault.open(q, secretRef(w.workspace_id, w.id, SECRET_FIELD));
      const graceUntil = deps.secretGraceSeconds > 0 && current ? new Date(Date.now() + deps.secretGraceSeconds * 1000) : null;
      if (graceUntil && current) await vault.seal(q, secretRef(w.workspace_id, w.id, PREVIOUS_SECRET_FIELD), current);
      else await vault.destroy(q, secretRef(w.workspace_id, w.id, PREVIOUS_SECRET_FIELD));
      const secret = newWebhookSecret();
      const sealed = await vault.seal(q, secretRef(w.workspace_id, w.id, SECRET_FIELD), secret);
      const updated = await repo.setRotated(q, w.id, sealed.fingerprint, graceUntil);
      await audit(q, ctx, w, 'webhook.secret_rotated', { previousValidUntil: graceUntil?.toISOString() ?? null });
      return { id: updated.id, secret, previous_secret_expires_at: updated.previous_secret_expires_at?.toISOString() ?? null };
    });
  }

  async function listDeliveries(ctx: RequestContext, id: string, req: PageRequest): Promise<Page<DeliveryView>> {
    const page = keysetOf(req, BY_CREATION);
    return withWebhook(ctx, id, async (q, w) => pageOf(await repo.listDeliveryRows(q, w.id, page), page, (r) => [r.sort_at, r.id], deliveryView));
  }

  async function redeliver(ctx: RequestContext, deliveryId: string): Promise<DeliveryView> {
    const workspaceId = isUuid(deliveryId) ? await repo.deliveryWorkspace(db, deliveryId) : null;
    if (!workspaceId || (ctx.principal.kind !== 'vendor' && ctx.principal.workspaceId !== workspaceId)) throw notFound('webhook_delivery.not_found');
    return inWorkspace(db, ctx, workspaceId, 'webhooks.manage', async (q) => {
      const d = await repo.findDelivery(q, deliveryId, { lock: true });
      if (!d) throw notFound('webhook_delivery.not_found');
      if (d.leased_until && d.leased_until.getTime() > Date.now()) throw new AppError('webhook.delivery_in_flight');
      await repo.requeueDelivery(q, d.id);
      await audit(q, ctx, { id: d.webhook_id, workspace_id: workspaceId }, 'webhook.redelivery_requested', { deliveryId: d.id, eventId: d.event_id });
      const again = await repo.findDelivery(q, d.id);
      return deliveryView(again!);
    });
  }

  return { create, list, get, update, remove, rotateSecret, listDeliveries, redeliver };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
