// A one-shot command's database (migrated) and keyring (no background refresh, never creating a first version).
import type { Config } from '../config.ts';
import { keyCacheFromConfig, keySourcesFromConfig } from '../core/vault/key-sources-config.ts';
import { type Keyring, type LogLike, openKeyring } from '../core/vault/keyring.ts';
import type { Db } from '../db/database.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';

export async function withKeyring<T>(config: Config, logger: LogLike, fn: (db: Db, keyring: Keyring) => Promise<T>): Promise<T> {
  const sources = keySourcesFromConfig(config, { create: false });
  const { db } = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const cache = keyCacheFromConfig(config);
    // A KMS that does not answer the first call gets as long as a serving node's cache lasts (at most a minute).
    const keyring = await openKeyring({
      db,
      sources,
      defaultSource: config.keys.source,
      cache,
      logger,
      createFirst: false,
      waitForKeysMs: Math.min(cache.ttlMs, 60_000),
    });
    try {
      return await fn(db, keyring);
    } finally {
      keyring.close();
    }
  } finally {
    await db.close();
  }
}
