// Defence in depth: adapters never put secrets into results, and this pass removes any secret
// value that slipped into a message or details anyway (for example echoed by a provider).
import type { ProviderCheckResult } from '../reason-codes.ts';

const MIN_SECRET_LENGTH = 4;

function scrub(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)]));
  }
  return value;
}

export function collectSecrets(credentials: Record<string, unknown>, secretFields: string[]): string[] {
  const values = secretFields.map((field) => credentials[field]).filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
  // Longest first so a secret containing another is replaced whole.
  return values.sort((a, b) => b.length - a.length);
}

export function redactResult<T extends ProviderCheckResult>(result: T, secrets: string[]): T {
  if (secrets.length === 0) return result;
  return scrub(result, secrets) as T;
}
