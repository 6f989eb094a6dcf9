// Writes signed checkpoints of every chain that moved: once it is `everyEvents` events past its
// last checkpoint, or `intervalSeconds` after it, whichever comes first; and once more on a clean
// shutdown. One writer at a time across nodes: each tick runs under a transaction-scoped advisory
// lock and is skipped by any node that does not obtain it. What was last checkpointed is kept in
// memory (seeded from the sink when it can be read), never in the database, so a database owner
// cannot talk the writer out of checkpointing a chain.
import type { Logger } from 'pino';
import { tryLockForTransaction } from '../../db/advisory-locks.ts';
import type { Db } from '../../db/database.ts';
import type { AuditKeys } from './audit-keys.ts';
import { listNonEmptyHeads } from './audit-repository.ts';
import { type Checkpoint, type CheckpointSink, signCheckpoint } from './checkpoints.ts';

export interface CheckpointWriterOptions {
  db: Db;
  keys: AuditKeys;
  sink: CheckpointSink;
  everyEvents: number;
  intervalSeconds: number;
  logger: Logger;
  now?: () => Date;
}

export interface CheckpointWriter {
  /** One pass; `force` checkpoints every chain that moved, whatever the thresholds. */
  tick(opts?: { force?: boolean }): Promise<{ locked: boolean; written: number }>;
  start(): void;
  /** Stops the timer and writes a last checkpoint of what moved. */
  stop(): Promise<void>;
}

export function createCheckpointWriter(o: CheckpointWriterOptions): CheckpointWriter {
  const now = o.now ?? (() => new Date());
  const intervalMs = o.intervalSeconds * 1000;
  const marks = new Map<string, { seq: number; at: number }>();
  const warned = new Map<string, number>();
  let seeded = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  async function seed() {
    if (seeded) return;
    seeded = true;
    if (!o.sink.read) return;
    const { checkpoints } = await o.sink.read();
    for (const c of checkpoints) {
      const m = marks.get(c.chain);
      if (!m || c.seq > m.seq) marks.set(c.chain, { seq: c.seq, at: Date.parse(c.at) || 0 });
    }
  }

  async function pass(force: boolean) {
    return o.db.tx(async (q) => {
      if (!(await tryLockForTransaction(q, 'auditCheckpoints'))) return { locked: false, written: 0 };
      await seed();
      const at = now();
      const due: Checkpoint[] = [];
      for (const head of await listNonEmptyHeads(q)) {
        const m = marks.get(head.chain);
        if (m && head.seq < m.seq) {
          // Signed history says this chain was longer: never paper over it with a shorter checkpoint.
          if (warned.get(head.chain) === head.seq) continue;
          warned.set(head.chain, head.seq);
          o.logger.error(
            { chain: head.chain, head_seq: head.seq, checkpoint_seq: m.seq },
            'audit chain head is behind its last signed checkpoint; run `switchboard audit verify`',
          );
          continue;
        }
        if (m && head.seq === m.seq) continue;
        if (!force && m && head.seq - m.seq < o.everyEvents && at.getTime() - m.at < intervalMs) continue;
        due.push(signCheckpoint(o.keys, { chain: head.chain, seq: head.seq, mac: head.hash }, at));
      }
      // Written while the lock is held, so two nodes never interleave.
      await o.sink.append(due);
      for (const c of due) marks.set(c.chain, { seq: c.seq, at: at.getTime() });
      return { locked: true, written: due.length };
    });
  }

  const tick = (opts: { force?: boolean } = {}) => {
    // Ticks never overlap in one process (a slow sink must not pile them up).
    const p = running.then(() => pass(opts.force ?? false));
    running = p.catch(() => {});
    return p;
  };

  return {
    tick,
    start() {
      if (timer) return;
      // Polling the heads is one small read; the event threshold is noticed within a second.
      timer = setInterval(
        () => {
          tick().catch((err) => o.logger.error({ err: { message: (err as Error).message } }, 'could not write audit checkpoints'));
        },
        Math.min(intervalMs, 1000),
      );
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await tick({ force: true }).catch((err) => o.logger.warn({ err: { message: (err as Error).message } }, 'could not write the last audit checkpoints'));
    },
  };
}
