// Whether an error means the database cannot be reached or dropped the connection (the server is
// stopped or restarting): something to answer 503 for, or to wait out, never a bug. pg reports
// some of these only by message: a pooled client whose connection broke mid-transaction answers
// "Client has encountered a connection error and is not queryable" to its next statement.
const DB_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && DB_DOWN.has(e.code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return (/connect|terminat|Connection/i.test(message) && /ECONN|timeout|terminat/i.test(message)) || /is not queryable|Connection terminated/i.test(message);
}
