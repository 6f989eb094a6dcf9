// vault_key_versions, the registry of key versions (0011_vault_key_versions.sql): which source
// holds each, its KMS-wrapped key, and what is kept of a retired one for audit verification. SQL
// only: nothing here sees a plaintext key. Read by every node's keyring; written by the keyring
// (first version, local versions it finds), `keys rotate`, `keys migrate` and `keys retire`,
// always as the service's own role and under the keyRegistry advisory lock.
import { lockForTransaction } from '../../db/advisory-locks.ts';
import type { Queryable } from '../../db/database.ts';
import type { KeySourceName } from './key-source.ts';

export interface RegistryRow {
  version: number;
  source: KeySourceName;
  keyRef: string | null;
  wrappedKek: Buffer | null;
  createdAt: Date;
  retiredAt: Date | null;
  auditKeyVersion: number | null;
  auditKeyWrapped: Buffer | null;
  checkpointPublicKey: Buffer | null;
}

const buf = (u: Uint8Array | null) => (u ? Buffer.from(u.buffer, u.byteOffset, u.byteLength) : null);

/** Every writer of the registry takes it first: versions are numbered and retired one writer at a time. */
export const lockRegistry = (q: Queryable) => lockForTransaction(q, 'keyRegistry');

export async function listKeyVersions(q: Queryable): Promise<RegistryRow[]> {
  const rows = await q.query(
    `SELECT version, source, key_ref, wrapped_kek, created_at, retired_at, audit_key_version, audit_key_wrapped, checkpoint_public_key
     FROM vault_key_versions ORDER BY version`,
  );
  return rows.map((r) => ({
    version: r.version,
    source: r.source,
    keyRef: r.key_ref,
    wrappedKek: buf(r.wrapped_kek),
    createdAt: new Date(r.created_at),
    retiredAt: r.retired_at ? new Date(r.retired_at) : null,
    auditKeyVersion: r.audit_key_version,
    auditKeyWrapped: buf(r.audit_key_wrapped),
    checkpointPublicKey: buf(r.checkpoint_public_key),
  }));
}

/** Changes when a version is added or retired: what nodes poll to notice the CLI's work. */
export async function registryGeneration(q: Queryable): Promise<string> {
  const [r] = await q.query<{ g: string }>(
    `SELECT coalesce(max(version), 0) || ':' || count(*) FILTER (WHERE retired_at IS NOT NULL) || ':' || count(*) AS g FROM vault_key_versions`,
  );
  return r.g;
}

export async function insertKeyVersion(
  q: Queryable,
  row: { version: number; source: KeySourceName; keyRef: string | null; wrappedKek: Buffer | null },
): Promise<boolean> {
  const r = await q.query(
    'INSERT INTO vault_key_versions (version, source, key_ref, wrapped_kek) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING version',
    [row.version, row.source, row.keyRef, row.wrappedKek],
  );
  return r.length === 1;
}

export async function nextKeyVersion(q: Queryable, atLeast = 1): Promise<number> {
  const [r] = await q.query<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM vault_key_versions');
  return Math.max(r.v, atLeast);
}

/** The newest version not retired (null: none). */
export async function newestLiveVersion(q: Queryable): Promise<number | null> {
  const [r] = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM vault_key_versions WHERE retired_at IS NULL');
  return r.v;
}

/** Data keys per version, and retained audit keys per wrapping version: what `keys status` shows and `retire` checks. */
export async function keyUsage(q: Queryable): Promise<Map<number, { dataKeys: number; auditKeys: number }>> {
  const out = new Map<number, { dataKeys: number; auditKeys: number }>();
  for (const r of await q.query<{ v: number; n: number }>('SELECT key_version AS v, count(*)::int AS n FROM vault_secrets GROUP BY key_version')) {
    out.set(r.v, { dataKeys: r.n, auditKeys: 0 });
  }
  for (const r of await q.query<{ v: number; n: number }>(
    'SELECT audit_key_version AS v, count(*)::int AS n FROM vault_key_versions WHERE audit_key_version IS NOT NULL GROUP BY audit_key_version',
  )) {
    out.set(r.v, { dataKeys: out.get(r.v)?.dataKeys ?? 0, auditKeys: r.n });
  }
  return out;
}

/**
 * What `version` still wraps, counted under a SHARE lock on vault_secrets: it waits for every
 * transaction writing a secret and holds new ones until the caller's transaction ends, so no seal
 * can slip in under the version between this count and its retirement.
 */
export async function lockedUsageOf(q: Queryable, version: number): Promise<{ dataKeys: number; auditKeys: number }> {
  await q.query('LOCK TABLE vault_secrets IN SHARE MODE');
  const [use] = await q.query<{ data_keys: number; audit_keys: number }>(
    `SELECT (SELECT count(*)::int FROM vault_secrets WHERE key_version = $1) AS data_keys,
            (SELECT count(*)::int FROM vault_key_versions WHERE audit_key_version = $1) AS audit_keys`,
    [version],
  );
  return { dataKeys: use.data_keys, auditKeys: use.audit_keys };
}

/** Retires a version: its wrapped key goes; what audit verification needs of it is kept. */
export async function markRetired(
  q: Queryable,
  version: number,
  kept: { auditKeyVersion: number; auditKeyWrapped: Buffer; checkpointPublicKey: Buffer },
): Promise<void> {
  await q.query(
    `UPDATE vault_key_versions SET retired_at = now(), wrapped_kek = NULL, audit_key_version = $2, audit_key_wrapped = $3, checkpoint_public_key = $4 WHERE version = $1`,
    [version, kept.auditKeyVersion, kept.auditKeyWrapped, kept.checkpointPublicKey],
  );
}

/** Retired versions whose kept audit key is wrapped under another version than `toVersion`, locked for re-wrapping. */
export async function lockRetainedAuditKeysNotUnder(
  q: Queryable,
  toVersion: number,
): Promise<Array<{ version: number; auditKeyVersion: number; auditKeyWrapped: Buffer }>> {
  const rows = await q.query<{ version: number; audit_key_version: number; audit_key_wrapped: Uint8Array }>(
    'SELECT version, audit_key_version, audit_key_wrapped FROM vault_key_versions WHERE audit_key_version IS NOT NULL AND audit_key_version <> $1 FOR UPDATE',
    [toVersion],
  );
  return rows.map((r) => ({ version: r.version, auditKeyVersion: r.audit_key_version, auditKeyWrapped: buf(r.audit_key_wrapped)! }));
}

export async function storeRetainedAuditKey(q: Queryable, version: number, auditKeyVersion: number, auditKeyWrapped: Buffer): Promise<void> {
  await q.query('UPDATE vault_key_versions SET audit_key_version = $1, audit_key_wrapped = $2 WHERE version = $3', [auditKeyVersion, auditKeyWrapped, version]);
}
