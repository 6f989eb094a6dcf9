// Messages from Microsoft are shown to operators and stored on runs, so they pass through here
// first. Entra never echoes a secret in an error today, but a message is the last line of defence:
// literal secret values are removed, and so is anything shaped like a credential.
import { isUuid } from '../../lib/uuid.ts';

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g;
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.?[A-Za-z0-9_-]*/g;
const SECRET_PARAM = /\b(client_secret|client_assertion|access_token|refresh_token|password|assertion)=([^&\s]+)/gi;
const LONG_TOKEN = /[A-Za-z0-9~._\-+/=]{32,}/g;
const MAX_LENGTH = 400;

const REDACTED = '[redacted]';

export function sanitizeMessage(text: string, secrets: readonly string[] = []): string {
  let out = String(text);
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  out = out
    .replace(PEM_BLOCK, REDACTED)
    .replace(JWT_LIKE, REDACTED)
    .replace(SECRET_PARAM, (_m, name: string) => `${name}=${REDACTED}`)
    .replace(LONG_TOKEN, (match) => (looksLikeCredential(match) ? REDACTED : match));
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH - 1)}…` : out;
}

// Long runs of mixed-case letters and digits are what secrets look like; GUIDs, URLs and
// ordinary words are not, and are kept because they help support (trace ids, client ids).
function looksLikeCredential(token: string): boolean {
  if (isUuid(token)) return false;
  if (/^[a-z0-9.-]+$/i.test(token) && token.includes('.') && !/[A-Z].*[0-9]|[0-9].*[A-Z]/.test(token)) return false;
  return /[a-z]/.test(token) && /[A-Z]/.test(token) && /[0-9]/.test(token);
}

/** Entra descriptions end with Trace ID / Correlation ID / Timestamp lines: keep the first line. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}
