// Standard Webhooks signing (https://www.standardwebhooks.com), by its reference package: the body
// is `{type, timestamp, data}`, the signature `v1,<base64 HMAC-SHA256 of id.timestamp.body>`. During
// a rotation's grace period the previous secret signs too: the header carries both, space-separated,
// and a receiver holding either secret verifies.
import { Webhook } from 'standardwebhooks';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function webhookBody(type: string, createdAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: createdAt.toISOString(), data });
}

export function signDelivery(msgId: string, body: string, secrets: string[], at: Date): SignedRequest {
  const signature = secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(' ');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}
