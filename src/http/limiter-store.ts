// Where every limit keeps its counters, so that all API nodes of a cluster count together:
// Redis when SWITCHBOARD_REDIS_URL is set, otherwise the PostgreSQL server (the UNLOGGED table of
// migration 0010), otherwise — the embedded database, one process — this process's memory.
// The counting itself is rate-limiter-flexible's (fixed windows, atomic upserts / Lua scripts);
// this file only builds its limiters the same way on each store:
// - `tableCreated: true`: the table comes from a migration, never from DDL at request time;
// - an in-memory block once a key is over its limit (`inMemoryBlockOnConsumed`): until its window
//   ends, this node refuses that key without asking the store again — what a flood of refused
//   requests costs is then one store round trip per node, not one per request;
// - an insurance limiter in this process's memory: if the store fails (Redis restarting), each
//   node counts alone until it is back, instead of failing every request or counting nothing;
// - request limits (`leased`) spend points leased from the store in chunks (leased-limiter.ts),
//   so that a request costs a store round trip only once per chunk.
import { Redis } from 'ioredis';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import { leased } from './leased-limiter.ts';
import type { Limiter } from './limiter.ts';

type LimiterStoreKind = 'memory' | 'postgres' | 'redis';

export interface LimiterStore {
  readonly kind: LimiterStoreKind;
  /**
   * A fixed-window limiter: `points` per `durationSeconds` per key. `name` prefixes its keys, so
   * limiters on one store never share a counter; the same name on two nodes shares them all.
   */
  limiter(name: string, points: number, durationSeconds: number, opts?: { leased?: boolean }): Limiter;
  close(): Promise<void>;
}

/** The table migration 0010 creates. */
const COUNTER_TABLE = 'rate_limit_counters';

export interface LimiterStoreOptions {
  /** Redis URL (SWITCHBOARD_REDIS_URL): takes precedence over the database. */
  redisUrl?: string;
  /** The PostgreSQL pool, when the service runs on a server. */
  pool?: pg.Pool;
  /** Name the store's statements (server-side prepared); false behind a pooler that cannot keep them. */
  preparedStatements?: boolean;
  /** A leased limiter's chunk, in percent of its points (at most LEASE_MAX points; 0: a round trip per request). */
  leasePercent?: number;
  logger: Logger;
}

/** The largest chunk a node leases: bounds what one node can hold unspent, whatever the limit. */
const LEASE_MAX = 100;

/** The chunk a leased limiter of `points` takes from the store at once (1: no lease). */
export function leaseChunk(points: number, percent: number): number {
  return Math.max(1, Math.min(LEASE_MAX, points, Math.floor((points * percent) / 100)));
}

export async function openLimiterStore(opts: LimiterStoreOptions): Promise<LimiterStore> {
  const store = opts.redisUrl
    ? redisStore(await connectRedis(opts.redisUrl, opts.logger))
    : opts.pool
      ? postgresStore(opts.pool, opts.preparedStatements ?? true)
      : memoryStore();
  // In memory a count costs nothing: leases only for the shared stores.
  const percent = store.kind === 'memory' ? 0 : (opts.leasePercent ?? 1);
  return {
    ...store,
    limiter: (name, points, duration, o) => {
      const limiter = store.limiter(name, points, duration);
      return o?.leased ? leased(limiter, leaseChunk(points, percent)) : limiter;
    },
  };
}

function memoryStore(): LimiterStore {
  return {
    kind: 'memory',
    limiter: (name, points, duration) => wrap(new RateLimiterMemory({ keyPrefix: name, points, duration }), points),
    close: async () => {},
  };
}

/** How often a node deletes counters whose window ended over an hour ago (what the library's own timer does). */
const SWEEP_MS = 5 * 60_000;

function postgresStore(pool: pg.Pool, prepared: boolean): LimiterStore {
  // The library names its statements; behind a transaction-mode pooler they must go unnamed.
  const client = { query: (q: pg.QueryConfig) => pool.query(prepared ? q : { text: q.text, values: q.values }) };
  // One sweep per process for the whole table, stopped on close (the library would start one
  // timer per limiter and never stop it).
  const sweep = setInterval(() => {
    pool.query(`DELETE FROM ${COUNTER_TABLE} WHERE expire < $1`, [Date.now() - 3_600_000]).catch(() => {});
  }, SWEEP_MS);
  sweep.unref();
  return {
    kind: 'postgres',
    limiter: (name, points, duration) => {
      const limiter = new RateLimiterPostgres({
        storeClient: client,
        storeType: 'pool',
        tableName: COUNTER_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: name,
        points,
        duration,
        inMemoryBlockOnConsumed: points + 1,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
      });
      return wrap(limiter, points);
    },
    close: async () => clearInterval(sweep),
  };
}

function redisStore(redis: Redis): LimiterStore {
  return {
    kind: 'redis',
    limiter: (name, points, duration) =>
      wrap(
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `switchboard:${name}`,
          points,
          duration,
          // While the connection is down, go straight to the insurance limiter instead of waiting.
          rejectIfRedisNotReady: true,
          inMemoryBlockOnConsumed: points + 1,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
        }),
        points,
      ),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Connects at start: an unreachable Redis stops the process (like a bad variable), never later. */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Commands fail at once while disconnected (the insurance limiter answers), never queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 5000,
  });
  // ioredis reconnects by itself; say so once per outage, never with the URL (it may hold a password).
  let down = false;
  let lastError: Error | undefined;
  redis.on('error', (err: Error) => {
    lastError = err;
    if (down) return;
    down = true;
    logger.warn({ err: { message: err.message } }, 'Redis unreachable: rate limits count per node until it is back');
  });
  redis.on('ready', () => {
    if (down) logger.info('Redis reachable again: rate limits are shared again');
    down = false;
  });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`SWITCHBOARD_REDIS_URL: could not connect to Redis (${(lastError ?? (err as Error)).message})`);
  }
  return redis;
}

function wrap(limiter: RateLimiterAbstract, points: number): Limiter {
  return {
    points,
    consume: (key, n = 1) =>
      limiter.consume(key, n).then(
        (r) => ({ allowed: true, consumed: r.consumedPoints, msBeforeNext: r.msBeforeNext }),
        (r: unknown) => {
          // A refusal is a result; anything else (the insurance limiter failing too) is an error.
          if (!(r instanceof RateLimiterRes)) throw r;
          return { allowed: false, consumed: r.consumedPoints, msBeforeNext: r.msBeforeNext };
        },
      ),
  };
}
