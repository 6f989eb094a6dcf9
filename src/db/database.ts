// One small interface over both databases the service runs on: embedded PGlite (in-process,
// single connection) and a PostgreSQL server through a `pg` pool. Repositories take a
// `Queryable` — the transaction they run in — and never know which one is underneath.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export type Row = Record<string, any>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a parameterless multi-statement script (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** A transaction with the connection's own rights: migrations, workers, the vendor, token lookup. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * A transaction confined to one workspace by row-level security: it runs as the
   * `switchboard_app` role with `switchboard.workspace_id` set, so a query that forgets its
   * workspace filter still cannot see another workspace's rows.
   */
  workspaceTx<T>(workspaceId: string, fn: (q: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const APP_ROLE = 'switchboard_app';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inlined (not a parameter) so BEGIN and the settings go in one round trip; safe because it is a validated UUID. */
export function workspaceScopeSql(workspaceId: string): string {
  if (!UUID.test(workspaceId)) throw new Error('workspace id must be a UUID');
  return `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('switchboard.workspace_id', '${workspaceId}', true)`;
}

export function createPgDb(pool: pg.Pool): Db {
  async function inTx<T>(begin: string, fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // pg-pool stops listening for a client's errors while it is checked out; a server restart
    // that terminates the connection between two statements of this transaction would then be an
    // unhandled 'error' event and crash the process. The next statement fails instead (and the
    // broken client is destroyed below), which the error handler answers with a 503.
    const onError = () => {};
    client.on('error', onError);
    const q: Queryable = {
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      exec: async (sql) => {
        await client.query(sql);
      },
    };
    try {
      await client.query(begin);
      const result = await fn(q);
      await client.query('COMMIT');
      client.removeListener('error', onError);
      client.release();
      return result;
    } catch (err) {
      // A connection whose ROLLBACK fails is broken: destroy it instead of returning it to the pool.
      await client.query('ROLLBACK').then(
        () => {
          client.removeListener('error', onError);
          client.release();
        },
        (e) => {
          client.removeListener('error', onError);
          client.release(e);
        },
      );
      throw err;
    }
  }
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    exec: async (sql) => {
      await pool.query(sql);
    },
    tx: (fn) => inTx('BEGIN', fn),
    workspaceTx: (workspaceId, fn) => inTx(workspaceScopeSql(workspaceId), fn),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}

export function createPgliteDb(pglite: PGlite): Db {
  async function inTx<T>(scopeSql: string | null, fn: (q: Queryable) => Promise<T>): Promise<T> {
    return pglite.transaction(async (tx) => {
      if (scopeSql) await tx.exec(scopeSql.replace(/^BEGIN; /, ''));
      return fn({
        query: async (sql, params) => (await tx.query(sql, params as unknown[])).rows as any[],
        exec: async (sql) => {
          await tx.exec(sql);
        },
      });
    });
  }
  return {
    kind: 'pglite',
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as any[],
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    tx: (fn) => inTx(null, fn),
    workspaceTx: (workspaceId, fn) => inTx(workspaceScopeSql(workspaceId), fn),
    ping: async () => {
      await pglite.query('SELECT 1');
    },
    close: () => pglite.close(),
  };
}
