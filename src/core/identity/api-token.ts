// API tokens: 256 random bits behind a recognisable prefix (so secret scanners and people can
// tell what leaked), stored only as SHA-256. A fast hash is right here: the input is already
// high-entropy, and a slow KDF would cap authenticated traffic (DESIGN.md).
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'sbt_';

export function generateToken(): { token: string; hash: Buffer; displayPrefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), displayPrefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

// Generated tokens carry 43 characters after the prefix; an operator-chosen bootstrap token
// may be longer, never shorter than 128 bits' worth.
const SHAPE = /^sbt_[A-Za-z0-9_-]{22,200}$/;

export function looksLikeApiToken(value: string): boolean {
  return SHAPE.test(value);
}
