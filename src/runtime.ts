// The composition root's body: config → database (migrated) → vault → job engine → services →
// feature modules (src/modules/) → HTTP app. main.ts (serve / worker) and the tests both build through here, so
// what is tested is what runs.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import type { App } from './http/app-type.ts';
import type { Config } from './config.ts';
import { createIdentityService } from './core/identity/identity-service.ts';
import { ensureVendorToken } from './core/identity/vendor-bootstrap.ts';
import { createRunEngine } from './core/runs/run-engine.ts';
import { countActiveRuns } from './core/runs/run-repository.ts';
import { keyCacheFromConfig, keySourcesFromConfig } from './core/vault/key-sources-config.ts';
import { type Keyring, openKeyring } from './core/vault/keyring.ts';
import { createVault } from './core/vault/vault.ts';
import { type OpenedDb, openDatabase } from './db/connect.ts';
import { checkConnectionRole } from './db/connection-role.ts';
import { prepareDataDir } from './db/data-dir.ts';
import type { Db } from './db/database.ts';
import { migrate, migrationsPending } from './db/migrate.ts';
import { type Authenticator, createAuthenticator } from './http/authenticate.ts';
import { appendAudit } from './core/audit/audit-log.ts';
import { bindAuditKeys, createAuditKeys } from './core/audit/audit-keys.ts';
import { createMetrics } from './http/metrics.ts';
import { isLoopback } from './http/metrics-access.ts';
import { createOidcVerifier } from './http/oidc.ts';
import { openServiceLimits } from './http/service-limits.ts';
import { createLogger } from './logger.ts';
import { type Core, type FeatureModule, featureModules } from './modules/index.ts';

export interface Runtime extends Core {
  opened: OpenedDb;
  authenticator: Authenticator;
  modules: FeatureModule[];
  app: App | null;
  /** Set on the first start without SWITCHBOARD_BOOTSTRAP_TOKEN: print it once. */
  generatedVendorToken?: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Serve HTTP (false for a worker-only process). */
  http: boolean;
  /** Execute runs in this process. */
  work: boolean;
  logger?: Logger;
  /** Tests: an in-memory embedded database. */
  memoryDb?: boolean;
  /** Tests: extra modules (e.g. a run type used only by a test). */
  extraModules?: (core: Core) => FeatureModule[];
  pollingIntervalSeconds?: number;
}

