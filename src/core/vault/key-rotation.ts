// `switchboard keys rotate`: add a key version (when the source can), re-wrap every data key to
// the active version, and record it on the vendor audit chain — the row is keyed with the new
// version, so the rotation is itself the first event the new key vouches for.
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { createAuditKeys } from '../audit/audit-keys.ts';
import { createKeyring, type KeySource } from './keyring.ts';
import { createVault } from './vault.ts';

export interface RotationResult {
  /** The version added to the source, or null when the source cannot add one (environment). */
  addedVersion: number | null;
  toVersion: number;
  rewrapped: number;
  failed: string[];
}

export async function rotateKeys(db: Db, source: KeySource, opts: { onProgress?: (done: number) => void } = {}): Promise<RotationResult> {
  const addedVersion = source.addVersion ? source.addVersion() : null;
  const keyring = createKeyring(source);
  const r = await createVault(keyring).rewrapAll(db, { onProgress: opts.onProgress });
  await db.tx((q) =>
    appendAudit(
      q,
      {
        workspaceId: null,
        actor: { type: 'operator', id: 'cli' },
        action: 'vault.keys_rotated',
        target: { type: 'key_version', id: String(r.toVersion) },
        outcome: r.failed.length ? 'failure' : 'success',
        // Counts and ids only: which secrets failed authentication, never anything of a secret.
        metadata: {
          added_version: addedVersion,
          to_version: r.toVersion,
          rewrapped: r.rewrapped,
          failed: r.failed.length,
          failed_ids: r.failed.slice(0, 100),
          source: source.description,
        },
      },
      createAuditKeys(keyring),
    ),
  );
  return { addedVersion, ...r };
}
