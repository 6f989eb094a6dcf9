// The reaper: ends the runs no worker will finish as failed / worker_lost, and starts them again
// where their run type says a second attempt is harmless. Every process runs it on a timer; the
// advisory lock makes one pass run at a time across the cluster (a second node skips its turn, it
// does not wait). Each pass is one transaction: the endings, the retries, their jobs and their
// audit rows commit together or not at all.
import type { Logger } from 'pino';
import { tryLockForTransaction } from '../../db/advisory-locks.ts';
import type { Db, Queryable } from '../../db/database.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { endExpiredLeases, endUnclaimedRuns, insertRetry, type LostPhase, noteRetry } from './lost-runs.ts';
import type { RunRecord } from './run-record.ts';

/** At most this many runs per phase per pass; a larger backlog of lost runs takes several passes. */
const BATCH = 200;
const REAPER = { type: 'system', id: 'run-reaper' } as const;

interface LostRun {
  run: RunRecord;
  phase: LostPhase;
  /** The run that does the work again, or null (not safe to retry, out of attempts, or scope taken). */
  retry: RunRecord | null;
}

export interface ReapReport {
  /** Another node held the reaper's lock: this pass did nothing. */
  skipped: boolean;
  lost: LostRun[];
}

export interface RunReaperOptions {
  db: Db;
  queue: string;
  leaseSeconds: number;
  /** A run is started at most this many times in all (the first attempt included). */
  maxAttempts: number;
  retryWhenWorkerLost(type: string): boolean;
  newJobId(): string;
  enqueue(q: Queryable, runId: number, jobId: string): Promise<void>;
  logger: Logger;
}

export function createRunReaper(o: RunReaperOptions) {
  async function retryOf(q: Queryable, run: RunRecord): Promise<RunRecord | null> {
    if (!o.retryWhenWorkerLost(run.type) || Number(run.attempt) >= o.maxAttempts) return null;
    const jobId = o.newJobId();
    const retry = await insertRetry(q, run, jobId);
    if (!retry) return null;
    await o.enqueue(q, retry.id, jobId);
    await noteRetry(q, run.id, retry.id);
    await appendAudit(q, {
      workspaceId: run.workspace_id,
      actor: REAPER,
      action: 'operation_run.started',
      target: { type: 'operation_run', id: String(retry.id) },
      outcome: 'success',
      metadata: { type: run.type, disposition: 'retried', retry_of: Number(run.id), attempt: Number(retry.attempt), scope: run.scope_key },
    });
    return retry;
  }

  /** One pass. `at` replaces the database clock (tests); production passes nothing. */
  async function reap(at?: Date): Promise<ReapReport> {
    const report = await o.db.tx(async (q): Promise<ReapReport> => {
      if (!(await tryLockForTransaction(q, 'runReaper'))) return { skipped: true, lost: [] };
      const ended: Array<{ run: RunRecord; phase: LostPhase }> = [
        ...(await endExpiredLeases(q, at ?? null, BATCH)).map((run) => ({ run, phase: 'running' as const })),
        ...(await endUnclaimedRuns(q, o.queue, o.leaseSeconds, at ?? null, BATCH)).map((run) => ({ run, phase: 'queued' as const })),
      ];
      const lost: LostRun[] = [];
      for (const e of ended) {
        const retry = await retryOf(q, e.run);
        await appendAudit(q, {
          workspaceId: e.run.workspace_id,
          actor: REAPER,
          action: 'operation_run.worker_lost',
          target: { type: 'operation_run', id: String(e.run.id) },
          outcome: 'failure',
          metadata: {
            type: e.run.type,
            phase: e.phase,
            worker_id: e.run.worker_id,
            attempt: Number(e.run.attempt),
            retried_as: retry ? Number(retry.id) : null,
          },
        });
        lost.push({ ...e, retry });
      }
      return { skipped: false, lost };
    });
    for (const l of report.lost)
      o.logger.warn(
        { run_id: l.run.id, run_type: l.run.type, phase: l.phase, worker_id: l.run.worker_id, retried_as: l.retry?.id ?? null },
        'operation run lost its worker; ended as failed / worker_lost',
      );
    return report;
  }

  return { reap };
}
