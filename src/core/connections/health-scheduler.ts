// Periodic health checks. Each tick claims the connections whose next check is due in one UPDATE
// (FOR UPDATE SKIP LOCKED, advancing next_health_check_at by the interval plus jitter), so several
// nodes never start the same check twice; startRun's dedupe would make a duplicate harmless anyway.
// A connection whose last failure was authentication_failed is skipped until its credential
// changes (checks_paused_for holds the failing credential's fingerprint), so a wrong secret is not
// retried into an account lockout.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../access/principal.ts';
import type { JobEnqueuer } from '../runs/run-service.ts';
import type { Keyring } from '../vault/keyring.ts';
import { findConnection } from './connection-repository.ts';
import { purgeConsentStates } from './consent-repository.ts';
import { platformCredential, platformFingerprint } from './credentials.ts';
import { startConnectionRun } from './run-start.ts';

export interface SchedulerDeps {
  db: Db;
  engine: JobEnqueuer;
  config: Config;
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
  const { healthCheckIntervalSeconds: interval, healthCheckJitterSeconds: jitter } = config.microsoft;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;

  async function claimDue(): Promise<Array<{ id: string; workspace_id: string }>> {
    const platformReady = platformCredential(config) !== null;
    return db.tx((q) =>
      q.query<{ id: string; workspace_id: string }>(
        `UPDATE provider_connections SET next_health_check_at = now() + make_interval(secs => $1 + random() * $2)
         WHERE id IN (
           SELECT id FROM provider_connections
           WHERE status <> 'disabled'
             AND coalesce(next_health_check_at, '-infinity') <= now()
             AND (connection_type = 'dedicated' AND credential_kind IS NOT NULL
                  OR connection_type = 'platform' AND $3::boolean AND consent_status = 'granted')
             AND (checks_paused_for IS NULL
                  OR checks_paused_for IS DISTINCT FROM (CASE WHEN connection_type = 'platform' THEN $4 ELSE credential_fingerprint END))
           ORDER BY next_health_check_at NULLS FIRST
           LIMIT $5
           FOR UPDATE SKIP LOCKED)
         RETURNING id, workspace_id`,
        [Math.max(interval, 1), jitter, platformReady, platformFingerprint(deps.keyring, config), deps.batchSize ?? 100],
      ),
    );
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
          .finally(() => (busy = false)).catch((err) => logger.warn({ err: { message: (err as Error).message } }, 'health check scheduler tick failed'));
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
