// The vault service: seals secrets into vault_secrets, opens them for internal use (a provider
// call inside this process), and releases them to a caller only through `release`, which writes
// the audit row in the same transaction first — if that row cannot be written, nothing is released.
import type { Db, Queryable } from '../../db/database.ts';
import { type AuditEventInput, appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { open, seal, unwrapKey, wrapKey } from './envelope.ts';
import { lockRetainedAuditKeysNotUnder, storeRetainedAuditKey } from './key-version-repository.ts';
import { type Keyring, unwrapRetainedAuditKey, wrapRetainedAuditKey } from './keyring.ts';
import {
  countNotUnder,
  deleteSealed,
  loadSealed,
  lockRewrapBatch,
  type SealedRow,
  sealedInfo,
  storeRewrappedKey,
  upsertSealedUnderNewest,
} from './vault-repository.ts';

interface SecretRef {
  workspaceId: string;
  recordType: string;
  recordId: string;
  field: string;
}

interface SealedInfo {
  fingerprint: string;
  /** Last four characters, only for secrets long enough that they reveal little. */
  hint: string | null;
  keyVersion: number;
}

export interface Vault {
  seal(q: Queryable, ref: SecretRef, plaintext: string, opts?: { hint?: boolean }): Promise<SealedInfo>;
  /** Decrypts for use inside this process (never returned to a caller). Null when absent. */
  open(q: Queryable, ref: SecretRef): Promise<string | null>;
  /** The audited door: the audit row and the decryption happen in the caller's transaction. */
  release(q: Queryable, ref: SecretRef, audit: AuditEventInput): Promise<string | null>;
  destroy(q: Queryable, ref: Omit<SecretRef, 'field'> & { field?: string }): Promise<number>;
  info(q: Queryable, ref: SecretRef): Promise<SealedInfo | null>;
  /**
   * Re-wraps every data key not under the active key version (payloads are not re-encrypted), and
   * the retained audit keys of retired versions (`auditKeys`).
   */
  rewrapAll(db: Db, opts?: { batchSize?: number; onProgress?: (done: number) => void }): Promise<RewrapResult>;
}

interface RewrapResult {
  rewrapped: number;
  auditKeys: number;
  toVersion: number;
  failed: string[];
}

const toBuf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function createVault(keyring: Keyring): Vault {
  async function decrypt(q: Queryable, row: SealedRow, ref: SecretRef): Promise<string> {
    await keyring.ensure(row.key_version, q); // a version another node or the CLI added since we loaded
    try {
      return open(
        keyring.key(row.key_version),
        { keyVersion: row.key_version, wrappedKey: toBuf(row.wrapped_key), iv: toBuf(row.iv), ciphertext: toBuf(row.ciphertext), authTag: toBuf(row.auth_tag) },
        ref,
      );
    } catch (err) {
      if (err instanceof AppError) throw err;
      // GCM authentication failed: the row was moved, edited, or sealed under other bindings.
      throw new AppError('vault.integrity_failed', `secret ${ref.recordType}/${ref.field} failed authentication`);
    }
  }
  return {
    async seal(q, ref, plaintext, opts) {
      const hint = opts?.hint && plaintext.length >= 12 ? plaintext.slice(-4) : null;
      for (let attempt = 0; ; attempt++) {
        const version = keyring.activeVersion();
        const env = seal(keyring.key(version), version, plaintext, ref);
        // Written only if `version` is still the newest live one in the registry: a node that has
        // not yet seen a rotation (or a retirement) learns of it here instead of sealing under an
        // old version after the re-wrap has passed it by.
        if (await upsertSealedUnderNewest(q, ref, { ...env, keyVersion: version, hint })) return { fingerprint: env.fingerprint, hint, keyVersion: version };
        if (attempt > 0)
          throw new AppError('vault.key_unavailable', `key version ${version} is not the newest live version and the keyring could not catch up; try again`);
        await keyring.reload(q);
      }
    },
    async open(q, ref) {
      const row = await loadSealed(q, ref);
      return row ? await decrypt(q, row, ref) : null;
    },
    async release(q, ref, audit) {
      const row = await loadSealed(q, ref);
      if (!row) return null;
      const plaintext = await decrypt(q, row, ref);
      try {
        await appendAudit(q, audit);
      } catch (err) {
        throw new AppError('audit.write_failed', 'the access could not be audited, so the secret was not released', {
          cause: (err as Error).message,
        });
      }
      return plaintext;
    },
    destroy: deleteSealed,
    async info(q, ref) {
      const row = await sealedInfo(q, ref);
      return row ? { fingerprint: row.fingerprint, hint: row.hint, keyVersion: row.key_version } : null;
    },
    async rewrapAll(db, opts) {
      await keyring.reload();
      const toVersion = keyring.activeVersion();
      keyring.key(toVersion); // unavailable: stop before touching a row
      const batchSize = opts?.batchSize ?? 200;
      let rewrapped = 0;
      // Rows whose data key does not authenticate (moved or edited rows) are left as they are and
      // reported: one bad row must not stop the rotation of every other secret.
      const failed: string[] = [];
      for (;;) {
        // Small transactions with SKIP LOCKED: readers and writers keep going while we work,
        // and two rotations running at once split the rows instead of fighting over them.
        const n = await db.tx(async (q) => {
          const rows = await lockRewrapBatch(q, toVersion, batchSize, failed);
          for (const r of rows) {
            const b = { workspaceId: r.workspace_id, recordType: r.record_type, recordId: r.record_id, field: r.field };
            let dataKey: Buffer;
            await keyring.ensure(r.key_version, q);
            try {
              dataKey = unwrapKey(keyring.key(r.key_version), r.key_version, toBuf(r.wrapped_key), b);
            } catch (err) {
              // An old version that cannot be had right now (its KMS is down) stops the run: retrying is right, skipping is not.
              if (err instanceof AppError && err.code === 'vault.key_unavailable') throw err;
              failed.push(r.id);
              continue;
            }
            // The key is asked for at each use, never held across an await (keyring.ts).
            await storeRewrappedKey(q, r.id, toVersion, wrapKey(keyring.key(toVersion), toVersion, dataKey, b));
            rewrapped++;
          }
          return rows.length;
        });
        opts?.onProgress?.(rewrapped);
        if (n === 0) {
          // Nothing left that we could lock; rows locked by a concurrent writer are picked up by a retry.
          if ((await countNotUnder(db, toVersion, failed)) === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      // What is kept of retired versions for audit verification is wrapped like a data key: move it too.
      const auditKeys = await rewrapRetainedAuditKeys(db, keyring, toVersion);
      return { rewrapped, auditKeys, toVersion, failed };
    },
  };
}

async function rewrapRetainedAuditKeys(db: Db, keyring: Keyring, toVersion: number): Promise<number> {
  return db.tx(async (q) => {
    const rows = await lockRetainedAuditKeysNotUnder(q, toVersion);
    for (const r of rows) {
      await keyring.ensure(r.auditKeyVersion, q);
      const mac = unwrapRetainedAuditKey(keyring.key(r.auditKeyVersion), r.auditKeyVersion, r.version, r.auditKeyWrapped);
      await storeRetainedAuditKey(q, r.version, toVersion, wrapRetainedAuditKey(keyring.key(toVersion), toVersion, r.version, mac));
    }
    return rows.length;
  });
}
