// The embedded database's statements as spans. PostgreSQL through `pg` is traced by
// @opentelemetry/instrumentation-pg; PGlite runs in this process and has no instrumentation, so
// when tracing is on (and only then: connect.ts decides) its Db is wrapped here to record the
// same: one span per statement, named by its operation, with the SQL text (placeholders, never the
// parameters). Spans only inside a request or a run, as the pg instrumentation is configured.
import { inSpan, tracingOn } from '../lib/tracing.ts';
import type { Db, Transaction } from './database.ts';

const operationOf = (sql: string) => /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';

function spanned<T>(sql: string, run: () => Promise<T>): Promise<T> {
  return inSpan(
    `pglite.query:${operationOf(sql)}`,
    { kind: 'client', attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'pglite', 'db.query.text': sql }, requireParent: true },
    run,
  );
}

function wrapTransaction(t: Transaction): Transaction {
  return {
    remote: t.remote,
    query: (sql, params) => spanned(sql, () => t.query(sql, params)),
    exec: (sql) => spanned(sql, () => t.exec(sql)),
    queryAndCommit: (sql, params) => spanned(sql, () => t.queryAndCommit(sql, params)),
  };
}

export function withQuerySpans(db: Db): Db {
  if (!tracingOn()) return db;
  // A plain object of own members: callers spread a Db to wrap it again (audit-keys.ts).
  return {
    kind: db.kind,
    query: (sql, params) => spanned(sql, () => db.query(sql, params)),
    exec: (sql) => spanned(sql, () => db.exec(sql)),
    tx: (fn) => db.tx((t) => fn(wrapTransaction(t))),
    workspaceTx: (workspaceId, fn, guard) => db.workspaceTx(workspaceId, (t) => fn(wrapTransaction(t)), guard),
    ping: () => spanned('SELECT 1', () => db.ping()),
    close: () => db.close(),
  };
}
