// The event types a webhook may subscribe to. The database keeps the same list
// (webhook_event_types() in migration 0015, which its CHECKs use); a test compares the two.
// What each payload holds: docs/events.md.
export const WEBHOOK_EVENT_TYPES = [
  'operation_run.started',
  'operation_run.completed',
  'provider_connection.health_changed',
  'provider_connection.consent_changed',
  'integration.verification_failed',
  'integration.credentials_rotated',
  'scim.user.provisioned',
  'scim.user.deprovisioned',
  'scim.user.deleted',
  'scim.group.changed',
  'audit.chain_problem',
  'webhook.paused',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
