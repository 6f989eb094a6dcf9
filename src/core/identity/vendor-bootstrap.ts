// The vendor (operator) principal's first token. SWITCHBOARD_BOOTSTRAP_TOKEN, when set, becomes
// it on first start; otherwise one is generated and handed back once for printing. Several nodes
// starting together agree through an advisory lock, so exactly one vendor token is created.
import { lockForTransaction } from '../../db/advisory-locks.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { generateToken, hashToken, looksLikeApiToken, TOKEN_PREFIX } from './api-token.ts';
import { insertToken, vendorTokenExists } from './token-repository.ts';

export async function ensureVendorToken(db: Db, bootstrapToken?: string): Promise<{ created: boolean; generatedToken?: string }> {
  if (bootstrapToken && !looksLikeApiToken(bootstrapToken)) {
    throw new AppError('config.invalid', `SWITCHBOARD_BOOTSTRAP_TOKEN must start with "${TOKEN_PREFIX}" followed by at least 22 URL-safe base64 characters`);
  }
  return db.tx(async (q) => {
    await lockForTransaction(q, 'vendorToken');
    // A revoked vendor token counts: after `switchboard vendor-token revoke` (or a rotation) a
    // restart with SWITCHBOARD_BOOTSTRAP_TOKEN still set must not bring the old token back.
    if (await vendorTokenExists(q)) return { created: false };
    const gen = bootstrapToken
      ? { token: bootstrapToken, hash: hashToken(bootstrapToken), displayPrefix: bootstrapToken.slice(0, TOKEN_PREFIX.length + 6) }
      : generateToken();
    const row = await insertToken(q, {
      workspaceId: null,
      kind: 'vendor',
      name: 'vendor bootstrap',
      hash: gen.hash,
      displayPrefix: gen.displayPrefix,
      createdBy: 'system',
    });
    await appendAudit(q, {
      workspaceId: null,
      actor: { type: 'system', id: 'switchboard' },
      action: 'token.vendor_bootstrapped',
      target: { type: 'api_token', id: row.id },
      outcome: 'success',
      metadata: { source: bootstrapToken ? 'SWITCHBOARD_BOOTSTRAP_TOKEN' : 'generated' },
    });
    return bootstrapToken ? { created: true } : { created: true, generatedToken: gen.token };
  });
}
