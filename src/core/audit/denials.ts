// Refused accesses on the audit trail, aggregated so a flood cannot flood the log: each denial is
// counted in a bucket per (principal's chain, principal, action, minute); the first of a bucket is
// audited at once (outcome `denied`), and a sweep writes one summary row with the final count for
// every closed bucket that held more than one. Denials are written in their own transaction (the
// request's own was rolled back) and always on the caller's own chain, as the database enforces.
import type { Logger } from 'pino';
import type { Db, Queryable } from '../../db/database.ts';
import { appendAudit } from './audit-log.ts';
import { noteDenial, takeClosedBuckets } from './audit-repository.ts';

export interface Denial {
  /** The caller's own workspace; null for the vendor (its chain is the vendor chain). */
  workspaceId: string | null;
  actor: { type: string; id: string | null };
  action: string;
  requestId: string | null;
  target?: { type: string; id: string | null };
  metadata?: Record<string, unknown>;
  /** Ids from the request path: the denial counts only if one of them exists in another workspace. */
  probe?: { uuids: string[]; ints: string[] };
}

export interface DenialRecorder {
  /** The bucket's count after this denial (0: a probe that named nothing of another workspace). */
  record(d: Denial): Promise<number>;
  /** Summarises closed buckets (their minute ended before `closedBefore`, default: now). */
  sweep(opts?: { closedBefore?: Date; batch?: number }): Promise<{ buckets: number; summaries: number }>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createDenialRecorder(deps: { db: Db; logger: Logger }): DenialRecorder {
  const { db, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> = Promise.resolve();

  async function note(q: Queryable, d: Denial): Promise<number> {
    const n = await noteDenial(q, { actorType: d.actor.type, actorId: d.actor.id, action: d.action, requestId: d.requestId, probe: d.probe });
    if (n === 1) {
      await appendAudit(q, {
        workspaceId: d.workspaceId,
        actor: d.actor,
        action: d.action,
        target: d.target,
        outcome: 'denied',
        requestId: d.requestId,
        metadata: { ...d.metadata, ...(d.probe ? { cross_workspace: true } : {}) },
      });
    }
    return n;
  }

  async function sweep(opts: { closedBefore?: Date; batch?: number } = {}) {
    let buckets = 0;
    let summaries = 0;
    for (;;) {
      const n = await db.tx(async (q) => {
        const closed = await takeClosedBuckets(q, opts.closedBefore ?? null, opts.batch ?? 200);
        for (const b of closed) {
          if (b.count < 2) continue; // its one denial is already on the chain
          await appendAudit(q, {
            workspaceId: b.workspace_id,
            actor: { type: b.actor_type, id: b.actor_id || null },
            action: b.action,
            outcome: 'denied',
            metadata: { aggregated: true, count: b.count, minute: new Date(b.minute).toISOString(), first_request_id: b.first_request_id },
          });
          summaries++;
        }
        return closed.length;
      });
      buckets += n;
      if (n < (opts.batch ?? 200)) break;
    }
    return { buckets, summaries };
  }

  return {
    record: (d) => (d.workspaceId ? db.workspaceTx(d.workspaceId, (q) => note(q, d)) : db.tx((q) => note(q, d))),
    sweep(opts) {
      const p = sweeping.then(() => sweep(opts));
      sweeping = p.catch(() => {});
      return p;
    },
    start(intervalMs = 15_000) {
      if (timer) return;
      timer = setInterval(() => {
        this.sweep().catch((err) => logger.error({ err: { message: (err as Error).message } }, 'could not summarise audit denial buckets'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping;
    },
  };
}
