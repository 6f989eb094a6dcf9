// Walks every chain (or one) and checks it: each keyed row's MAC recomputed with the audit key
// (an edited row, or a chain recomputed without the key, fails), legacy unkeyed rows only as a
// chain's prefix, sequence and previous-MAC links (a deleted row breaks both), the head against
// the last row (a deleted tail). With signed checkpoints it also checks the database against what
// was signed outside it: each checkpointed row still has its MAC, no head is behind its newest
// checkpoint (a rewound head or a cut tail), and no checkpointed chain has vanished (TRUNCATE).
import type { Queryable } from '../../db/database.ts';
import type { Keyring } from '../vault/keyring.ts';
import { type AuditKeys, auditKeysOf, createAuditKeys, isKeyUnavailable } from './audit-keys.ts';
import { GENESIS_HASH, hashEvent, macEvent } from './audit-log.ts';
import { chainsWithoutHead, listHeads, readChainPage } from './audit-repository.ts';
import { type Checkpoint, type CheckpointSink, checkCheckpoint, fileCheckpointSink } from './checkpoints.ts';

type ChainProblemKind =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'sequence_gap'
  | 'head_mismatch'
  | 'head_missing'
  | 'legacy_after_keyed'
  | 'key_unknown'
  | 'checkpoint_malformed'
  | 'checkpoint_key_unknown'
  | 'checkpoint_signature_invalid'
  | 'checkpoint_mismatch'
  | 'checkpoint_row_missing'
  | 'head_behind_checkpoint'
  | 'chain_truncated';

export interface ChainProblem {
  chain: string;
  seq: number | null;
  problem: ChainProblemKind;
  /** Sequence numbers missing from the database, inclusive. */
  missing?: { from: number; to: number };
}

export interface VerifyResult {
  ok: boolean;
  chains: number;
  events: number;
  /** Unkeyed rows from before the keyed chain (a chain's prefix). */
  legacy: number;
  /** Checkpoints read and accepted (null: no checkpoint source was given). */
  checkpoints: { source: string; read: number; valid: number } | null;
  problems: ChainProblem[];
}

export interface VerifyOptions {
  chain?: string;
  /** The audit keys; else derived from `keyring`; else those bound to the Db (the runtime's). */
  keys?: AuditKeys;
  keyring?: Keyring;
  /** Signed checkpoints to check against: a sink that can be read, or a directory of the file sink. */
  checkpoints?: CheckpointSink | string;
}

const PAGE = 1000;

async function loadCheckpoints(source: CheckpointSink | string, keys: () => AuditKeys, only: string | undefined, problems: ChainProblem[]) {
  const sink = typeof source === 'string' ? fileCheckpointSink(source) : source;
  if (!sink.read) throw new Error(`${sink.description} cannot be read back; verify against a copy (--checkpoints <dir>)`);
  const { checkpoints, malformed } = await sink.read();
  for (const line of malformed) problems.push({ chain: '', seq: line, problem: 'checkpoint_malformed' });
  const byChain = new Map<string, Checkpoint[]>();
  let valid = 0;
  for (const c of checkpoints) {
    if (only !== undefined && c.chain !== only) continue;
    const check = checkCheckpoint(keys(), c);
    if (check !== 'ok') {
      problems.push({ chain: c.chain, seq: c.seq, problem: check });
      continue;
    }
    valid++;
    const list = byChain.get(c.chain) ?? [];
    list.push(c);
    byChain.set(c.chain, list);
  }
  for (const list of byChain.values()) list.sort((a, b) => a.seq - b.seq);
  return { byChain, info: { source: sink.description, read: checkpoints.length, valid } };
}

