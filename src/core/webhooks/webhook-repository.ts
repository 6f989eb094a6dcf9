// Webhooks and their deliveries as the management API reads and changes them: SQL only. Every
// function takes the (workspace-confined) transaction it runs in, except the two lookups that
// find which workspace an id belongs to.
import type { Queryable } from '../../db/database.ts';
import type { Keyset } from '../pagination.ts';

export interface WebhookRow {
  id: string;
  workspace_id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  secret_fingerprint: string;
  previous_secret_expires_at: Date | null;
  paused_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  sequence: string;
  status: 'pending' | 'succeeded' | 'failed' | 'dead';
  attempts: number;
  last_response_code: number | null;
  last_error: string | null;
  latency_ms: number | null;
  next_attempt_at: Date | null;
  leased_until: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, workspace_id, url, events, description, enabled, secret_fingerprint, previous_secret_expires_at, paused_at, created_by, created_at, updated_at';

/** The workspace a webhook belongs to (the connection's own rights: RLS would hide it). */
export async function webhookWorkspace(q: Queryable, id: string): Promise<string | null> {
  const [row] = await q.query<{ workspace_id: string }>('SELECT workspace_id FROM webhooks WHERE id = $1', [id]);
  return row?.workspace_id ?? null;
}

export async function deliveryWorkspace(q: Queryable, id: string): Promise<string | null> {
  const [row] = await q.query<{ workspace_id: string }>('SELECT workspace_id FROM webhook_deliveries WHERE id = $1', [id]);
  return row?.workspace_id ?? null;
}

export async function insertWebhook(
  q: Queryable,
  w: { id: string; workspaceId: string; url: string; events: string[]; description: string | null; secretFingerprint: string; createdBy: string },
): Promise<WebhookRow> {
  const [row] = await q.query<WebhookRow>(
    `INSERT INTO webhooks (id, workspace_id, url, events, description, secret_fingerprint, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [w.id, w.workspaceId, w.url, w.events, w.description, w.secretFingerprint, w.createdBy],
  );
  return row;
}

export async function findWebhook(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<WebhookRow | null> {
  const [row] = await q.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

export async function listWebhookRows(q: Queryable, workspaceId: string, page: Keyset): Promise<Array<WebhookRow & { sort_at: string }>> {
  const [at, id] = page.after ?? [null, null];
  return q.query<WebhookRow & { sort_at: string }>(
    `SELECT ${COLUMNS}, created_at::text AS sort_at FROM webhooks
     WHERE workspace_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid)) ORDER BY created_at, id LIMIT $4`,
    [workspaceId, at, id, page.fetch],
  );
}

export async function updateWebhook(
  q: Queryable,
  id: string,
  patch: { url?: string; events?: string[]; description?: string | null; enabled?: boolean },
): Promise<WebhookRow> {
  const [row] = await q.query<WebhookRow>(
    `UPDATE webhooks SET url = coalesce($2, url), events = coalesce($3, events),
       description = CASE WHEN $4::boolean THEN $5 ELSE description END, enabled = coalesce($6, enabled),
       -- Enabling resumes a paused webhook, with its failing clock started over.
       paused_at = CASE WHEN $6 THEN NULL ELSE paused_at END, failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, patch.url ?? null, patch.events ?? null, patch.description !== undefined, patch.description ?? null, patch.enabled ?? null],
  );
  return row;
}

export async function setRotated(q: Queryable, id: string, secretFingerprint: string, previousExpiresAt: Date | null): Promise<WebhookRow> {
  const [row] = await q.query<WebhookRow>(
    `UPDATE webhooks SET secret_fingerprint = $2, previous_secret_expires_at = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, secretFingerprint, previousExpiresAt],
  );
  return row;
}

export async function deleteWebhook(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM webhooks WHERE id = $1', [id]);
}

const DELIVERY_COLUMNS = `d.id, d.webhook_id, d.event_id, e.type AS event_type, d.sequence::text AS sequence, d.status, d.attempts, d.last_response_code,
  d.last_error, d.latency_ms, d.next_attempt_at, d.leased_until, d.delivered_at, d.created_at, d.updated_at`;

/** Newest first. */
export async function listDeliveryRows(q: Queryable, webhookId: string, page: Keyset): Promise<Array<DeliveryRow & { sort_at: string }>> {
  const [at, id] = page.after ?? [null, null];
  return q.query<DeliveryRow & { sort_at: string }>(
    `SELECT ${DELIVERY_COLUMNS}, d.created_at::text AS sort_at FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
     WHERE d.webhook_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2::timestamptz, $3::uuid))
     ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
    [webhookId, at, id, page.fetch],
  );
}

export async function findDelivery(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<DeliveryRow | null> {
  const [row] = await q.query<DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.id = $1${opts.lock ? ' FOR UPDATE OF d' : ''}`,
    [id],
  );
  return row ?? null;
}

/** Back to the queue, due now, with a fresh retry window; the same event (and webhook-id) goes out again. */
export async function requeueDelivery(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), window_started_at = now(),
       delivered_at = NULL, updated_at = now() WHERE id = $1`,
    [id],
  );
}
