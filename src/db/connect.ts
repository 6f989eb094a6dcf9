// Opens the database the configuration names: a PostgreSQL server when DATABASE_URL is set,
// otherwise embedded PGlite under the data directory (or in memory, for tests).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { EMBEDDED_UMASK, prepareDataDir, tightenTree } from './data-dir.ts';
import { createPgDb, createPgliteDb, type Db } from './database.ts';
import { withQuerySpans } from './query-spans.ts';

// int8 ids and counts fit in a double for every value this service creates; JSON wants numbers.
const INT8 = 20;
pg.types.setTypeParser(INT8, (v) => Number(v));

export interface OpenedDb {
  db: Db;
  /** The raw handle, for the job library's adapter. */
  raw: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; pool: pg.Pool; url: string };
}

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  preparedStatements?: number;
  memory?: boolean;
}): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // Fail fast while the server is down instead of queueing requests forever.
      connectionTimeoutMillis: 5000,
      // Statements queued on a client are written without waiting for the previous answer; a
      // transaction uses it to send BEGIN with its first statement (database.ts). Each statement
      // keeps its own sync point, so one failing never swallows the next one's error.
      pipeline: true,
    } as pg.PoolConfig);
    // An idle client losing its server (restart) must not crash the process.
    pool.on('error', () => {});
    return { db: createPgDb(pool, { preparedStatements: opts.preparedStatements }), raw: { kind: 'postgres', pool, url: opts.databaseUrl } };
  }
  let pglite: PGlite;
  if (opts.memory) {
    pglite = await PGlite.create({ parsers: { [INT8]: (v: string) => Number(v) } });
  } else {
    const dataDir = opts.dataDir ?? './data';
    prepareDataDir(dataDir);
    // PGlite creates its files with modes that pass through the process umask (initdb's are
    // 0666/0777, later ones 0644 or 0600), and keeps creating them as it runs (WAL segments, new
    // relations). So the process keeps umask 077 from here on, and what an earlier version or
    // an older umask left behind is tightened once it is open.
    process.umask(EMBEDDED_UMASK);
    const dir = join(dataDir, 'pg');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    pglite = await PGlite.create(dir, { parsers: { [INT8]: (v: string) => Number(v) } });
    tightenTree(dir);
  }
  return { db: withQuerySpans(createPgliteDb(pglite)), raw: { kind: 'pglite', pglite } };
}
