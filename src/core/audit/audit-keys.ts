// The audit trail's keys, derived from the vault's keyring with HKDF so no new secret is
// configured and none is ever stored in the database: an HMAC key per keyring version for the
// chain (purpose "audit-chain") and an Ed25519 key per version for signed checkpoints (an HKDF
// seed turned into a PKCS#8 private key). Whoever can rewrite the database but does not hold the
// keyring can neither recompute a chain nor forge a checkpoint.
import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { Db, Queryable, Transaction } from '../../db/database.ts';
import { AppError } from '../errors.ts';
import type { Keyring } from '../vault/keyring.ts';

export interface AuditKeys {
  /** The keyring's active version: new events and checkpoints use it. */
  activeVersion(): number;
  /** The chain's HMAC key for a version (a retired version's is the one kept for it; throws vault.key_missing if there is none). */
  macKey(version: number): Buffer;
  signingKey(version: number): KeyObject;
  publicKey(version: number): KeyObject;
  /** `v<version>:<16 hex of SHA-256 of the raw public key>`: names the checkpoint key, reveals nothing. */
  keyId(version: number): string;
}

// RFC 8410: the fixed DER prefix of a PKCS#8 Ed25519 private key, followed by the 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const derive = (kek: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', kek, 'switchboard', purpose, 32));

const keyIds = new WeakMap<KeyObject, string>();
const keyIdOf = (version: number, pub: KeyObject) => {
  let id = keyIds.get(pub);
  if (!id) {
    id = `v${version}:${createHash('sha256')
      .update(pub.export({ format: 'der', type: 'spki' }).subarray(-32))
      .digest('hex')
      .slice(0, 16)}`;
    keyIds.set(pub, id);
  }
  return id;
};

/** A version whose key exists but cannot be had right now (its KMS unreachable past the key cache), as opposed to one nobody holds. */
export const isKeyUnavailable = (err: unknown): boolean => err instanceof AppError && err.code === 'vault.key_unavailable';

export function createAuditKeys(keyring: Keyring): AuditKeys {
  // Derivation costs a few microseconds; the hot path (every audited read) reuses the result. The
  // caches are keyed by the key-encryption key itself, so a key the keyring has dropped (a KMS
  // cache that ran out) is not used through them: keyring.key() is asked first, every time.
  const macs = new WeakMap<Buffer, Buffer>();
  const signers = new WeakMap<Buffer, { priv: KeyObject; pub: KeyObject }>();
  const signer = (version: number) => {
    const kek = keyring.key(version);
    let s = signers.get(kek);
    if (!s) {
      const seed = derive(kek, 'audit-checkpoint-ed25519');
      const priv = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
      s = { priv, pub: createPublicKey(priv) };
      signers.set(kek, s);
    }
    return s;
  };
  // A retired version's key is gone; what verification needs of it was kept (keyring.retiredAuditKeys).
  const retired = (version: number) => {
    const r = keyring.retiredAuditKeys(version);
    if (!r) throw new AppError('vault.key_missing', `no audit key for key version ${version}`);
    return r;
  };
  const isLive = (version: number) => keyring.versions().includes(version);
  const publicKey = (version: number) => (isLive(version) ? signer(version).pub : retired(version).checkpointPublicKey);
  return {
    activeVersion: () => keyring.activeVersion(),
    macKey(version) {
      if (!isLive(version)) return retired(version).macKey;
      const kek = keyring.key(version);
      let k = macs.get(kek);
      if (!k) {
        k = derive(kek, 'audit-chain');
        macs.set(kek, k);
      }
      return k;
    },
    signingKey: (version) => signer(version).priv,
    publicKey,
    keyId: (version) => keyIdOf(version, publicKey(version)),
  };
}

/** What retirement keeps of a version for audit verification: its chain MAC key and checkpoint public key. */
export function auditVerificationKeys(kek: Buffer): { macKey: Buffer; checkpointPublicKey: Buffer } {
  const seed = derive(kek, 'audit-checkpoint-ed25519');
  const priv = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { macKey: derive(kek, 'audit-chain'), checkpointPublicKey: createPublicKey(priv).export({ format: 'der', type: 'spki' }) };
}

// Which keys a transaction appends with. The composition root binds its Db to its keyring, so
// every transaction that Db opens signs with that keyring even when several runtimes share one
// process (tests); anything else falls back to the process's most recently bound keys.
const bound = new WeakMap<object, AuditKeys>();
let processKeys: AuditKeys | null = null;

/** A Db whose transactions carry `keys` for appendAudit and verifyAuditChains. */
export function bindAuditKeys(db: Db, keys: AuditKeys): Db {
  processKeys = keys;
  const mark =
    <T>(fn: (q: Transaction) => Promise<T>) =>
    (q: Transaction) => {
      bound.set(q, keys);
      return fn(q);
    };
  const out: Db = { ...db, tx: (fn) => db.tx(mark(fn)), workspaceTx: (workspaceId, fn, guard) => db.workspaceTx(workspaceId, mark(fn), guard) };
  bound.set(out, keys);
  return out;
}

export function auditKeysOf(q: Queryable): AuditKeys | null {
  return bound.get(q) ?? processKeys;
}

export function requireAuditKeys(q: Queryable): AuditKeys {
  const keys = auditKeysOf(q);
  // Fail closed: an event that cannot be keyed is not written (and a secret read waiting on it is refused).
  if (!keys) throw new AppError('audit.key_unavailable', 'no audit key is configured in this process');
  return keys;
}
