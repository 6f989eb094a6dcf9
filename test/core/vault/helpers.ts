// Shared by the KMS tests: a migrated database of its own (PGlite in memory, or a fresh
// PostgreSQL database with DATABASE_URL), the key sources a node configured for one KMS builds,
// a clock the test moves, and a logger that keeps its lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config.ts';
import { keyCacheFromConfig, keySourcesFromConfig } from '../../../src/core/vault/key-sources-config.ts';
import { type Keyring, type LogLike, openKeyring } from '../../../src/core/vault/keyring.ts';
import { openDatabase } from '../../../src/db/connect.ts';
import type { Db } from '../../../src/db/database.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { type KmsName, type RunningKms, startKms } from '../../simulators/kms/index.ts';
import { createPostgresTestDatabase, usingPostgres } from '../../helpers/database.ts';

export interface KmsFixture {
  kms: RunningKms;
  db: Db;
  dir: string;
  clock: { now: number; advance(ms: number): void };
  logs: Array<{ level: string; obj: object; msg: string }>;
  env: Record<string, string>;
  /** A node's keyring for this KMS, on the test's clock, without background timers. */
  openNode(extraEnv?: Record<string, string>): Promise<Keyring>;
  close(): Promise<void>;
}

const CACHE_ENV = { SWITCHBOARD_KEY_CACHE_TTL_SECONDS: '60', SWITCHBOARD_KEY_REFRESH_SECONDS: '10', SWITCHBOARD_KEY_RETRY_SECONDS: '1' };

export async function kmsFixture(name: KmsName): Promise<KmsFixture> {
  const dir = mkdtempSync(join(tmpdir(), `sb-kms-${name}-`));
  const kms = await startKms(name, dir);
  const pg = usingPostgres ? await createPostgresTestDatabase() : null;
  const { db } = await openDatabase(pg ? { databaseUrl: pg.url } : { memory: true });
  await migrate(db);
  const clock = { now: Date.now(), advance: (ms: number) => void (clock.now += ms) };
  const logs: KmsFixture['logs'] = [];
  const logger: LogLike = {
    info: (obj, msg) => void logs.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void logs.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void logs.push({ level: 'error', obj, msg }),
  };
  const env = {
    SWITCHBOARD_KEY_SOURCE: name,
    SWITCHBOARD_DATA_DIR: dir,
    SWITCHBOARD_KMS_TIMEOUT_MS: '1500',
    SWITCHBOARD_KMS_MAX_ATTEMPTS: '1',
    ...CACHE_ENV,
    ...kms.env,
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  };
  const nodes: Keyring[] = [];
  return {
    kms,
    db,
    dir,
    clock,
    logs,
    env,
    async openNode(extraEnv = {}) {
      const config = loadConfig({ ...env, ...extraEnv } as NodeJS.ProcessEnv);
      const k = await openKeyring({
        db,
        sources: keySourcesFromConfig(config, { create: true }),
        defaultSource: config.keys.source,
        cache: keyCacheFromConfig(config),
        logger,
        now: () => clock.now,
      });
      nodes.push(k);
      return k;
    },
    async close() {
      for (const k of nodes) k.close();
      await db.close();
      await kms.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
