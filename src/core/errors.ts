// Errors are data: a stable, namespaced code (`member.last_owner`) and a message that is safe to
// show (never a secret). The codes, their HTTP statuses and default messages are one typed map
// (src/core/error-codes.ts): a code missing from it does not compile.
import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

export type { ErrorCode };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  /** Without a message, the code's default message from the map. */
  constructor(code: ErrorCode, message: string = ERROR_CODES[code].message, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export type NotFoundCode = Extract<ErrorCode, `${string}.not_found`>;
export const notFound = (code: NotFoundCode, message?: string) => new AppError(code, message);
export const forbidden = (capability: string) => new AppError('access.forbidden', `this action needs the "${capability}" capability`, { capability });
const invalid = (code: ErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);
const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);

/** True for a PostgreSQL unique violation, optionally on one named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}
