// Envelope encryption: each secret gets its own random 256-bit data key (AES-256-GCM); the data
// key is wrapped by a versioned key-encryption key. The additional authenticated data binds both
// the payload and the wrapped key to workspace, record and field, so a ciphertext copied onto
// another row, record or workspace fails authentication instead of decrypting.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface SecretBinding {
  workspaceId: string;
  recordType: string;
  recordId: string;
  field: string;
}

export interface Envelope {
  keyVersion: number;
  wrappedKey: Buffer; // iv(12) | ciphertext(32) | tag(16)
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
  fingerprint: string;
}

export function aadFor(b: SecretBinding): Buffer {
  return Buffer.from(JSON.stringify(['switchboard/v1', b.workspaceId, b.recordType, b.recordId, b.field]));
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv, ciphertext, tag: c.getAuthTag() };
}

function gcmDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(ciphertext), d.final()]);
}

export function wrapKey(kek: Buffer, kekVersion: number, dataKey: Buffer, b: SecretBinding): Buffer {
  const aad = Buffer.concat([aadFor(b), Buffer.from(`/kek/${kekVersion}`)]);
  const { iv, ciphertext, tag } = gcmEncrypt(kek, dataKey, aad);
  return Buffer.concat([iv, ciphertext, tag]);
}

export function unwrapKey(kek: Buffer, kekVersion: number, wrapped: Buffer, b: SecretBinding): Buffer {
  const aad = Buffer.concat([aadFor(b), Buffer.from(`/kek/${kekVersion}`)]);
  return gcmDecrypt(kek, wrapped.subarray(0, 12), wrapped.subarray(12, wrapped.length - 16), wrapped.subarray(wrapped.length - 16), aad);
}

export function seal(kek: Buffer, kekVersion: number, plaintext: string, b: SecretBinding): Envelope {
  const dataKey = randomBytes(32);
  const { iv, ciphertext, tag } = gcmEncrypt(dataKey, Buffer.from(plaintext, 'utf8'), aadFor(b));
  // Keyed by the data key, so the fingerprint identifies this stored value without being an
  // offline guessing oracle for a weak secret.
  const fingerprint = createHmac('sha256', dataKey).update(plaintext).digest('hex').slice(0, 16);
  return { keyVersion: kekVersion, wrappedKey: wrapKey(kek, kekVersion, dataKey, b), iv, ciphertext, authTag: tag, fingerprint };
}

export function open(kek: Buffer, env: Omit<Envelope, 'fingerprint'>, b: SecretBinding): string {
  const dataKey = unwrapKey(kek, env.keyVersion, env.wrappedKey, b);
  return gcmDecrypt(dataKey, env.iv, env.ciphertext, env.authTag, aadFor(b)).toString('utf8');
}
