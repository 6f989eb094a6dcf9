// Builds the real runtime (the same composition main.ts uses) on a test database, with a known
// vendor token, a fresh keyring and fast run heartbeats.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config.ts';
import { SECRET_KEYS } from '../../src/lib/redact.ts';
import type { Core, FeatureModule } from '../../src/modules/index.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { createPostgresTestDatabase, usingPostgres } from './database.ts';

export interface TestRuntime {
  rt: Runtime;
  config: Config;
  vendorToken: string;
  /** Every log line the runtime wrote, for "no secret in any log" assertions. */
  logs: string[];
  env: Record<string, string>;
  /** Stops the runtime but keeps its database and data directory (for CLI tests). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export function newToken(): string {
  return `sbt_${randomBytes(32).toString('base64url')}`;
}

export async function startTestRuntime(
  opts: { env?: Record<string, string>; work?: boolean; extraModules?: (core: Core) => FeatureModule[]; http?: boolean; persistent?: boolean } = {},
): Promise<TestRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-test-'));
  const vendorToken = newToken();
  const pgdb = usingPostgres ? await createPostgresTestDatabase() : null;
  // A KMS as the key source: no keyring file unless the test gives one (a migration test does).
  const kmsSource = opts.env?.SWITCHBOARD_KEY_SOURCE && opts.env.SWITCHBOARD_KEY_SOURCE !== 'keyring';
  const env: Record<string, string> = {
    SWITCHBOARD_DATA_DIR: dir,
    SWITCHBOARD_BOOTSTRAP_TOKEN: vendorToken,
    ...(kmsSource ? {} : { SWITCHBOARD_KEYRING_FILE: join(dir, 'keyring.json') }),
    SWITCHBOARD_RUN_HEARTBEAT_SECONDS: '1',
    SWITCHBOARD_RUN_LEASE_SECONDS: '3',
    SWITCHBOARD_RUN_REAPER_INTERVAL_SECONDS: '1',
    SWITCHBOARD_PUBLIC_URL: 'http://switchboard.test',
    LOG_LEVEL: 'info',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    ...opts.env,
  };
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const logger = pino(
    { level: 'info', redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]).concat(['req.headers.authorization']), censor: '[redacted]' } },
    sink,
  );
  // The embedded default creates its keyring; a server deployment must be given one, as here.
  const { fileKeySource } = await import('../../src/core/vault/key-source-local.ts');
  if (env.SWITCHBOARD_KEYRING_FILE) fileKeySource(env.SWITCHBOARD_KEYRING_FILE, { create: true });
  const rt = await createRuntime(config, {
    http: opts.http ?? true,
    work: opts.work ?? true,
    logger,
    memoryDb: !usingPostgres && !opts.persistent,
    extraModules: opts.extraModules,
    pollingIntervalSeconds: 0.5,
  });
  if (rt.app) await rt.app.ready();
  return {
    rt,
    config,
    vendorToken,
    logs,
    env,
    stop: () => rt.close(),
    async close() {
      await rt.close();
      await pgdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
