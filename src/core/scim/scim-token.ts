// SCIM bearer tokens: 256 random bits behind a recognisable prefix, so a leaked one is easy to
// spot and tell apart from a Switchboard API token. Only the SHA-256 is stored; a fast hash is
// right for high-entropy input and keeps every provisioning request cheap (DESIGN.md).
import { createHash, randomBytes } from 'node:crypto';

const SCIM_TOKEN_PREFIX = 'sbscim_';

export function generateScimToken(): { token: string; hash: Buffer; displayPrefix: string } {
  const token = SCIM_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashScimToken(token), displayPrefix: token.slice(0, SCIM_TOKEN_PREFIX.length + 6) };
}

export function hashScimToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

const SHAPE = /^sbscim_[A-Za-z0-9_-]{43}$/;

/** Only well-formed tokens reach the database lookup. */
export function looksLikeScimToken(value: string): boolean {
  return SHAPE.test(value);
}
