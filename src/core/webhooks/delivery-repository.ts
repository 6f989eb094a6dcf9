// The dispatcher's SQL: claim the due head of each (webhook, scope) under a lease, record the
// outcome of an attempt. Runs with the connection's own rights (a worker spans workspaces).
import { lockForTransaction } from '../../db/advisory-locks.ts';
import type { Queryable } from '../../db/database.ts';

export interface ClaimedDelivery {
  id: string;
  lease_token: string;
  workspace_id: string;
  webhook_id: string;
  event_id: string;
  attempts: number;
  url: string;
  secret_fingerprint: string;
  previous_secret_expires_at: Date | null;
  event_type: string;
  payload: Record<string, unknown>;
  event_created_at: Date;
}

/**
 * Takes up to `limit` deliveries, each the oldest open one of its (webhook, scope), due, and with
 * no attempt of its group in flight: a scope's events go out one at a time, in sequence order.
 * One claimer at a time across nodes (the advisory lock), so two never take the same group.
 */
export async function claimDue(q: Queryable, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  await lockForTransaction(q, 'webhookClaims');
  await releaseExpiredLeases(q);
  // A candidate is due and unleased, and the lowest open sequence of its (webhook, scope) with no
  // attempt of the group in flight; each check is a probe of webhook_deliveries_open, and due
  // rows are walked oldest first (heads come first: they are the oldest of their group).
  return q.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.enabled AND w.paused_at IS NULL
       WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= now() AND d.lease_token IS NULL
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.webhook_id = d.webhook_id AND o.scope_key = d.scope_key
           AND o.status IN ('pending', 'failed') AND (o.sequence < d.sequence OR o.lease_token IS NOT NULL))
       ORDER BY d.next_attempt_at LIMIT $1
     )
     UPDATE webhook_deliveries d SET lease_token = gen_random_uuid(), leased_until = now() + make_interval(secs => $2),
       attempts = d.attempts + 1, updated_at = now()
     FROM due, webhooks w, webhook_events e
     WHERE d.id = due.id AND w.id = d.webhook_id AND e.id = d.event_id
     RETURNING d.id, d.lease_token, d.workspace_id, d.webhook_id, d.event_id, d.attempts, w.url, w.secret_fingerprint, w.previous_secret_expires_at,
       e.type AS event_type, e.payload, e.created_at AS event_created_at`,
    [limit, leaseSeconds],
  );
}

/**
 * Leases that expired (their dispatcher died mid-attempt) are released, so the delivery is due
 * again; the attempt it counted stays counted.
 */
async function releaseExpiredLeases(q: Queryable): Promise<number> {
  const rows = await q.query(
    `UPDATE webhook_deliveries SET lease_token = NULL, leased_until = NULL, updated_at = now()
     WHERE status IN ('pending', 'failed') AND leased_until < now() RETURNING id`,
  );
  return rows.length;
}

export interface AttemptResult {
  responseCode: number | null;
  error: string | null;
  latencyMs: number;
}

/** 2xx: delivered. Null when the lease was lost (another dispatcher took the delivery over). */
export async function recordSuccess(q: Queryable, d: ClaimedDelivery, r: AttemptResult): Promise<boolean> {
  const rows = await q.query(
    `UPDATE webhook_deliveries SET status = 'succeeded', delivered_at = now(), next_attempt_at = NULL, lease_token = NULL, leased_until = NULL,
       last_response_code = $3, last_error = NULL, latency_ms = $4, updated_at = now()
     WHERE id = $1 AND lease_token = $2 RETURNING id`,
    [d.id, d.lease_token, r.responseCode, r.latencyMs],
  );
  if (rows.length) await q.query('UPDATE webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [d.webhook_id]);
  return rows.length > 0;
}

/** Anything else: another attempt after `delaySeconds`, unless that falls past the retry window (then dead). */
export async function recordFailure(
  q: Queryable,
  d: ClaimedDelivery,
  r: AttemptResult,
  delaySeconds: number,
  windowSeconds: number,
  pauseAfterSeconds: number,
): Promise<string | null> {
  const [row] = await q.query<{ status: string }>(
    `UPDATE webhook_deliveries SET
       status = CASE WHEN now() + make_interval(secs => $5) > window_started_at + make_interval(secs => $6) THEN 'dead' ELSE 'failed' END,
       next_attempt_at = CASE WHEN now() + make_interval(secs => $5) > window_started_at + make_interval(secs => $6) THEN NULL ELSE now() + make_interval(secs => $5) END,
       lease_token = NULL, leased_until = NULL, last_response_code = $3, last_error = $4, latency_ms = $7, updated_at = now()
     WHERE id = $1 AND lease_token = $2 RETURNING status`,
    [d.id, d.lease_token, r.responseCode, r.error, delaySeconds, windowSeconds, r.latencyMs],
  );
  if (row) await notePersistentFailure(q, d.webhook_id, pauseAfterSeconds);
  return row?.status ?? null;
}

/**
 * Starts the webhook's failing clock at its first failure; once it has run `pauseAfterSeconds`
 * without a success the webhook is paused, and the workspace's `webhook.paused` subscribers
 * (other webhooks) hear of it in the same transaction.
 */
async function notePersistentFailure(q: Queryable, webhookId: string, pauseAfterSeconds: number): Promise<void> {
  await q.query('UPDATE webhooks SET failing_since = now() WHERE id = $1 AND failing_since IS NULL', [webhookId]);
  const [paused] = await q.query<{ workspace_id: string; url: string; failing_since: Date }>(
    `UPDATE webhooks SET paused_at = now(), updated_at = now()
     WHERE id = $1 AND paused_at IS NULL AND failing_since <= now() - make_interval(secs => $2) RETURNING workspace_id, url, failing_since`,
    [webhookId, pauseAfterSeconds],
  );
  if (!paused) return;
  await q.query(
    `SELECT webhook_emit($1, 'webhook.paused', 'webhook:' || $2, jsonb_build_object('type', 'webhook', 'id', $2::text), NULL,
       jsonb_build_object('webhook', jsonb_build_object('id', $2::text, 'url', $3::text), 'failing_since', $4::timestamptz, 'reason', 'failing'))`,
    [paused.workspace_id, webhookId, paused.url, paused.failing_since],
  );
}
