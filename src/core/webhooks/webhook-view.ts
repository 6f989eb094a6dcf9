// What the management API shows of a webhook and of a delivery: never a secret.
import type { DeliveryRow, WebhookRow } from './webhook-repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function webhookView(w: WebhookRow) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    description: w.description,
    enabled: w.enabled,
    previous_secret_expires_at: iso(w.previous_secret_expires_at),
    paused_at: iso(w.paused_at),
    created_at: w.created_at.toISOString(),
    updated_at: w.updated_at.toISOString(),
  };
}
export type WebhookView = ReturnType<typeof webhookView>;

export function deliveryView(d: DeliveryRow) {
  return {
    id: d.id,
    webhook_id: d.webhook_id,
    event_id: d.event_id,
    event_type: d.event_type,
    sequence: Number(d.sequence),
    status: d.status,
    attempts: d.attempts,
    response_code: d.last_response_code,
    error: d.last_error,
    latency_ms: d.latency_ms,
    next_attempt_at: iso(d.next_attempt_at),
    delivered_at: iso(d.delivered_at),
    created_at: d.created_at.toISOString(),
    updated_at: d.updated_at.toISOString(),
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;
