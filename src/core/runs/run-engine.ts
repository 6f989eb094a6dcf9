// Executes operation runs on pg-boss (an established Postgres job library). pg-boss delivers
// jobs; operation_runs stays the domain record. A worker holds each run it claimed under a lease
// and renews it with its heartbeats; every process runs the reaper (run-reaper.ts), which ends the
// runs whose worker died — running ones whose lease expired, queued ones whose job was taken and
// never claimed — so no run stays queued or running forever.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { OpenedDb } from '../../db/connect.ts';
import type { Db, Queryable } from '../../db/database.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { inSpan, jobTracing } from '../../lib/tracing.ts';
import { AppError } from '../errors.ts';
import type { RunProgress, RunRecord } from './run-record.ts';
import { createRunReaper, type ReapReport } from './run-reaper.ts';
import { claimRun, completeRun, grantJobTablesToAppRole, type HeldRun, renewLeases, type RunCompletion, saveProgress } from './run-repository.ts';
import type { JobEnqueuer, StartDisposition } from './run-service.ts';

const RUN_QUEUE = 'operation-runs';

export interface RunExecutionContext {
  run: RunRecord;
  db: Db;
  signal: AbortSignal;
  logger: Logger;
  /** Saved at most once a second; the last call before completion is always saved. */
  progress(p: RunProgress): Promise<void>;
}

export type RunExecutor = (ctx: RunExecutionContext) => Promise<RunCompletion>;

/** A run type as a feature declares it: how it executes, and what may happen when its worker dies. */
export interface RunType {
  execute: RunExecutor;
  /**
   * Whether the reaper may start a run of this type again after its worker was lost. True only
   * when a second attempt is harmless: the work reads from the outside system (or writes to it
   * idempotently) and what it writes here is keyed by the run. False for anything that changes
   * an outside system in a way a repeat would change again.
   */
  retryWhenWorkerLost: boolean;
}

export interface RunEngineOptions {
  opened: OpenedDb;
  /** The database every run write goes through (with the audit keys bound: the reaper audits). */
  db: Db;
  logger: Logger;
  concurrency: number;
  heartbeatSeconds: number;
  leaseSeconds: number;
  reaperIntervalSeconds: number;
  maxAttempts: number;
  pollingIntervalSeconds?: number;
  /** Told about every run the reaper ended (metrics). */
  onLost?: (lost: ReapReport['lost']) => void;
  /** Told how each start request was decided (metrics). */
  onStarted?: (type: string, disposition: StartDisposition) => void;
  /** Told about every run this worker finished and whose outcome it stored, with its execution time (metrics). */
  onFinished?: (type: string, outcome: RunCompletion['outcome'], seconds: number) => void;
}

