// The stable reason codes every provider adapter maps its outcomes to (DESIGN.md "Providers").
// Provider-specific detail goes under `ext.<provider>.<detail>` so the core set stays closed.
const CORE_REASON_CODES = [
  'ok',
  'missing_configuration',
  'permission_denied',
  'authentication_failed',
  'throttled',
  'dependency_unreachable',
  'invalid_state',
  'unknown_error',
] as const;

type CoreReasonCode = (typeof CORE_REASON_CODES)[number];
export type ReasonCode = CoreReasonCode | `ext.${string}.${string}`;

export function isReasonCode(value: string): value is ReasonCode {
  return (CORE_REASON_CODES as readonly string[]).includes(value) || /^ext\.[a-z0-9_-]+\.[a-z0-9_.-]+$/.test(value);
}

/** The outcome of one provider call, already sanitized: `message` never carries a secret. */
export interface ProviderCheckResult {
  reasonCode: ReasonCode;
  message: string;
  /** Provider-specific, secret-free details (ids, counts, HTTP status). */
  details?: Record<string, unknown>;
  latencyMs?: number;
}
