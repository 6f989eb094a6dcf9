// One small interface over both databases the service runs on: embedded PGlite (in-process,
// single connection) and a PostgreSQL server through a `pg` pool. Repositories take a
// `Queryable` — the transaction they run in — and never know which one is underneath.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { createStatementNamer } from './prepared-statements.ts';
import { isUuid } from '../lib/uuid.ts';

export type Row = Record<string, any>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a parameterless multi-statement script (migrations). */
  exec(sql: string): Promise<void>;
}

/** A transaction in progress: what repositories get, plus a way to end it early. */
export interface Transaction extends Queryable {
  /**
   * Each statement is a round trip to a server (PostgreSQL), not a call into this process
   * (PGlite): one elaborate statement then beats two simple ones, which it does not in-process.
   */
  readonly remote: boolean;
  /**
   * Runs a last statement and COMMIT in one round trip, and ends the transaction: a row lock that
   * statement takes is then held only inside the server, never across a round trip to this
   * process (on a busy node that can be milliseconds, during which every other writer of the row
   * waits). After it, the transaction's other methods refuse to run.
   */
  queryAndCommit<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * A check that opens a workspace transaction: parameterless SQL (validated literals only) sent in
 * the same round trip as BEGIN and the scope, right after them. It must raise an error to refuse
 * the transaction — the statements pipelined behind it then fail with it.
 */
export interface TxGuard {
  sql: string;
  /** Its rows, before the result of any statement of the transaction is returned. */
  passed?(rows: Row[]): void;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** A transaction with the connection's own rights: migrations, workers, the vendor, token lookup. */
  tx<T>(fn: (q: Transaction) => Promise<T>): Promise<T>;
  /**
   * A transaction confined to one workspace by row-level security: it runs as the
   * `switchboard_app` role with `switchboard.workspace_id` set, so a query that forgets its
   * workspace filter still cannot see another workspace's rows.
   */
  workspaceTx<T>(workspaceId: string, fn: (q: Transaction) => Promise<T>, guard?: TxGuard): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const APP_ROLE = 'switchboard_app';

const ended = () => Promise.reject(new Error('the transaction has already been committed by queryAndCommit'));

/** Inlined (not a parameter) so BEGIN and the settings go in one round trip; safe because it is a validated UUID. */
function workspaceScopeSql(workspaceId: string): string {
  if (!isUuid(workspaceId)) throw new Error('workspace id must be a UUID');
  return `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('switchboard.workspace_id', '${workspaceId}', true)`;
}

export interface PgDbOptions {
  /** How many distinct statements may be prepared on the server (0: none); see prepared-statements.ts. */
  preparedStatements?: number;
}

/**
 * Sends statements to a pipelining client in one socket write (the socket is corked while pg
 * queues them). Each promise is attached a handler here, so a statement that fails after an
 * earlier one already failed is never an unhandled rejection; callers await them together.
 */
function batchWrite(client: pg.PoolClient, statements: Array<string | pg.QueryConfig>): Array<Promise<pg.QueryResult>> {
  const socket = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  socket.cork();
  try {
    return statements.map((s) => {
      const p = client.query(s as pg.QueryConfig);
      p.catch(() => {});
      return p;
    });
  } finally {
    socket.uncork();
  }
}

export function createPgDb(pool: pg.Pool, opts: PgDbOptions = {}): Db {
  const nameOf = createStatementNamer(opts.preparedStatements ?? 500);
  // Parameterless statements keep the simple protocol (multi-statement scripts, BEGIN, COMMIT).
  const config = (sql: string, params: readonly unknown[] | undefined): pg.QueryConfig =>
    params === undefined ? { text: sql } : { text: sql, values: params as unknown[], name: nameOf(sql) };
  async function inTx<T>(scope: string, fn: (q: Transaction) => Promise<T>, guard?: TxGuard): Promise<T> {
    const begin = guard ? `${scope}; ${guard.sql}` : scope;
    const client = await pool.connect();
    // pg-pool stops listening for a client's errors while it is checked out; a server restart
    // that terminates the connection between two statements of this transaction would then be an
    // unhandled 'error' event and crash the process. The next statement fails instead (and the
    // broken client is destroyed below), which the error handler answers with a 503.
    const onError = () => {};
    client.on('error', onError);
    // The pool's clients pipeline (connect.ts): BEGIN goes out with the transaction's first
    // statement, and COMMIT with its last when it is sent by queryAndCommit — one write and one
    // round trip each instead of two. Pipelined statements run in order; one that follows a
    // failed BEGIN or scope runs in the aborted transaction and fails too (fails closed).
    let begun = false;
    let committed = false;
    const send = async (statements: Array<string | pg.QueryConfig>): Promise<pg.QueryResult[]> => {
      if (committed) return ended();
      const opening = !begun;
      const batch = opening ? [begin, ...statements] : statements;
      begun = true;
      const results = await Promise.all(batchWrite(client, batch));
      if (opening && guard?.passed) {
        // The opening script answers with one result per statement; the guard's is the last.
        const opened = results[0] as pg.QueryResult | pg.QueryResult[];
        guard.passed((Array.isArray(opened) ? opened[opened.length - 1] : opened).rows);
      }
      return results.slice(batch.length - statements.length);
    };
    const q: Transaction = {
      remote: true,
      query: async (sql, params) => (await send([config(sql, params)]))[0].rows,
      exec: async (sql) => {
        await send([sql]);
      },
      queryAndCommit: async <R extends Row>(sql: string, params?: readonly unknown[]) => {
        const [result] = await send([config(sql, params), 'COMMIT']);
        committed = true;
        return result.rows as R[];
      },
    };
    const release = (broken?: Error) => {
      client.removeListener('error', onError);
      client.release(broken);
    };
    try {
      const result = await fn(q);
      // A transaction that never ran a statement never began.
      if (begun && !committed) await client.query('COMMIT');
      release();
      return result;
    } catch (err) {
      // A connection whose ROLLBACK fails is broken: destroy it instead of returning it to the pool.
      if (begun) await client.query('ROLLBACK').then(() => release(), release);
      else release();
      throw err;
    }
  }
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(config(sql, params))).rows,
    exec: async (sql) => {
      await pool.query(sql);
    },
    tx: (fn) => inTx('BEGIN', fn),
    workspaceTx: (workspaceId, fn, guard) => inTx(workspaceScopeSql(workspaceId), fn, guard),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}

export function createPgliteDb(pglite: PGlite): Db {
  async function inTx<T>(scopeSql: string | null, fn: (q: Transaction) => Promise<T>, guard?: TxGuard): Promise<T> {
    return pglite.transaction(async (tx) => {
      if (scopeSql) await tx.exec(scopeSql.replace(/^BEGIN; /, ''));
      if (guard) {
        const rows = (await tx.query(guard.sql)).rows as Row[];
        guard.passed?.(rows);
      }
      // In-process: there is no round trip to save, the transaction commits when fn returns.
      let committed = false;
      return fn({
        remote: false,
        query: async (sql, params) => (committed ? ended() : ((await tx.query(sql, params as unknown[])).rows as any[])),
        exec: async (sql) => {
          if (committed) return ended();
          await tx.exec(sql);
        },
        queryAndCommit: async (sql, params) => {
          if (committed) return ended();
          const rows = (await tx.query(sql, params as unknown[])).rows as any[];
          committed = true;
          return rows;
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
    workspaceTx: (workspaceId, fn, guard) => inTx(workspaceScopeSql(workspaceId), fn, guard),
    ping: async () => {
      await pglite.query('SELECT 1');
    },
    close: () => pglite.close(),
  };
}