export interface RunEngine extends JobEnqueuer {
  readonly workerId: string;
  register(type: string, runType: RunType): void;
  start(opts: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** One reaper pass now; `at` replaces the database clock (tests). */
  reapNow(at?: Date): Promise<ReapReport>;
}

/** Failure text stored on a run: a stable code and a short message, never a stack or a secret. */
function sanitizeFailure(err: unknown): { reasonCode: string; message: string } {
  if (err instanceof AppError) return { reasonCode: err.code, message: err.message.slice(0, 500) };
  const e = err as { reasonCode?: string; code?: string; message?: string };
  if (typeof e?.reasonCode === 'string') return { reasonCode: e.reasonCode, message: String(e.message ?? '').slice(0, 500) };
  return { reasonCode: 'unknown_error', message: 'The operation failed unexpectedly; see the service log for details.' };
}

export function createRunEngine(opts: RunEngineOptions): RunEngine {
  const { opened, logger, db } = opts;
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const runTypes = new Map<string, RunType>();
  const active = new Map<number, { held: HeldRun; controller: AbortController }>();
  const timers: NodeJS.Timeout[] = [];
  let working = false;

  // pg-boss's own OpenTelemetry support (when tracing is on): a PRODUCER span at send, the trace
  // context stored on the job, and the worker's CONSUMER span continuing that trace — one trace
  // from the request that started a run to its execution on whichever node takes it.
  const openTelemetry = jobTracing();
  const boss =
    opened.raw.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(opened.raw.pglite), backend: 'pglite', schedule: false, openTelemetry })
      : new PgBoss({ connectionString: opened.raw.url, max: 3, schedule: false, openTelemetry });
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

  async function enqueue(q: Queryable, runId: number, jobId: string) {
    await boss.send(
      RUN_QUEUE,
      { runId },
      { id: jobId, db: { executeSql: async (text: string, values?: unknown[]) => ({ rows: await q.query(text, values) }) } },
    );
  }

  const reaper = createRunReaper({
    db,
    queue: RUN_QUEUE,
    leaseSeconds: opts.leaseSeconds,
    maxAttempts: opts.maxAttempts,
    // A type this process does not know is never started again: nobody declared it safe.
    retryWhenWorkerLost: (type) => runTypes.get(type)?.retryWhenWorkerLost === true,
    newJobId: randomUUID,
    enqueue,
    logger,
  });

  async function reapNow(at?: Date): Promise<ReapReport> {
    const report = await reaper.reap(at);
    if (report.lost.length) opts.onLost?.(report.lost);
    return report;
  }

  /** Renews this worker's leases; a run the reaper ended meanwhile is no longer ours: stop it. */
  async function beat(): Promise<void> {
    const held = [...active.values()].map((a) => a.held);
    const renewed = new Set(await renewLeases(db, held, opts.leaseSeconds));
    for (const h of held) {
      const a = active.get(h.id);
      if (renewed.has(h.id) || !a || a.controller.signal.aborted) continue;
      logger.warn({ run_id: h.id }, 'operation run was ended by the reaper while this worker held it (lease lost); stopping it');
      a.controller.abort();
    }
  }

  async function execute(runId: number): Promise<void> {
    const run = await whileDatabaseDown(() => db.tx((q) => claimRun(q, runId, workerId, opts.leaseSeconds)));
    if (!run) return; // already taken, finished or reaped
    const claimedAt = performance.now();
    const held: HeldRun = { id: Number(run.id), leaseToken: run.lease_token! };
    const executor = runTypes.get(run.type)?.execute;
    const controller = new AbortController();
    active.set(held.id, { held, controller });
    let lastSaved = 0;
    let pending: RunProgress | null = null;
    // Saves one after another, and all of them done before the completion: a save still on its
    // way when the run completes would find it no longer running and change nothing.
    let saving: Promise<unknown> = Promise.resolve();
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
        const save = saving.then(() => saveProgress(db, held, p));
        saving = save.catch(() => {});
        await save;
      },
    };
    let completion: RunCompletion;
    try {
      if (!executor) throw new AppError('invalid_state', `no executor is registered for run type "${run.type}"`);
      completion = await inSpan(`operation run ${run.type}`, { attributes: { 'switchboard.run.id': held.id, 'switchboard.run.type': run.type } }, () =>
        executor(ctx),
      );
    } catch (err) {
      const f = sanitizeFailure(err);
      if (!(err instanceof AppError)) ctx.logger.error({ err }, 'operation run failed');
      completion = { outcome: controller.signal.aborted ? 'cancelled' : 'failed', reasonCode: f.reasonCode, failureSummary: f.message };
    }
    await saving;
    if (pending) await saveProgress(db, held, pending).catch(() => {});
    // Still in `active` until the outcome is stored, so heartbeats keep the lease.
    try {
      const stored = await whileDatabaseDown(() => db.tx((q) => completeRun(q, held, completion)));
      // The reaper ended it first (this worker was cut off past its lease): its ending stands.
      if (!stored) ctx.logger.warn({ outcome: completion.outcome }, 'operation run outcome discarded: the run was ended by the reaper (lease lost)');
      else opts.onFinished?.(run.type, completion.outcome, (performance.now() - claimedAt) / 1000);
    } finally {
      active.delete(held.id);
    }
  }

  return {
    workerId,
    register(type, runType) {
      runTypes.set(type, runType);
    },
    enqueue,
    started: (type, disposition) => opts.onStarted?.(type, disposition),
    async start({ work }) {
      await boss.start();
      await boss.createQueue(RUN_QUEUE, { retryLimit: 0, expireInSeconds: 6 * 3600 });
      // Runs are enqueued inside workspace transactions, which run as the row-level-security
      // role; it needs to write jobs (pg-boss's own tables carry no workspace data).
      await db.tx(grantJobTablesToAppRole);
      // Every process reaps, API-only ones too: when all workers are gone, their runs still end
      // and their scopes are freed (the lock keeps it to one pass at a time).
      const reap = setInterval(() => {
        reapNow().catch((err) => logger.warn({ err: { message: err.message } }, 'reaper failed'));
      }, opts.reaperIntervalSeconds * 1000);
      reap.unref();
      timers.push(reap);
      if (!work) return;
      working = true;
      await boss.work<{ runId: number }>(
        RUN_QUEUE,
        { localConcurrency: opts.concurrency, batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 },
        async ([job]) => {
          await execute(Number(job.data.runId));
        },
      );
      const heartbeat = setInterval(() => {
        beat().catch((err) => logger.warn({ err: { message: err.message } }, 'heartbeat failed'));
      }, opts.heartbeatSeconds * 1000);
      heartbeat.unref();
      timers.push(heartbeat);
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      for (const a of active.values()) a.controller.abort();
      await boss.stop({ graceful: working, timeout: 5000, close: true } as never).catch(() => {});
    },
    reapNow,
  };
}
