// vault_secrets: SQL only. Rows hold sealed envelopes (envelope.ts); nothing here sees a plaintext
// or a key. Every function takes the transaction it runs in.
import type { Queryable } from '../../db/database.ts';
import type { SecretBinding as SecretRef } from './envelope.ts';

export interface SealedRow {
  key_version: number;
  wrapped_key: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  auth_tag: Uint8Array;
}

export interface RewrapCandidate extends Pick<SealedRow, 'key_version' | 'wrapped_key'> {
  id: string;
  workspace_id: string;
  record_type: string;
  record_id: string;
  field: string;
}

export async function loadSealed(q: Queryable, ref: SecretRef): Promise<SealedRow | null> {
  const [row] = await q.query<SealedRow>(
    `SELECT key_version, wrapped_key, iv, ciphertext, auth_tag FROM vault_secrets
     WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3 AND field = $4`,
    [ref.workspaceId, ref.recordType, ref.recordId, ref.field],
  );
  return row ?? null;
}

/**
 * Inserts or replaces a sealed secret, but only if `keyVersion` is still the newest live version in
 * the registry (vault_key_versions), checked in the same statement: false when it is not (a
 * rotation or retirement this node has not seen yet), and nothing is written.
 */
export async function upsertSealedUnderNewest(
  q: Queryable,
  ref: SecretRef,
  s: { keyVersion: number; wrappedKey: Buffer; iv: Buffer; ciphertext: Buffer; authTag: Buffer; fingerprint: string; hint: string | null },
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO vault_secrets (workspace_id, record_type, record_id, field, key_version, wrapped_key, iv, ciphertext, auth_tag, fingerprint, hint)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
     WHERE $5::int = (SELECT max(version) FROM vault_key_versions WHERE retired_at IS NULL)
     ON CONFLICT (workspace_id, record_type, record_id, field) DO UPDATE SET
       key_version = EXCLUDED.key_version, wrapped_key = EXCLUDED.wrapped_key, iv = EXCLUDED.iv,
       ciphertext = EXCLUDED.ciphertext, auth_tag = EXCLUDED.auth_tag, fingerprint = EXCLUDED.fingerprint,
       hint = EXCLUDED.hint, updated_at = now()
     RETURNING key_version`,
    [ref.workspaceId, ref.recordType, ref.recordId, ref.field, s.keyVersion, s.wrappedKey, s.iv, s.ciphertext, s.authTag, s.fingerprint, s.hint],
  );
  return rows.length === 1;
}

/** Deletes one field of a record, or every field when `field` is not given; the number deleted. */
export async function deleteSealed(q: Queryable, ref: Omit<SecretRef, 'field'> & { field?: string }): Promise<number> {
  const rows = await q.query(
    `DELETE FROM vault_secrets WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3 AND ($4::text IS NULL OR field = $4) RETURNING id`,
    [ref.workspaceId, ref.recordType, ref.recordId, ref.field ?? null],
  );
  return rows.length;
}

export async function sealedInfo(q: Queryable, ref: SecretRef): Promise<{ fingerprint: string; hint: string | null; key_version: number } | null> {
  const [row] = await q.query<{ fingerprint: string; hint: string | null; key_version: number }>(
    `SELECT fingerprint, hint, key_version FROM vault_secrets WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3 AND field = $4`,
    [ref.workspaceId, ref.recordType, ref.recordId, ref.field],
  );
  return row ?? null;
}

/**
 * Up to `limit` rows whose data key is not under `toVersion` (except `skip`), locked with SKIP
 * LOCKED: readers and writers keep going, and two rotations running at once split the rows.
 */
export async function lockRewrapBatch(q: Queryable, toVersion: number, limit: number, skip: readonly string[]): Promise<RewrapCandidate[]> {
  return q.query<RewrapCandidate>(
    `SELECT id, workspace_id, record_type, record_id, field, key_version, wrapped_key FROM vault_secrets
     WHERE key_version <> $1 AND NOT (id = ANY($3::uuid[])) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [toVersion, limit, skip],
  );
}

export async function storeRewrappedKey(q: Queryable, id: string, keyVersion: number, wrappedKey: Buffer): Promise<void> {
  await q.query('UPDATE vault_secrets SET key_version = $1, wrapped_key = $2 WHERE id = $3', [keyVersion, wrappedKey, id]);
}

/** Rows still not under `toVersion` (except `skip`), locked or not. */
export async function countNotUnder(q: Queryable, toVersion: number, skip: readonly string[]): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM vault_secrets WHERE key_version <> $1 AND NOT (id = ANY($2::uuid[]))', [
    toVersion,
    skip,
  ]);
  return row.n;
}
