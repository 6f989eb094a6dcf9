// `switchboard keys rotate` and `keys migrate --to <source>`: add a key version (in the default
// source, or in the migration's target), re-wrap every data key to it online, and record it on the
// vendor audit chain — the row is keyed with the new version, so the change is itself the first
// event the new key vouches for. A migration is a rotation into another source: afterwards every
// data key is wrapped by a key the target holds, and the old versions can be retired.
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { createAuditKeys } from '../audit/audit-keys.ts';
import { AppError } from '../errors.ts';
import { listKeyVersions } from './key-version-repository.ts';
import type { KeySourceName } from './key-source.ts';
import type { Keyring } from './keyring.ts';
import { createVault } from './vault.ts';

export interface RotationResult {
  /** The version added, or null when the source cannot add one (SWITCHBOARD_KEYRING: added by hand). */
  addedVersion: number | null;
  toVersion: number;
  source: KeySourceName;
  rewrapped: number;
  auditKeys: number;
  failed: string[];
}

export async function rotateKeys(db: Db, keyring: Keyring, opts: { to?: KeySourceName; onProgress?: (done: number) => void } = {}): Promise<RotationResult> {
  const to = opts.to ?? keyring.defaultSource;
  const migrating = opts.to !== undefined;
  const target = keyring.source(to);
  if (!target) throw new AppError('vault.source_not_configured', `${to} is not configured here (see docs/configuration.md, "Keys")`);
  const fromSources = [...new Set((await listKeyVersions(db)).filter((r) => !r.retiredAt).map((r) => r.source))];
  // The environment variable cannot be written: its newest version was added by hand (and registered at load).
  const readOnly = to === 'keyring' && target.description === 'SWITCHBOARD_KEYRING';
  if (readOnly && migrating)
    throw new AppError(
      'vault.source_read_only',
      'cannot migrate into SWITCHBOARD_KEYRING: use a keyring file, or add the version to the variable by hand and run keys rotate',
    );
  const addedVersion = readOnly ? null : await keyring.createVersion(to);
  const r = await createVault(keyring).rewrapAll(db, { onProgress: opts.onProgress });
  await db.tx((q) =>
    appendAudit(
      q,
      {
        workspaceId: null,
        actor: { type: 'operator', id: 'cli' },
        action: migrating ? 'vault.keys_migrated' : 'vault.keys_rotated',
        target: { type: 'key_version', id: String(r.toVersion) },
        outcome: r.failed.length ? 'failure' : 'success',
        // Counts and ids only: which secrets failed authentication, never anything of a secret.
        metadata: {
          added_version: addedVersion,
          to_version: r.toVersion,
          to_source: to,
          from_sources: fromSources,
          rewrapped: r.rewrapped,
          retained_audit_keys_rewrapped: r.auditKeys,
          failed: r.failed.length,
          failed_ids: r.failed.slice(0, 100),
          source: target.description,
        },
      },
      createAuditKeys(keyring),
    ),
  );
  return { addedVersion, toVersion: r.toVersion, source: to, rewrapped: r.rewrapped, auditKeys: r.auditKeys, failed: r.failed };
}
