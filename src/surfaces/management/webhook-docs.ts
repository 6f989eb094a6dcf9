// The reference's words for the webhooks of the management API (src/http/route-docs.ts attaches them).
// The event catalogue, the signing scheme and the retry policy: docs/events.md.
import type { RouteDocs } from '../../http/route-docs.ts';

const WEBHOOK = { id: 'The webhook (UUID)' };

export const WEBHOOK_DOCS: RouteDocs = {
  'POST /api/v1/workspaces/:workspaceId/webhooks': {
    summary: 'Create a webhook',
    description:
      'Subscribes a URL to event types (docs/events.md). Deliveries follow the Standard Webhooks specification: `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, body `{type, timestamp, data}`. The signing secret is in this response only. The URL goes through the outbound policy of integrations at every attempt (no private networks unless the operator allows them, no redirects followed). Needs `webhooks.manage` (owner, admin).',
    examples: [
      {
        url: 'https://hooks.example.com/switchboard',
        events: ['operation_run.completed', 'provider_connection.health_changed'],
        description: 'PagerDuty bridge',
      },
    ],
    responses: { 201: 'The webhook and its secret, shown once' },
  },
  'GET /api/v1/workspaces/:workspaceId/webhooks': {
    summary: 'List webhooks',
    description: "The workspace's webhooks, never their secrets. Needs `webhooks.manage`.",
    responses: { 200: 'One page of webhooks' },
  },
  'GET /api/v1/webhooks/:id': {
    summary: 'Read a webhook',
    description: 'Needs `webhooks.manage`.',
    parameters: WEBHOOK,
    responses: { 200: 'The webhook (no secret)' },
  },
  'PATCH /api/v1/webhooks/:id': {
    summary: 'Change a webhook',
    description:
      'Changes the fields given. A disabled webhook gets no new deliveries; its open ones wait until it is enabled again. `enabled: true` also resumes a webhook paused after failing for 3 days (`paused_at`). Needs `webhooks.manage`.',
    parameters: WEBHOOK,
    examples: [{ events: ['operation_run.completed'] }, { enabled: false }, { url: 'https://hooks.example.com/v2', description: null }],
    responses: { 200: 'The webhook as changed' },
  },
  'DELETE /api/v1/webhooks/:id': {
    summary: 'Delete a webhook',
    description: 'Deletes the webhook, its secrets and its deliveries. Needs `webhooks.manage`.',
    parameters: WEBHOOK,
    responses: { 204: 'Deleted' },
  },
  'POST /api/v1/webhooks/:id/rotate-secret': {
    summary: "Rotate a webhook's secret",
    description:
      'Makes a new signing secret (in this response only). The previous one keeps signing for the grace period (`SWITCHBOARD_WEBHOOK_SECRET_GRACE_SECONDS`, a day by default): meanwhile every delivery carries both signatures, so receivers switch secrets without dropping one. Needs `webhooks.manage`.',
    parameters: WEBHOOK,
    responses: { 200: 'The new secret, shown once, and until when the previous one signs' },
  },
  'GET /api/v1/webhooks/:id/deliveries': {
    summary: "List a webhook's deliveries",
    description:
      'Newest first: status (`pending`, `succeeded`, `failed` — retried later —, `dead`), attempts, the last response code, error code and latency. Needs `webhooks.manage`.',
    parameters: WEBHOOK,
    responses: { 200: 'One page of deliveries' },
  },
  'POST /api/v1/webhook-deliveries/:id/redeliver': {
    summary: 'Redeliver',
    description:
      'Queues the delivery again, due now, with a fresh retry window: the same event with the same `webhook-id`, so a receiver that already has it drops it. Needs `webhooks.manage`.',
    parameters: { id: 'The delivery (UUID)' },
    responses: { 202: 'The delivery, queued again', 409: 'An attempt is in flight (`webhook.delivery_in_flight`)' },
  },
};
