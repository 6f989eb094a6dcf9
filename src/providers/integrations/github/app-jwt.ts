// A GitHub App authenticates as itself with a short RS256 JWT (iss = app id). GitHub accepts
// at most 10 minutes of lifetime and rejects an iat in its future, so iat is backdated 60 s
// for clock drift and exp set 9 minutes ahead. App private keys are PKCS#1 PEM, which
// node:crypto loads and jose signs with as a KeyObject.
import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export function loadPrivateKey(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** `privateKey`: the PEM text, or a key already loaded by loadPrivateKey. */
export async function createAppJwt(appId: string | number, privateKey: string | KeyObject, now = Math.floor(Date.now() / 1000)): Promise<string> {
  const key = typeof privateKey === 'string' ? loadPrivateKey(privateKey) : privateKey;
  if (!key) throw new Error('the GitHub App private key could not be loaded');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(String(appId))
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 9 * 60)
    .sign(key);
}
