// The one place error codes become HTTP statuses: read from the typed map of codes
// (src/core/error-codes.ts), where each code names its status and default message.
import { ERROR_CODES, type ErrorCode } from '../core/error-codes.ts';

export function statusForCode(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}
