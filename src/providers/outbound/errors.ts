// Failures of the outbound client are data with a stable code; messages name what was refused,
// never a URL's query, a header or a body (those may carry credentials).

const OUTBOUND_ERROR_CODES = [
  'invalid_url',
  'unsupported_scheme',
  'insecure_scheme',
  'private_address_refused',
  'host_mismatch',
  'timeout',
  'aborted',
  'network',
] as const;

export type OutboundErrorCode = (typeof OUTBOUND_ERROR_CODES)[number];

export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  constructor(code: OutboundErrorCode, message: string) {
    super(message);
    this.name = 'OutboundError';
    this.code = code;
  }
}

function isOutboundError(value: unknown): value is OutboundError {
  return value instanceof OutboundError;
}

/** Walks an error's `cause` chain (undici wraps connector errors in "fetch failed"). */
export function findOutboundError(error: unknown): OutboundError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth += 1) {
    if (current instanceof OutboundError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
