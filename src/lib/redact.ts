// The names under which secrets travel. Used to scrub audit metadata and to configure pino's
// redaction, so a secret handed to a log or an audit row by mistake is replaced, not written.
export const SECRET_KEYS = [
  'secret',
  'client_secret',
  'clientSecret',
  'password',
  'token',
  'api_key',
  'apiKey',
  'api_token',
  'apiToken',
  'private_key',
  'privateKey',
  'privateKeyPem',
  'bearer_token',
  'authorization',
  'credentials',
  'dedicated_credential',
  'access_token',
  'refresh_token',
  'client_assertion',
];
const SECRET_SET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_SET.has(k.toLowerCase()) ? '[redacted]' : redactSecrets(v, depth + 1);
  }
  return out;
}
