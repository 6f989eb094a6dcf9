// The admin-consent `state`: signed (HMAC-SHA256 under a key derived with HKDF from the vault's
// keyring, so no new secret is configured), expiring, and naming a consent_states row that makes
// it single-use (the row's SQL is in consent-repository.ts). It binds the callback to a workspace,
// a connection and the principal who asked.
// Format: `<key version>.<base64url payload>.<base64url mac>`.
//
// The OpenID Connect nonce and the PKCE code verifier of the consent link are derived from the
// state's nonce with HMAC under their own HKDF keys (consentSecrets): nothing secret is stored,
// and the verifier, which only this service can compute, never appears in the link or the row.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../vault/keyring.ts';

export const CONSENT_STATE_TTL_SECONDS = 600;

export interface ConsentStatePayload {
  /** Nonce: the consent_states row. */
  n: string;
  /** Workspace id. */
  w: string;
  /** Connection id (UUID). */
  c: string;
  /** Expiry, epoch seconds. */
  e: number;
}

/** A verified state: its payload and the key version it was signed with (the derived secrets use the same). */
export interface VerifiedConsentState extends ConsentStatePayload {
  version: number;
}

function derivedKey(keyring: Keyring, version: number, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', keyring.key(version), 'switchboard', purpose, 32));
}
const macKey = (keyring: Keyring, version: number) => derivedKey(keyring, version, 'admin-consent-state');

export interface ConsentSecrets {
  /** The OpenID Connect nonce (sent in the link, echoed in the ID token). */
  nonce: string;
  /** The PKCE code verifier: 43 base64url characters, known only to this service. */
  codeVerifier: string;
  /** base64url(SHA-256(codeVerifier)): the S256 challenge the link carries. */
  codeChallenge: string;
}

export function consentSecrets(keyring: Keyring, version: number, stateNonce: string): ConsentSecrets {
  const nonce = createHmac('sha256', derivedKey(keyring, version, 'admin-consent-oidc-nonce'))
    .update(stateNonce)
    .digest('base64url');
  const codeVerifier = createHmac('sha256', derivedKey(keyring, version, 'admin-consent-pkce-verifier'))
    .update(stateNonce)
    .digest('base64url');
  return { nonce, codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function signState(keyring: Keyring, payload: ConsentStatePayload, version = keyring.activeVersion()): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', macKey(keyring, version)).update(`${version}.${body}`).digest('base64url');
  return `${version}.${body}.${mac}`;
}

/** The payload when the signature is good and it has not expired; null otherwise (never throws). */
export function verifyState(keyring: Keyring, state: string | undefined, nowMs = Date.now()): VerifiedConsentState | null {
  if (!state || state.length > 1024) return null;
  const m = /^(\d{1,6})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(state);
  if (!m) return null;
  try {
    const version = Number(m[1]);
    // An unknown version would make the keyring re-read its source on every request: refuse it
    // cheaply (activeVersion() first picks up a version another node added, at most once a second).
    keyring.activeVersion();
    if (!keyring.versions().includes(version)) return null;
    const expected = createHmac('sha256', macKey(keyring, version)).update(`${m[1]}.${m[2]}`).digest();
    const given = Buffer.from(m[3], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const p = JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8')) as ConsentStatePayload;
    if (typeof p.n !== 'string' || typeof p.w !== 'string' || typeof p.c !== 'string' || typeof p.e !== 'number') return null;
    return p.e * 1000 > nowMs ? { n: p.n, w: p.w, c: p.c, e: p.e, version } : null;
  } catch {
    return null; // unknown key version, bad base64 or JSON
  }
}
