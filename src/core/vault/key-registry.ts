// vault_key_versions, the registry of key versions (0009_vault_key_versions.sql): which source
// holds each, its KMS-wrapped key, and what is kept of a retired one for audit verification.
// Read by every node's keyring; written by the keyring (first version, local versions it finds),
// `keys rotate`, `keys migrate` and `keys retire`, always as the service's own role.
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

/** The advisory lock every writer of the registry takes (first version, rotate, migrate, retire). */
export const REGISTRY_LOCK = 72_420_017;

const buf = (u: Uint8Array | null) => (u ? Buffer.from(u.buffer, u.byteOffset, u.byteLength) : null);

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
  const r = await q.query('INSERT INTO vault_key_versions (version, source, key_ref, wrapped_kek) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING version', [
    row.version,
    row.source,
    row.keyRef,
    row.wrappedKek,
  ]);
  return r.length === 1;
}

export async function nextKeyVersion(q: Queryable, atLeast = 1): Promise<number> {
  const [r] = await q.query<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM vault_key_versions');
  return Math.max(r.v, atLeast);
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
