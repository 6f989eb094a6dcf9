// What a feature module is and what it receives. A feature (one contract surface, one provider
// family) is wired in its own file in this folder from the shared core; runtime.ts builds the core,
// asks index.ts for the features, registers their routes and run types, and starts and stops them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { IdentityService } from '../core/identity/identity-service.ts';
import type { RunEngine, RunType } from '../core/runs/run-engine.ts';
import type { Keyring } from '../core/vault/keyring.ts';
import type { Vault } from '../core/vault/vault.ts';
import type { Db } from '../db/database.ts';
import type { Metrics } from '../http/metrics.ts';

/** What a feature module receives: the shared core, nothing more. */
export interface Core {
  config: Config;
  logger: Logger;
  db: Db;
  vault: Vault;
  keyring: Keyring;
  engine: RunEngine;
  identity: IdentityService;
  metrics: Metrics;
  /** True when this process executes operation runs (serve with inline workers, or worker): periodic work belongs here. */
  executesRuns: boolean;
}

/** A feature (one contract surface, one provider family): its routes and the run types it executes. */
export interface FeatureModule {
  name: string;
  /** Typed by its route schemas (request parts and replies follow from them; no casts). */
  routes?: FastifyPluginAsyncTypebox;
  /** The run types it executes, each declaring whether a run may be started again when its worker is lost. */
  runTypes?: Record<string, RunType>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
