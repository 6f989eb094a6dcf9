// Failed-authentication limiting. A failed authentication (a presented credential that did not
// authenticate) is counted twice, on counters every node shares (limiter-store.ts):
// - per (client, target): the client is its address or IPv6 /64, the target what was attacked
//   (limit-keys.ts: the SCIM configuration, the API token's public prefix, the JWT's issuer);
// - per client across all targets: a far higher ceiling, for one client stuffing credentials
//   into many targets.
// Past either limit a failed authentication is answered 429 `auth.too_many_failures` with
// Retry-After instead of 401. Nothing is refused *before* authenticating: the credential is
// still checked, and a valid one passes whatever others did from the same address — one tenant's
// broken SCIM client behind a shared cloud egress never locks out another tenant, nor the
// vendor (docs/decisions.md, "Failed authentications counted per target; a valid credential
// always passes"). A successful authentication touches no counter at all.
//
// Reaching a limit is audited once per key and window (the store's atomic count makes it once
// per cluster): the address and the target's public id, never any token material.
import type { FastifyReply } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { FailureTarget } from './limit-keys.ts';
import { type Verdict, waitOf } from './limiter.ts';
import type { LimiterStore } from './limiter-store.ts';
import { markRefusal } from './refusals.ts';

export interface AuthFailureLimiterOptions {
  store: LimiterStore;
  /** Failures per (client, target) per window before further failures get 429; 0 turns it off. */
  limit: number;
  /** Failures per client across every target per window; 0 turns it off. */
  addressLimit: number;
  windowSeconds: number;
  /** Called once per key and window when its limit is reached (the audit row). */
  onLimitReached?: (event: LimitReached) => Promise<void>;
}

export interface LimitReached {
  /** The client's counting key (an IPv4 address or an IPv6 /64). */
  address: string;
  /** What was attacked; null for the per-client ceiling. */
  target: FailureTarget | null;
  failures: number;
  windowSeconds: number;
}

export interface AuthFailureLimiter {
  readonly enabled: boolean;
  /**
   * Counts one failed authentication of `target` by `address`. Returns 0 (answer the 401), or the
   * milliseconds until the client may fail again (answer 429 with that Retry-After).
   */
  failed(address: string, target: FailureTarget): Promise<number>;
}

export function createAuthFailureLimiter(opts: AuthFailureLimiterOptions): AuthFailureLimiter {
  const pair = opts.limit > 0 ? opts.store.limiter('af_pair', opts.limit, opts.windowSeconds) : null;
  const client = opts.addressLimit > 0 ? opts.store.limiter('af_addr', opts.addressLimit, opts.windowSeconds) : null;
  const reached = (v: Verdict | undefined, limit: number, event: Omit<LimitReached, 'failures' | 'windowSeconds'>) => {
    // Exactly one failure per key and window counts up to the limit itself (an atomic increment).
    if (v?.consumed !== limit || !opts.onLimitReached) return;
    void opts.onLimitReached({ ...event, failures: limit, windowSeconds: opts.windowSeconds }).catch(() => {});
  };
  return {
    enabled: pair !== null || client !== null,
    async failed(address, target) {
      const [p, c] = await Promise.all([pair?.consume(`${address}|${target.type}:${target.id}`), client?.consume(address)]);
      reached(p, opts.limit, { address, target });
      reached(c, opts.addressLimit, { address, target: null });
      return waitOf(p, c);
    },
  };
}

/** The 429 for a failed authentication past a limit, with its Retry-After. */
export function tooManyFailures(reply: FastifyReply, waitMs: number): AppError {
  markRefusal(reply.request, 'failed_authentications');
  reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
  return new AppError('auth.too_many_failures', 'too many failed authentications; try again later');
}

/** The authenticator's refusals that count as a failed guess (not, say, an unreachable OIDC issuer). */
export function isAuthenticationFailure(err: unknown): boolean {
  return err instanceof AppError && (err.code === 'auth.invalid_token' || err.code === 'auth.unauthenticated');
}
