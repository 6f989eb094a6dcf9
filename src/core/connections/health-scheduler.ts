// Periodic health checks. Each tick claims the connections whose next check is due in one UPDATE
// (claimDueHealthChecks: FOR UPDATE SKIP LOCKED, advancing next_health_check_at by the interval
// plus jitter, check-schedule.ts), so several
// nodes never start the same check twice; startRun's dedupe would make a duplicate harmless anyway.
// A connection whose last failure was authentication_failed is skipped until its credential
// changes (checks_paused_for holds the failing credential's fingerprint), so a wrong secret is not
// retried into an account lockout.
import type { MicrosoftConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../access/principal.ts';
import type { JobEnqueuer } from '../runs/run-service.ts';
import type { Keyring } from '../vault/keyring.ts';
import { checkInterval } from './check-schedule.ts';
import { claimDueHealthChecks, findConnection } from './connection-repository.ts';
import { purgeConsentStates } from './consent-repository.ts';
import { platformCredential, platformFingerprint } from './credentials.ts';
import { startConnectionRun } from './run-start.ts';

export interface SchedulerDeps {
  db: Db;
  engine: JobEnqueuer;
  /** The schedule, and the platform app (platform connections are checked only when it is configured). */
  config: { microsoft: Pick<MicrosoftConfig, 'healthCheckIntervalSeconds' | 'healthCheckJitterSeconds' | 'platformClientId' | 'platformClientSecret'> };
  keyring: Keyring;
  logger: Logger;
  batchSize?: number;
}

export interface HealthScheduler {
  /** Claims due connections and starts their checks; returns the connection ids started. */
  tick(): Promise<string[]>;
  start(): void;
  stop(): Promise<void>;
}

export function createHealthScheduler(deps: SchedulerDeps): HealthScheduler {
  const { db, config, logger } = deps;
  const interval = config.microsoft.healthCheckIntervalSeconds;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;

  async function claimDue(): Promise<Array<{ id: string; workspace_id: string }>> {
    const claim = {
      interval: checkInterval(config.microsoft),
      platformReady: platformCredential(config) !== null,
      platformFingerprint: platformFingerprint(deps.keyring, config),
      limit: deps.batchSize ?? 100,
    };
    return db.tx((q) => claimDueHealthChecks(q, claim));
  }

  async function tick(): Promise<string[]> {
    const started: string[] = [];
    for (const due of await claimDue()) {
      try {
        await db.workspaceTx(due.workspace_id, async (q) => {
          const c = await findConnection(q, { id: due.id });
          if (!c) return;
          const r = await startConnectionRun(q, deps, c, 'healthCheck', SYSTEM_ACTOR, null);
          if (r.disposition === 'created') started.push(c.id);
        });
      } catch (err) {
        logger.warn({ connection_id: due.id, err: { message: (err as Error).message } }, 'periodic health check could not start');
      }
    }
    await db.tx((q) => purgeConsentStates(q)).catch(() => {});
    return started;
  }

  return {
    tick,
    start() {
      if (interval <= 0 || timer) return;
      // Ticks often enough to honour the interval; the due time itself lives in the database.
      const every = Math.min(Math.max((interval * 1000) / 2, 500), 60_000);
      timer = setInterval(() => {
        if (busy) return; // a slow tick is not stacked on by the next one
        busy = true;
        running = tick()
          .finally(() => (busy = false))
          .catch((err) => logger.warn({ err: { message: (err as Error).message } }, 'health check scheduler tick failed'));
      }, every);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
