// What a response may say about a stored secret: a fingerprint and, for long values, the last
// four characters. Computed once at seal time and kept beside the integration, so listing
// 10,000 integrations never decrypts anything.
import { createHmac, hkdfSync } from 'node:crypto';
import type { Keyring } from '../vault/keyring.ts';
import type { CredentialHint } from './types.ts';

const MIN_LAST4_LENGTH = 12;

/**
 * The fingerprint is an HMAC under a key derived from the active key-encryption key and bound to
 * the workspace and field: the same secret stored twice in one workspace shows the same
 * fingerprint (so a reuse is visible), but a fingerprint is no offline guessing oracle for
 * someone who only has the database.
 */
export function credentialHints(
  keyring: Keyring,
  workspaceId: string,
  credentials: Record<string, unknown>,
  secretFields: readonly string[],
): Record<string, CredentialHint> {
  const version = keyring.activeVersion();
  const key = Buffer.from(hkdfSync('sha256', keyring.key(version), Buffer.alloc(0), 'switchboard/integration-credential-fingerprint/v1', 32));
  const hints: Record<string, CredentialHint> = {};
  for (const field of secretFields) {
    const value = credentials[field];
    if (typeof value !== 'string') continue;
    const fingerprint = createHmac('sha256', key).update(`${workspaceId}\0${field}\0${value}`).digest('hex').slice(0, 16);
    hints[field] = { fingerprint, last4: value.length >= MIN_LAST4_LENGTH ? value.slice(-4) : null };
  }
  return hints;
}
