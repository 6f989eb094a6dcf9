// The advisory locks every node agrees on, by name: one list, so two features never pick the same
// key, and the one place their SQL is written. All are transaction-scoped: a process that dies
// while holding one releases it with its connection.
import type { Queryable } from './database.ts';

const ADVISORY_LOCKS = {
  /** Applying migrations (db/migrate.ts): several nodes starting at once migrate exactly once. */
  migrations: 72_420_001,
  /** Creating, rotating or revoking the vendor token: never two live ones. */
  vendorToken: 72_420_002,
  /** Granting the job library's tables to the application role (concurrent GRANTs fail). */
  jobGrants: 72_420_003,
  /** Writing audit checkpoints: one writer at a time across nodes. */
  auditCheckpoints: 72_420_008,
  /** A pass of the run reaper (src/core/runs/run-reaper.ts): one node at a time ends lost runs. */
  runReaper: 72_420_012,
  /** Writing the key registry, vault_key_versions (a first version, rotate, migrate, retire). */
  keyRegistry: 72_420_017,
  /** Claiming webhook deliveries (src/core/webhooks/delivery-repository.ts): two dispatchers never take one (webhook, scope). */
  webhookClaims: 72_420_015,
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;

/** Waits for the lock; held until the transaction ends. */
export async function lockForTransaction(q: Queryable, lock: AdvisoryLock): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS[lock]]);
}

/** Takes the lock when it is free (held until the transaction ends); false when another holds it. */
export async function tryLockForTransaction(q: Queryable, lock: AdvisoryLock): Promise<boolean> {
  const [row] = await q.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [ADVISORY_LOCKS[lock]]);
  return row.ok;
}
