// Errors are data: a stable, namespaced code (`connection.not_found`) and a message that is
// safe to show (never a secret). HTTP statuses are decided in one place: src/http/error-status.ts.
export class AppError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string, message = `${what.replace(/_/g, ' ')} not found`) => new AppError(`${what}.not_found`, message);
export const forbidden = (capability: string) =>
  new AppError('access.forbidden', `this action needs the "${capability}" capability`, { capability });
export const invalid = (code: string, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);

/** True for a PostgreSQL unique violation, optionally on one named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}