export async function verifyAuditChains(db: Queryable, opts: VerifyOptions = {}): Promise<VerifyResult> {
  let keys: AuditKeys | null = opts.keys ?? (opts.keyring ? createAuditKeys(opts.keyring) : auditKeysOf(db));
  const needKeys = () => {
    if (!keys) throw new Error('verifying keyed audit rows needs the keyring');
    return keys;
  };
  const problems: ChainProblem[] = [];
  const cps = opts.checkpoints === undefined ? null : await loadCheckpoints(opts.checkpoints, needKeys, opts.chain, problems);
  const heads = new Map((await listHeads(db, opts.chain)).map((h) => [h.chain, h]));
  const headless = await chainsWithoutHead(db, opts.chain);
  const chains = [...new Set([...heads.keys(), ...headless, ...(cps?.byChain.keys() ?? [])])].sort();
  let events = 0;
  let legacy = 0;
  for (const chain of chains) {
    const head = heads.get(chain);
    const marks = new Map((cps?.byChain.get(chain) ?? []).map((c) => [c.seq, c]));
    const newest = cps?.byChain.get(chain)?.at(-1);
    let prev: Buffer = GENESIS_HASH;
    let expectedSeq = 1;
    let afterSeq = 0;
    let keyedSeen = false;
    let rows = 0;
    for (;;) {
      const page = await readChainPage(db, chain, afterSeq, PAGE);
      for (const r of page) {
        events++;
        rows++;
        const seq = Number(r.seq);
        if (seq !== expectedSeq) problems.push({ chain, seq, problem: 'sequence_gap', missing: { from: expectedSeq, to: seq - 1 } });
        const stored = Buffer.from(r.hash);
        const storedPrev = Buffer.from(r.prev_hash);
        if (!storedPrev.equals(prev)) problems.push({ chain, seq, problem: 'prev_hash_mismatch' });
        if (r.key_version === null || r.key_version === undefined) {
          legacy++;
          if (keyedSeen) problems.push({ chain, seq, problem: 'legacy_after_keyed' });
          if (!hashEvent(storedPrev, r).equals(stored)) problems.push({ chain, seq, problem: 'hash_mismatch' });
        } else {
          keyedSeen = true;
          let key: Buffer | null = null;
          try {
            key = needKeys().macKey(Number(r.key_version));
          } catch (err) {
            // The version is known but its key cannot be had now (its KMS unreachable): that is
            // no finding about the row, and every later row would be reported too. Stop and say so.
            if (isKeyUnavailable(err)) throw err;
            problems.push({ chain, seq, problem: 'key_unknown' });
          }
          if (key && !macEvent(key, storedPrev, r, Number(r.key_version)).equals(stored)) problems.push({ chain, seq, problem: 'hash_mismatch' });
        }
        const mark = marks.get(seq);
        if (mark) {
          if (mark.mac !== stored.toString('hex')) problems.push({ chain, seq, problem: 'checkpoint_mismatch' });
          marks.delete(seq);
        }
        prev = stored;
        expectedSeq = seq + 1;
        afterSeq = seq;
      }
      if (page.length < PAGE) break;
    }
    const lastSeq = expectedSeq - 1;
    if (rows === 0 && !head && newest) {
      // Checkpoints say this chain had events; the database has neither them nor a head.
      problems.push({ chain, seq: null, problem: 'chain_truncated', missing: { from: 1, to: newest.seq } });
      continue;
    }
    for (const c of marks.values()) problems.push({ chain, seq: c.seq, problem: 'checkpoint_row_missing' });
    if (!head) {
      problems.push({ chain, seq: lastSeq, problem: 'head_missing' });
    } else if (head.seq !== lastSeq || !Buffer.from(head.hash).equals(prev)) {
      problems.push({ chain, seq: head.seq, problem: 'head_mismatch', ...(head.seq > lastSeq ? { missing: { from: lastSeq + 1, to: head.seq } } : {}) });
    }
    if (newest && (head?.seq ?? lastSeq) < newest.seq) {
      const from = Math.min(head?.seq ?? lastSeq, lastSeq) + 1;
      problems.push({ chain, seq: head?.seq ?? null, problem: 'head_behind_checkpoint', missing: { from, to: newest.seq } });
    }
  }
  return { ok: problems.length === 0, chains: chains.length, events, legacy, checkpoints: cps?.info ?? null, problems };
}

/** One line per problem, for the command line. */
export function describeProblem(p: ChainProblem): string {
  const where = p.problem === 'checkpoint_malformed' ? `checkpoint line ${p.seq}` : `chain ${p.chain || '(vendor)'} seq ${p.seq ?? '-'}`;
  return `${where}: ${p.problem}${p.missing ? ` (missing ${p.missing.from}-${p.missing.to})` : ''}`;
}
