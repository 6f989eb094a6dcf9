// Walks every chain (or one) and recomputes each hash: an edited row breaks its own hash, a
// deleted row breaks the sequence and the next row's prev_hash, a deleted tail no longer
// matches the chain head.
import type { Db } from '../../db/database.ts';
import { type AuditRow, GENESIS_HASH, hashEvent } from './audit-log.ts';

export interface ChainProblem {
  chain: string;
  seq: number | null;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch';
}

export interface VerifyResult {
  ok: boolean;
  chains: number;
  events: number;
  problems: ChainProblem[];
}

const PAGE = 1000;

export async function verifyAuditChains(db: Db, opts: { chain?: string } = {}): Promise<VerifyResult> {
  const heads = await db.query<{ chain: string; seq: number; hash: Uint8Array }>(
    opts.chain === undefined ? 'SELECT chain, seq, hash FROM audit_chain_heads ORDER BY chain' : 'SELECT chain, seq, hash FROM audit_chain_heads WHERE chain = $1',
    opts.chain === undefined ? [] : [opts.chain],
  );
  const problems: ChainProblem[] = [];
  let events = 0;
  for (const head of heads) {
    let prev: Buffer = GENESIS_HASH;
    let expectedSeq = 1;
    let afterSeq = 0;
    for (;;) {
      const rows = await db.query<AuditRow>(
        'SELECT * FROM audit_events WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [head.chain, afterSeq, PAGE],
      );
      for (const r of rows) {
        events++;
        const seq = Number(r.seq);
        if (seq !== expectedSeq) problems.push({ chain: head.chain, seq, problem: 'sequence_gap' });
        if (!Buffer.from(r.prev_hash).equals(prev)) problems.push({ chain: head.chain, seq, problem: 'prev_hash_mismatch' });
        const recomputed = hashEvent(Buffer.from(r.prev_hash), r);
        if (!recomputed.equals(Buffer.from(r.hash))) problems.push({ chain: head.chain, seq, problem: 'hash_mismatch' });
        prev = Buffer.from(r.hash);
        expectedSeq = seq + 1;
        afterSeq = seq;
      }
      if (rows.length < PAGE) break;
    }
    if (Number(head.seq) !== expectedSeq - 1 || !Buffer.from(head.hash).equals(prev)) {
      problems.push({ chain: head.chain, seq: Number(head.seq), problem: 'head_mismatch' });
    }
  }
  return { ok: problems.length === 0, chains: heads.length, events, problems };
}
