// The vault service: seals secrets into vault_secrets, opens them for internal use (a provider
// call inside this process), and releases them to a caller only through `release`, which writes
// the audit row in the same transaction first — if that row cannot be written, nothing is released.
import type { Db, Queryable } from '../../db/database.ts';
import { type AuditEventInput, appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { open, type SecretBinding, seal, unwrapKey, wrapKey } from './envelope.ts';
import { type Keyring, unwrapRetainedAuditKey, wrapRetainedAuditKey } from './keyring.ts';

export interface SecretRef {
  workspaceId: string;
  recordType: string;
  recordId: string;
  field: string;
}

export interface SealedInfo {
  fingerprint: string;
  /** Last four characters, only for secrets long enough that they reveal little. */
  hint: string | null;
  keyVersion: number;
}

interface VaultRow {
  key_version: number;
  wrapped_key: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  auth_tag: Uint8Array;
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

export interface RewrapResult {
  rewrapped: number;
  auditKeys: number;
  toVersion: number;
  failed: string[];
}

const toBuf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function createVault(keyring: Keyring): Vault {
  async function decrypt(q: Queryable, row: VaultRow, ref: SecretRef): Promise<string> {
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
  async function load(q: Queryable, ref: SecretRef): Promise<VaultRow | null> {
    const [row] = await q.query<VaultRow>(
      `SELECT key_version, wrapped_key, iv, ciphertext, auth_tag FROM vault_secrets
       WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3 AND field = $4`,
      [ref.workspaceId, ref.recordType, ref.recordId, ref.field],
    );
    return row ?? null;
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
        const rows = await q.query(
          `INSERT INTO vault_secrets (workspace_id, record_type, record_id, field, key_version, wrapped_key, iv, ciphertext, auth_tag, fingerprint, hint)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
           WHERE $5::int = (SELECT max(version) FROM vault_key_versions WHERE retired_at IS NULL)
           ON CONFLICT (workspace_id, record_type, record_id, field) DO UPDATE SET
             key_version = EXCLUDED.key_version, wrapped_key = EXCLUDED.wrapped_key, iv = EXCLUDED.iv,
             ciphertext = EXCLUDED.ciphertext, auth_tag = EXCLUDED.auth_tag, fingerprint = EXCLUDED.fingerprint,
             hint = EXCLUDED.hint, updated_at = now()
           RETURNING key_version`,
          [ref.workspaceId, ref.recordType, ref.recordId, ref.field, version, env.wrappedKey, env.iv, env.ciphertext, env.authTag, env.fingerprint, hint],
        );
        if (rows.length) return { fingerprint: env.fingerprint, hint, keyVersion: version };
        if (attempt > 0) throw new AppError('vault.key_unavailable', `key version ${version} is not the newest live version and the keyring could not catch up; try again`);
        await keyring.reload(q);
      }
    },
    async open(q, ref) {
      const row = await load(q, ref);
      return row ? await decrypt(q, row, ref) : null;
    },
    async release(q, ref, audit) {
      const row = await load(q, ref);
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
    async destroy(q, ref) {
      const rows = await q.query(
        `DELETE FROM vault_secrets WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3 AND ($4::text IS NULL OR field = $4) RETURNING id`,
        [ref.workspaceId, ref.recordType, ref.recordId, ref.field ?? null],
      );
      return rows.length;
    },
    async info(q, ref) {
      const [row] = await q.query<{ fingerprint: string; hint: string | null; key_version: number }>(
        `SELECT fingerprint, hint, key_version FROM vault_secrets WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3 AND field = $4`,
        [ref.workspaceId, ref.recordType, ref.recordId, ref.field],
      );
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
          const rows = await q.query<VaultRow & { id: string; workspace_id: string; record_type: string; record_id: string; field: string }>(
            `SELECT id, workspace_id, record_type, record_id, field, key_version, wrapped_key FROM vault_secrets
             WHERE key_version <> $1 AND NOT (id = ANY($3::uuid[])) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [toVersion, batchSize, failed],
          );
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
            await q.query('UPDATE vault_secrets SET key_version = $1, wrapped_key = $2 WHERE id = $3', [toVersion, wrapKey(keyring.key(toVersion), toVersion, dataKey, b), r.id]);
            rewrapped++;
          }
          return rows.length;
        });
        opts?.onProgress?.(rewrapped);
        if (n === 0) {
          // Nothing left that we could lock; rows locked by a concurrent writer are picked up by a retry.
          const [left] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vault_secrets WHERE key_version <> $1 AND NOT (id = ANY($2::uuid[]))', [toVersion, failed]);
          if (left.n === 0) break;
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
    const rows = await q.query<{ version: number; audit_key_version: number; audit_key_wrapped: Uint8Array }>(
      'SELECT version, audit_key_version, audit_key_wrapped FROM vault_key_versions WHERE audit_key_version IS NOT NULL AND audit_key_version <> $1 FOR UPDATE',
      [toVersion],
    );
    for (const r of rows) {
      await keyring.ensure(r.audit_key_version, q);
      const mac = unwrapRetainedAuditKey(keyring.key(r.audit_key_version), r.audit_key_version, r.version, toBuf(r.audit_key_wrapped));
      await q.query('UPDATE vault_key_versions SET audit_key_version = $1, audit_key_wrapped = $2 WHERE version = $3', [
        toVersion,
        wrapRetainedAuditKey(keyring.key(toVersion), toVersion, r.version, mac),
        r.version,
      ]);
    }
    return rows.length;
  });
}
