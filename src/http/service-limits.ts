// The process's limits, built once (runtime.ts) on the store every node shares: request rate
// limits (rate-limit.ts) and failed-authentication limits (auth-failures.ts), whose reached
// limits are audited on the vendor chain — the client address and the target's public id
// (a SCIM configuration id, an API token's display prefix, a JWT issuer), never token material.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { appendAudit } from '../core/audit/audit-log.ts';
import type { OpenedDb } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
import { type AuthFailureLimiter, createAuthFailureLimiter, type LimitReached } from './auth-failures.ts';
import { type LimiterStore, openLimiterStore } from './limiter-store.ts';
import { createRequestLimits, type RequestLimits } from './rate-limit.ts';

/** Everything the HTTP layer limits with, shared by every surface. */
export interface ServiceLimits {
  store: LimiterStore;
  requests: RequestLimits;
  authFailures: AuthFailureLimiter;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's limits (app.ts decorates the root instance; encapsulated surfaces see it too). */
    limits: ServiceLimits;
  }
}

export async function openServiceLimits(deps: { config: Config; opened: OpenedDb; db: Db; logger: Logger }): Promise<ServiceLimits> {
  const { config, opened, db, logger } = deps;
  const store = await openLimiterStore({
    redisUrl: config.redisUrl,
    pool: opened.raw.kind === 'postgres' ? opened.raw.pool : undefined,
    preparedStatements: config.dbPreparedStatements > 0,
    leasePercent: config.rateLimitLeasePercent,
    logger,
  });
  const requests = createRequestLimits({
    store,
    principalPerMinute: config.rateLimitPerMinute,
    workspacePerMinute: config.workspaceRateLimitPerMinute,
    addressPerMinute: config.addressRateLimitPerMinute,
  });
  const authFailures = createAuthFailureLimiter({
    store,
    limit: config.authFailures.limit,
    addressLimit: config.authFailures.addressLimit,
    windowSeconds: config.authFailures.windowSeconds,
    onLimitReached: (event) => auditLimitReached(db, logger, event),
  });
  return { store, requests, authFailures, close: () => store.close() };
}

/** One row per key and window on the vendor chain (the client belongs to no workspace). */
function auditLimitReached(db: Db, logger: Logger, e: LimitReached): Promise<void> {
  const target = e.target ? { type: e.target.type, id: e.target.id } : { type: 'address', id: e.address };
  return db
    .tx((q) =>
      appendAudit(q, {
        workspaceId: null,
        actor: { type: 'address', id: e.address },
        action: 'auth.too_many_failures',
        target,
        outcome: 'denied',
        metadata: { failures: e.failures, window_seconds: e.windowSeconds, limit: e.target ? 'per_target' : 'per_address' },
      }),
    )
    .then(
      () => logger.warn({ address: e.address, target, failures: e.failures }, 'failed-authentication limit reached'),
      (err) => logger.error({ err: { message: (err as Error).message }, address: e.address, target }, 'could not audit a reached failed-authentication limit'),
    );
}
