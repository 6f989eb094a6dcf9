// A webhook's signing secret: `whsec_` + base64 of 32 random bytes (the Standard Webhooks form
// the `standardwebhooks` package reads). Sealed in the vault; shown once, at creation or rotation.
import { randomBytes } from 'node:crypto';

export const SECRET_FIELD = 'secret';
export const PREVIOUS_SECRET_FIELD = 'previous_secret';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function secretRef(workspaceId: string, webhookId: string, field: typeof SECRET_FIELD | typeof PREVIOUS_SECRET_FIELD) {
  return { workspaceId, recordType: 'webhook', recordId: webhookId, field };
}
