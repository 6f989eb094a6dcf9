// Shapes of the webhooks part of the management API (issue 16 gives them exactly). Request bodies
// are closed: an unknown field is a 400.
import { Type } from 'typebox';
import { WEBHOOK_EVENT_TYPES } from '../../core/webhooks/event-types.ts';
import { literalUnion } from '../../lib/literal-union.ts';
import { pageSchema, Uuid } from './schemas.ts';

const EventType = literalUnion(WEBHOOK_EVENT_TYPES, { description: 'An event type of the catalogue (docs/events.md)' });
const Url = Type.String({ minLength: 8, maxLength: 2048, format: 'uri', description: 'Where deliveries are POSTed (http or https)' });
const Events = Type.Array(EventType, { minItems: 1, maxItems: 50, description: 'The event types this webhook receives' });
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

export const IdParams = Type.Object({ id: Uuid });

export const CreateWebhook = Type.Object(
  { url: Url, events: Events, description: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const CreatedWebhook = Type.Object({
  id: Uuid,
  url: Type.String(),
  events: Type.Array(Type.String()),
  secret: Type.String({ description: 'The signing secret (`whsec_` + base64 of 32 random bytes): shown only here' }),
  created_at: Time,
});
export const UpdateWebhook = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    enabled: Type.Optional(Type.Boolean({ description: 'false: no new deliveries are made and pending ones wait; true also resumes a paused webhook' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const Webhook = Type.Object({
  id: Uuid,
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  previous_secret_expires_at: Type.Union([Time, Type.Null()], { description: 'Until when the previous secret also signs (after a rotation)' }),
  paused_at: Type.Union([Time, Type.Null()], {
    description: 'Set when every attempt failed for the pause threshold (3 days by default): nothing is delivered until `enabled: true` is PATCHed',
  }),
  created_at: Time,
  updated_at: Time,
});
export const WebhookPage = pageSchema(Webhook);
export const RotatedSecret = Type.Object({
  id: Uuid,
  secret: Type.String({ description: 'The new signing secret: shown only here' }),
  previous_secret_expires_at: Type.Union([Time, Type.Null()], { description: 'Until when the previous secret keeps signing too' }),
});
export const Delivery = Type.Object({
  id: Uuid,
  webhook_id: Uuid,
  event_id: Type.String({ description: 'The event, and the `webhook-id` header of every attempt (the idempotency key)' }),
  event_type: Type.String(),
  sequence: Type.Integer({ description: "The event's number in its scope" }),
  status: literalUnion(['pending', 'succeeded', 'failed', 'dead'] as const),
  attempts: Type.Integer(),
  response_code: Type.Union([Type.Integer(), Type.Null()], { description: 'The HTTP status of the last attempt' }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'A stable code for the last failure (`http_500`, `timeout`, `network`, `private_address_refused`, …)',
  }),
  latency_ms: Type.Union([Type.Integer(), Type.Null()], { description: 'How long the last attempt took' }),
  next_attempt_at: NullableTime,
  delivered_at: NullableTime,
  created_at: Time,
  updated_at: Time,
});
export const DeliveryPage = pageSchema(Delivery);
