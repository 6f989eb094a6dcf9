// `switchboard keys status` and `keys retire vN`: what the key versions are, where each lives,
// how many data keys each still wraps; and the end of a version. Retirement is refused while any
// data key (or a retained audit key) is still wrapped by the version, and is safe against a node
// sealing under it at that moment: the count runs under a SHARE lock on vault_secrets, which waits
// for every transaction writing a secret and holds new ones until the version is marked retired,
// after which no seal can use it (vault.ts checks the version in the INSERT itself). The key is
// then destroyed — removed from the keyring file, or its KMS-wrapped form deleted — keeping only
// what verifying the audit trail needs: the chain's MAC key for that version (wrapped under the
// active version) and its checkpoint public key.
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { auditVerificationKeys, createAuditKeys } from '../audit/audit-keys.ts';
import { AppError } from '../errors.ts';
import { keyUsage, listKeyVersions, lockedUsageOf, lockRegistry, markRetired, newestLiveVersion } from './key-version-repository.ts';
import type { KeySourceName } from './key-source.ts';
import { type Keyring, wrapRetainedAuditKey } from './keyring.ts';

interface KeyVersionReport {
  version: number;
  source: KeySourceName;
  keyRef: string | null;
  state: 'active' | 'available' | 'unavailable' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
  dataKeys: number;
  /** Retired versions' audit keys wrapped by this version. */
  auditKeys: number;
  reason?: string;
}

export interface KeyStatus {
  defaultSource: KeySourceName;
  activeVersion: number;
  versions: KeyVersionReport[];
  totalDataKeys: number;
  /** Share of data keys on the active version, 0–100 (100 with no data keys). */
  percentOnActive: number;
}

export async function keyStatus(db: Db, keyring: Keyring): Promise<KeyStatus> {
  await keyring.reload();
  const usage = await keyUsage(db);
  const active = keyring.activeVersion();
  const versions = keyring.status().map((s) => ({
    version: s.version,
    source: s.source,
    keyRef: s.keyRef,
    state: s.version === active && s.state === 'available' ? ('active' as const) : s.state,
    createdAt: s.createdAt,
    retiredAt: s.retiredAt,
    dataKeys: usage.get(s.version)?.dataKeys ?? 0,
    auditKeys: usage.get(s.version)?.auditKeys ?? 0,
    ...(s.reason ? { reason: s.reason } : {}),
  }));
  // Data keys on a version the registry does not know (rows copied in from elsewhere) count too.
  const totalDataKeys = [...usage.values()].reduce((n, u) => n + u.dataKeys, 0);
  const onActive = usage.get(active)?.dataKeys ?? 0;
  const percentOnActive = totalDataKeys === 0 ? 100 : Math.floor((onActive / totalDataKeys) * 1000) / 10;
  return { defaultSource: keyring.defaultSource, activeVersion: active, versions, totalDataKeys, percentOnActive };
}

export interface RetireResult {
  version: number;
  source: KeySourceName;
  /** Whether the key material was destroyed in its source (false: the environment variable, to edit by hand). */
  removed: boolean;
  note?: string;
}

export async function retireKeyVersion(db: Db, keyring: Keyring, version: number): Promise<RetireResult> {
  await keyring.reload();
  const row = (await listKeyVersions(db)).find((r) => r.version === version);
  if (!row) throw new AppError('vault.key_not_found', `there is no key version ${version}`);
  if (row.retiredAt) throw new AppError('vault.key_already_retired', `key version ${version} was retired on ${row.retiredAt.toISOString()}`);
  const active = keyring.activeVersion();
  if (version === active) throw new AppError('vault.key_in_use', `key version ${version} is the active version: run keys rotate first, then retire it`);
  // What verification keeps needs the key itself, and the active key to wrap it: both must be at hand.
  const kept = auditVerificationKeys(keyring.key(version));
  await db.tx(async (q) => {
    await lockRegistry(q);
    const use = await lockedUsageOf(q, version);
    if (use.dataKeys > 0 || use.auditKeys > 0) {
      throw new AppError(
        'vault.key_in_use',
        `key version ${version} still wraps ${use.dataKeys} data keys${use.auditKeys ? ` and ${use.auditKeys} retained audit keys` : ''}: run keys rotate (or keys migrate) until keys status says 100% on v${active}, then retire it`,
        { data_keys: use.dataKeys, audit_keys: use.auditKeys },
      );
    }
    if ((await newestLiveVersion(q)) !== active) throw new AppError('vault.key_conflict', 'the key versions changed while retiring; run it again');
    await markRetired(q, version, {
      auditKeyVersion: active,
      auditKeyWrapped: wrapRetainedAuditKey(keyring.key(active), active, version, kept.macKey),
      checkpointPublicKey: kept.checkpointPublicKey,
    });
    await appendAudit(
      q,
      {
        workspaceId: null,
        actor: { type: 'operator', id: 'cli' },
        action: 'vault.key_retired',
        target: { type: 'key_version', id: String(version) },
        outcome: 'success',
        metadata: { version, source: row.source, key_ref: row.keyRef, active_version: active },
      },
      createAuditKeys(keyring),
    );
  });
  kept.macKey.fill(0);
  // Only now that no row can need it: the key itself goes (a failure here leaves a key nobody uses, never a secret without its key).
  const source = keyring.source(row.source);
  const forgotten = source ? await source.forget(version) : { removed: false, note: `${row.source} is not configured here; nothing else to remove` };
  await keyring.reload();
  return { version, source: row.source, removed: forgotten.removed, ...(forgotten.note ? { note: forgotten.note } : {}) };
}
