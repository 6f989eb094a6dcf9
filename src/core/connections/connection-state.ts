// The connection's state rules in one place: what a check's outcome does to status, health,
// consent and the periodic-check pause. Pure functions; the callers persist the patch.
//
//   ok                         → connected / ok (consent is proven: a token was issued)
//   ok with gaps               → connected / degraded (some permissions missing, Graph 403)
//   consent missing or revoked → needs_consent / down  (AADSTS700016, 65001, 90094; no roles)
//   authentication_failed      → error / down, periodic checks paused for this credential
//   throttled                  → health degraded, status unchanged (transient)
//   dependency_unreachable     → health down, status unchanged (transient)
//   anything else              → error / down
// A disabled connection stays disabled whatever a check says: only an explicit update changes it.
import type { ConnectionPatch } from './connection-repository.ts';
import type { ConnectionRecord, ConnectionStatus } from './connection-record.ts';

export interface CheckOutcome {
  reasonCode: string;
  message?: string;
  /** The failure says the app is not (or no longer) consented in the tenant. */
  consentProblem?: boolean;
  /** Works, with a gap worth showing (reasonCode/message describe the gap). */
  degraded?: boolean;
  /** Identifies the credential that was used: stored when it failed authentication. */
  credentialFingerprint: string;
  /** A health check or verification: stamps last_health_check_at and schedules the next one. */
  isHealthCheck: boolean;
  nextCheckInSeconds: number;
}

const MAX_MESSAGE = 500;
const clip = (s: string | undefined) => (s ? s.slice(0, MAX_MESSAGE) : null);

export function afterCheck(c: ConnectionRecord, o: CheckOutcome): ConnectionPatch {
  const status = (s: ConnectionStatus) => (c.status === 'disabled' ? undefined : s);
  const stamp: ConnectionPatch = o.isHealthCheck ? { last_health_check_at: 'now', next_health_check_in: o.nextCheckInSeconds } : {};
  // A working token proves consent for a dedicated app (the customer's own). For the platform app
  // it proves only that *some* workspace's customer consented it in the tenant: platform consent
  // comes from Microsoft's proof at the callback alone (consent-service.ts), never from a check
  // (e.g. one that finishes after the connection was switched to platform).
  if (c.connection_type === 'platform' && c.consent_status !== 'granted' && (o.reasonCode === 'ok' || o.degraded || o.reasonCode === 'permission_denied')) {
    return { ...stamp, status: status('needs_consent') };
  }
  if (o.reasonCode === 'ok' || o.degraded) {
    return {
      ...stamp,
      consent_status: 'granted',
      status: status('connected'),
      health_status: o.degraded ? 'degraded' : 'ok',
      last_error_reason_code: o.degraded ? o.reasonCode : null,
      last_error_message: o.degraded ? clip(o.message) : null,
      checks_paused_for: null,
    };
  }
  const failure = { ...stamp, last_error_reason_code: o.reasonCode, last_error_message: clip(o.message) };
  if (o.consentProblem) {
    return {
      ...failure,
      consent_status: c.consent_status === 'granted' ? 'revoked' : c.consent_status === 'failed' ? 'failed' : 'required',
      status: status('needs_consent'),
      health_status: 'down',
    };
  }
  switch (o.reasonCode) {
    case 'permission_denied':
      // A token was issued (else consentProblem), so the app is consented; Graph refused one call.
      return { ...failure, consent_status: 'granted', status: status('connected'), health_status: 'degraded' };
    case 'authentication_failed':
      return { ...failure, status: status('error'), health_status: 'down', checks_paused_for: o.credentialFingerprint };
    case 'throttled':
      return { ...failure, health_status: 'degraded' };
    case 'dependency_unreachable':
      return { ...failure, health_status: 'down' };
    default:
      return { ...failure, status: status('error'), health_status: 'down' };
  }
}

/** The status a connection returns to when it is enabled again, from what is known about it. */
export function statusWhenEnabled(c: ConnectionRecord): ConnectionStatus {
  if (c.consent_status !== 'granted') return 'needs_consent';
  return c.health_status === 'down' ? 'error' : 'connected';
}

/** A new or re-typed connection starts over: consent and verification are unknown for the app it now uses. */
export function resetForNewApp(c: ConnectionRecord): ConnectionPatch {
  return {
    status: c.status === 'disabled' ? undefined : 'needs_consent',
    consent_status: 'required',
    verification_status: 'unknown',
    health_status: 'unknown',
    last_error_reason_code: null,
    last_error_message: null,
    checks_paused_for: null,
  };
}
