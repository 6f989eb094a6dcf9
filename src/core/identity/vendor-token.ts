// Rotating and revoking the vendor (operator) token, from the command line only: whoever runs
// `switchboard vendor-token …` already holds the database and the keyring, which is what the
// vendor token stands for. Both are one transaction, audited on the vendor chain. The advisory
// lock is the bootstrap's, so a node starting at the same time cannot add a second one.
import { lockForTransaction } from '../../db/advisory-locks.ts';
import type { Db, Transaction } from '../../db/database.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { generateToken } from './api-token.ts';
import { insertToken, lockLiveVendorTokens, revokeTokenTrees } from './token-repository.ts';

const ACTOR = { type: 'system', id: 'cli' } as const;

async function revokeLive(q: Transaction): Promise<string[]> {
  const live = await lockLiveVendorTokens(q);
  if (live.length === 0) return [];
  // The vendor mints no recorded children (its tokens carry no parent), so this revokes exactly these.
  return (await revokeTokenTrees(q, { tokenIds: live })).map((r) => r.id);
}

/** A new vendor token (returned once, for printing) replaces every live one in the same transaction. */
export async function rotateVendorToken(db: Db): Promise<{ token: string; id: string; revoked: number }> {
  return db.tx(async (q) => {
    await lockForTransaction(q, 'vendorToken');
    const revoked = await revokeLive(q);
    const gen = generateToken();
    const row = await insertToken(q, {
      workspaceId: null,
      kind: 'vendor',
      name: 'vendor (rotated)',
      hash: gen.hash,
      displayPrefix: gen.displayPrefix,
      createdBy: 'cli',
    });
    await appendAudit(q, {
      workspaceId: null,
      actor: ACTOR,
      action: 'token.vendor_rotated',
      target: { type: 'api_token', id: row.id },
      outcome: 'success',
      metadata: { prefix: gen.displayPrefix, revokedTokenIds: revoked },
    });
    return { token: gen.token, id: row.id, revoked: revoked.length };
  });
}

/** Leaves no vendor token at all; `rotateVendorToken` is the way back (docs/decisions.md). */
export async function revokeVendorToken(db: Db): Promise<{ revoked: number }> {
  return db.tx(async (q) => {
    await lockForTransaction(q, 'vendorToken');
    const revoked = await revokeLive(q);
    if (revoked.length) {
      await appendAudit(q, {
        workspaceId: null,
        actor: ACTOR,
        action: 'token.vendor_revoked',
        target: { type: 'api_token', id: revoked[0] },
        outcome: 'success',
        metadata: { revokedTokenIds: revoked },
      });
    }
    return { revoked: revoked.length };
  });
}
