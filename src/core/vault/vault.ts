// The vault service: seals secrets into vault_secrets, opens them for internal use (a provider
// call inside this process), and releases them to a caller only through `release`, which writes
// the audit row in the same transaction first — if that row cannot be written, nothing is released.
import type { Db, Queryable } from '../../db/database.ts';
import { type AuditEventInput, appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { open, type SecretBinding, seal, unwrapKey, wrapKey } from './envelope.ts';
import type { Keyring } from './keyring.ts';
import { countNotUnder, deleteSealed, loadSealed, lockRewrapBatch, type SealedRow, sealedInfo, storeRewrappedKey, upsertSealed } from './vault-repository.ts';

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
  /** Re-wraps every data key not under the active key version; payloads are not re-encrypted. */
  rewrapAll(db: Db, opts?: { batchSize?: number; onProgress?: (done: number) => void }): Promise<{ rewrapped: number; toVersion: number; failed: string[] }>;
}

const toBuf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function createVault(keyring: Keyring): Vault {
  function decrypt(row: SealedRow, ref: SecretRef): string {
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
      const version = keyring.activeVersion();
      const env = seal(keyring.key(version), version, plaintext, ref);
      const hint = opts?.hint && plaintext.length >= 12 ? plaintext.slice(-4) : null;
      await upsertSealed(q, ref, { ...env, keyVersion: version, hint });
      return { fingerprint: env.fingerprint, hint, keyVersion: version };
    },
    async open(q, ref) {
      const row = await loadSealed(q, ref);
      return row ? decrypt(row, ref) : null;
    },
    async release(q, ref, audit) {
      const row = await loadSealed(q, ref);
      if (!row) return null;
      const plaintext = decrypt(row, ref);
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
      const toVersion = keyring.activeVersion();
      const kek = keyring.key(toVersion);
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
            try {
              dataKey = unwrapKey(keyring.key(r.key_version), r.key_version, toBuf(r.wrapped_key), b);
            } catch {
              failed.push(r.id);
              continue;
            }
            await storeRewrappedKey(q, r.id, toVersion, wrapKey(kek, toVersion, dataKey, b));
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
      return { rewrapped, toVersion, failed };
    },
  };
}
