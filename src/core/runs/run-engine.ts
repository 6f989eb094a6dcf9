// Executes operation runs on pg-boss (an established Postgres job library). pg-boss delivers
// jobs; operation_runs stays the domain record. Workers send heartbeats on the runs they hold;
// every worker also reaps runs whose heartbeat went stale (their worker died), so no run stays
// "running" forever.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { OpenedDb } from '../../db/connect.ts';
import type { Db, Queryable } from '../../db/database.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { AppError } from '../errors.ts';
import type { RunRecord } from './run-record.ts';
import { claimRun, completeRun, grantJobTablesToAppRole, heartbeat, reapLostRuns, type RunCompletion, saveProgress } from './run-repository.ts';
import type { JobEnqueuer } from './run-service.ts';

const RUN_QUEUE = 'operation-runs';

interface RunProgress {
  done?: number;
  total?: number;
  message?: string;
}

export interface RunExecutionContext {
  run: RunRecord;
  db: Db;
  signal: AbortSignal;
  logger: Logger;
  /** Saved at most once a second; the last call before completion is always saved. */
  progress(p: RunProgress): Promise<void>;
}

export type RunExecutor = (ctx: RunExecutionContext) => Promise<RunCompletion>;

export interface RunEngineOptions {
  opened: OpenedDb;
  logger: Logger;
  concurrency: number;
  heartbeatSeconds: number;
  staleSeconds: number;
  pollingIntervalSeconds?: number;
}

export interface RunEngine extends JobEnqueuer {
  readonly workerId: string;
  register(type: string, executor: RunExecutor): void;
  start(opts: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  reapNow(): Promise<RunRecord[]>;
}

/** Failure text stored on a run: a stable code and a short message, never a stack or a secret. */
function sanitizeFailure(err: unknown): { reasonCode: string; message: string } {
  if (err instanceof AppError) return { reasonCode: err.code, message: err.message.slice(0, 500) };
  const e = err as { reasonCode?: string; code?: string; message?: string };
  if (typeof e?.reasonCode === 'string') return { reasonCode: e.reasonCode, message: String(e.message ?? '').slice(0, 500) };
  return { reasonCode: 'unknown_error', message: 'The operation failed unexpectedly; see the service log for details.' };
}

export function createRunEngine(opts: RunEngineOptions): RunEngine {
  const { opened, logger } = opts;
  const db = opened.db;
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const executors = new Map<string, RunExecutor>();
  const active = new Map<number, AbortController>();
  const timers: NodeJS.Timeout[] = [];
  let working = false;

  const boss =
    opened.raw.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(opened.raw.pglite), backend: 'pglite', schedule: false })
      : new PgBoss({ connectionString: opened.raw.url, max: 3, schedule: false });
  boss.on('error', (err: Error) => logger.warn({ err: { message: err.message } }, 'job library error'));

  /**
   * The job is in this worker's hands: when the database is unreachable (a restart), wait for it
   * instead of dropping the job. A dropped claim would leave the run queued with no worker to take
   * it, and a dropped completion would have the run reaped as worker_lost although it finished.
   */
  async function whileDatabaseDown<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isDatabaseUnavailable(err) || attempt >= 60) throw err;
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5000)));
      }
    }
  }

  async function execute(runId: number): Promise<void> {
    const run = await whileDatabaseDown(() => db.tx((q) => claimRun(q, runId, workerId)));
    if (!run) return; // already taken, finished or reaped
    const executor = executors.get(run.type);
    const controller = new AbortController();
    active.set(run.id, controller);
    let lastSaved = 0;
    let pending: RunProgress | null = null;
    const ctx: RunExecutionContext = {
      run,
      db,
      signal: controller.signal,
      logger: logger.child({ run_id: run.id, run_type: run.type }),
      async progress(p) {
        pending = p;
        if (Date.now() - lastSaved < 1000) return;
        lastSaved = Date.now();
        pending = null;
        await saveProgress(db, run.id, p);
      },
    };
    let completion: RunCompletion;
    try {
      if (!executor) throw new AppError('invalid_state', `no executor is registered for run type "${run.type}"`);
      completion = await executor(ctx);
    } catch (err) {
      const f = sanitizeFailure(err);
      if (!(err instanceof AppError)) ctx.logger.error({ err }, 'operation run failed');
      completion = { outcome: controller.signal.aborted ? 'cancelled' : 'failed', reasonCode: f.reasonCode, failureSummary: f.message };
    }
    if (pending) await saveProgress(db, run.id, pending).catch(() => {});
    // Still in `active` until the outcome is stored, so heartbeats keep it from being reaped.
    try {
      await whileDatabaseDown(() => db.tx((q) => completeRun(q, run.id, completion)));
    } finally {
      active.delete(run.id);
    }
  }

  async function reapNow(): Promise<RunRecord[]> {
    const reaped = await db.tx((q) => reapLostRuns(q, opts.staleSeconds));
    for (const r of reaped) logger.warn({ run_id: r.id, worker_id: r.worker_id }, 'operation run lost its worker; finished as failed');
    return reaped;
  }

  return {
    workerId,
    register(type, executor) {
      executors.set(type, executor);
    },
    async enqueue(q: Queryable, runId: number) {
      await boss.send(RUN_QUEUE, { runId }, { db: { executeSql: async (text: string, values?: unknown[]) => ({ rows: await q.query(text, values) }) } });
    },
    async start({ work }) {
      await boss.start();
      await boss.createQueue(RUN_QUEUE, { retryLimit: 0, expireInSeconds: 6 * 3600 });
      // Runs are enqueued inside workspace transactions, which run as the row-level-security
      // role; it needs to write jobs (pg-boss's own tables carry no workspace data).
      await db.tx(grantJobTablesToAppRole);
      if (!work) return;
      working = true;
      await boss.work<{ runId: number }>(
        RUN_QUEUE,
        { localConcurrency: opts.concurrency, batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 },
        async ([job]) => {
          await execute(Number(job.data.runId));
        },
      );
      const beat = setInterval(() => {
        heartbeat(db, [...active.keys()], workerId).catch((err) => logger.warn({ err: { message: err.message } }, 'heartbeat failed'));
        reapNow().catch((err) => logger.warn({ err: { message: err.message } }, 'reaper failed'));
      }, opts.heartbeatSeconds * 1000);
      beat.unref();
      timers.push(beat);
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      for (const c of active.values()) c.abort();
      await boss.stop({ graceful: working, timeout: 5000, close: true } as never).catch(() => {});
    },
    reapNow,
  };
}