export async function createRuntime(config: Config, opts: RuntimeOptions): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  // An embedded data directory open to other users is refused before a key is written into it.
  if (!config.databaseUrl && !opts.memoryDb) prepareDataDir(config.dataDir);
  // Refuse to start without a key source before touching the database.
  const sources = keySourcesFromConfig(config, { create: !config.databaseUrl });
  const opened = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    preparedStatements: config.dbPreparedStatements,
    memory: opts.memoryDb,
  });
  const closers: Array<() => Promise<unknown>> = [() => opened.db.close()];
  try {
    const { applied } = await migrate(opened.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await checkConnectionRole(opened.db, logger);
    // The keyring reads the key registry (so it needs the migrated database) and unwraps KMS keys.
    const keyring = await openKeyring({
      db: opened.db,
      sources,
      defaultSource: config.keys.source,
      cache: keyCacheFromConfig(config),
      logger,
      background: true,
    });
    closers.unshift(async () => keyring.close());
    logger.info({ key_sources: sources.map((s) => s.description), active_key_version: keyring.activeVersion() }, 'keyring loaded');
    // Every transaction of this Db keys its audit rows with this keyring (src/core/audit/audit-keys.ts).
    const db = bindAuditKeys(opened.db, createAuditKeys(keyring));
    if (keyring.createdAtStart !== null) await auditKeyCreatedAtStart(db, keyring, keyring.createdAtStart);
    // Rate limits and failed-authentication limits, on counters every node shares (before
    // anything else starts: an unreachable Redis stops the start here).
    const limits = opts.http ? await openServiceLimits({ config, opened, db, logger }) : null;
    if (opts.http && !config.metricsToken && !isLoopback(config.host))
      logger.warn(
        { host: config.host },
        `/metrics is served without authentication on ${config.host}, beyond this machine: set SWITCHBOARD_METRICS_TOKEN (or keep the port to a trusted network)`,
      );
    if (limits) closers.unshift(() => limits.close());
    const vault = createVault(keyring);
    // The queue-depth gauge reads the runs table at each scrape (with the connection's own rights: every workspace).
    const metrics = createMetrics({ queueDepth: () => db.tx(countActiveRuns) });
    const engine = createRunEngine({
      opened,
      db,
      logger,
      concurrency: config.workerConcurrency,
      heartbeatSeconds: config.runHeartbeatSeconds,
      leaseSeconds: config.runLeaseSeconds,
      reaperIntervalSeconds: config.runReaperIntervalSeconds,
      maxAttempts: config.runMaxAttempts,
      pollingIntervalSeconds: opts.pollingIntervalSeconds,
      onLost: (lost) => {
        for (const l of lost) {
          metrics.runsLost.inc({ type: l.run.type, phase: l.phase, retried: l.retry ? 'yes' : 'no' });
          if (l.retry) metrics.runsStarted.inc({ type: l.run.type, disposition: 'retried' });
        }
      },
      onStarted: (type, disposition) => metrics.runsStarted.inc({ type, disposition }),
      onFinished: (type, outcome, seconds) => metrics.runDuration.observe({ type, outcome }, seconds),
    });
    const identity = createIdentityService({ db });
    const core: Core = { config, logger, db, vault, keyring, engine, identity, metrics, executesRuns: opts.work };
    const modules = [...featureModules(core), ...(opts.extraModules?.(core) ?? [])];
    for (const m of modules) for (const [type, rt] of Object.entries(m.runTypes ?? {})) engine.register(type, rt);
    await engine.start({ work: opts.work });
    closers.unshift(() => engine.stop());
    for (const m of modules) {
      await m.start?.();
      if (m.stop) closers.unshift(() => m.stop!());
    }
    // Only a process that serves HTTP makes the vendor token: it is the one that prints a generated
    // token and accepts it. A worker that started first would otherwise create one nobody ever sees.
    const bootstrap: { generatedToken?: string } = opts.http ? await ensureVendorToken(db, config.bootstrapToken) : {};
    const authenticator = createAuthenticator({ db, verifyOidc: config.oidc ? createOidcVerifier(config.oidc) : undefined });
    closers.unshift(() => authenticator.close());
    let app: App | null = null;
    if (limits) {
      // Serving HTTP (opts.http).
      app = await buildApp({
        config,
        logger,
        authenticator,
        limits,
        metrics,
        ready: async () => {
          const checks: Record<string, string> = {};
          try {
            await db.ping();
            checks.database = 'ok';
            const pending = await migrationsPending(db);
            checks.migrations = pending === 0 ? 'ok' : `${pending} pending`;
          } catch {
            checks.database = 'unreachable';
          }
          // Not ready while the active key cannot be had (a KMS down past the cache): secrets would fail closed.
          const active = keyring.status().find((k) => k.version === keyring.activeVersion());
          checks.keys = active?.state === 'available' ? 'ok' : `key version ${active?.version ?? '?'} unavailable`;
          return { ok: Object.values(checks).every((v) => v === 'ok'), checks };
        },
        surfaces: modules.flatMap((m) => (m.routes ? [m.routes] : [])),
      });
      const a = app;
      closers.unshift(() => a.close());
    }
    return {
      ...core,
      opened,
      authenticator,
      modules,
      app,
      generatedVendorToken: bootstrap.generatedToken,
      async close() {
        for (const c of closers) await c().catch((err) => logger.warn({ err: { message: (err as Error).message } }, 'error while closing'));
      },
    };
  } catch (err) {
    // What was started so far (the limits' Redis connection, the engine, …) and the database.
    for (const c of closers) await c().catch(() => {});
    throw err;
  }
}

/** A first start on a KMS made key version 1 there: the vendor chain records it (its first row is keyed by it). */
async function auditKeyCreatedAtStart(db: Db, keyring: Keyring, version: number): Promise<void> {
  const row = keyring.status().find((k) => k.version === version);
  await db.tx((q) =>
    appendAudit(q, {
      workspaceId: null,
      actor: { type: 'system', id: 'startup' },
      action: 'vault.key_created',
      target: { type: 'key_version', id: String(version) },
      outcome: 'success',
      metadata: { version, source: row?.source, key_ref: row?.keyRef ?? null },
    }),
  );
}
