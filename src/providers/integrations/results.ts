// Building ProviderCheckResults and mapping HTTP answers and transport failures to reason codes,
// shared by every adapter so the same situation always yields the same code.
import type { OutboundResponse } from '../outbound/outbound-client.ts';
import type { OutboundError } from '../outbound/errors.ts';
import type { ProviderCheckResult, ReasonCode } from '../reason-codes.ts';

export function result(reasonCode: ReasonCode, message: string, details?: Record<string, unknown>): ProviderCheckResult {
  return details ? { reasonCode, message, details } : { reasonCode, message };
}

export function ok(message: string, details?: Record<string, unknown>): ProviderCheckResult {
  return result('ok', message, details);
}

export function missingConfiguration(field: string, message: string): ProviderCheckResult {
  return result('missing_configuration', message, { field });
}

export function ext(provider: string, detail: string): ReasonCode {
  return `ext.${provider}.${detail}`;
}

/** Retry-After as sent (seconds or HTTP date) and as whole seconds from now. */
export function retryAfterDetails(headers: Headers): Record<string, unknown> {
  const raw = headers.get('retry-after');
  if (!raw) return {};
  const seconds = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Math.max(0, Math.ceil((Date.parse(raw) - Date.now()) / 1000));
  return Number.isFinite(seconds) ? { retryAfter: raw, retryAfterSeconds: seconds } : { retryAfter: raw };
}

/** The usual meaning of an HTTP status; adapters handle their provider's quirks before calling this. */
export function fromStatus(provider: string, label: string, response: OutboundResponse): ProviderCheckResult {
  const status = response.status;
  const details: Record<string, unknown> = { httpStatus: status };
  if (status >= 300 && status < 400) {
    return result(ext(provider, 'redirect_refused'), `${label} answered with a redirect, which is never followed with a credential attached`, details);
  }
  if (status === 401) return result('authentication_failed', `${label} rejected the credential`, details);
  if (status === 403) return result('permission_denied', `${label} accepted the credential but denied access`, details);
  if (status === 404) return result(ext(provider, 'not_found'), `${label} answered "not found" for the verification call`, details);
  if (status === 429) {
    return result('throttled', `${label} is rate limiting requests`, { ...details, ...retryAfterDetails(response.headers) });
  }
  if (status === 408 || status >= 500) {
    return result('dependency_unreachable', `${label} answered with a server error`, { ...details, ...retryAfterDetails(response.headers) });
  }
  return result('unknown_error', `${label} gave an unexpected answer`, details);
}

export function fromOutboundError(provider: string, label: string, error: OutboundError, timeoutMs: number): ProviderCheckResult {
  const details = { outbound: error.code };
  switch (error.code) {
    case 'timeout':
      return result('dependency_unreachable', `${label} did not answer within ${timeoutMs} ms`, details);
    case 'network':
      return result('dependency_unreachable', `${label} could not be reached`, details);
    case 'aborted':
      return result(ext(provider, 'cancelled'), `the check against ${label} was cancelled`, details);
    case 'private_address_refused':
      return result(
        ext(provider, 'private_address_refused'),
        `the ${label} address does not resolve to a public address (private, loopback, link-local and reserved destinations are refused)`,
        details,
      );
    case 'insecure_scheme':
      return result(ext(provider, 'insecure_scheme'), `credentials are not sent to ${label} over plain http`, details);
    case 'host_mismatch':
      return result(ext(provider, 'host_mismatch'), `the credential is not bound to the host that was about to be called`, details);
    case 'invalid_url':
    case 'unsupported_scheme':
      return result('missing_configuration', `the ${label} URL is not a usable http(s) URL`, details);
  }
}
