// Token brute-force limiting. Failed authentications (a 401 to a request that carried an
// Authorization header) are counted per client address in a fixed window; once an address reaches
// the limit, every request it makes to an authenticated route is refused with 429
// `auth.too_many_failures` until the window ends — even one carrying a valid token, or a guess that
// happened to be right would get through. Crossing the limit is audited once per address and
// window (on the vendor chain: the address belongs to no workspace), without any token material.
//
// The counters live in this process's memory: cheap (no database work for an attacker's requests)
// and per API node, so with N nodes behind a balancer an address gets at most N × limit guesses
// per window — against 256-bit tokens the limit is about noise and load, not about entropy.
export interface AuthFailureLimiterOptions {
  /** Failures per address per window before the address is refused; 0 turns the limiter off. */
  limit: number;
  windowMs: number;
  /** Called once per address and window when the limit is reached (the audit row). */
  onBlocked?: (address: string, info: { failures: number; windowSeconds: number }) => Promise<void>;
  /** Addresses tracked at most (the oldest are forgotten first): bounds memory under a spray. */
  maxAddresses?: number;
  now?: () => number;
}

interface Entry {
  windowStart: number;
  failures: number;
  blocked: boolean;
}

export interface AuthFailureLimiter {
  /** Milliseconds until the address may try again, or 0 when it is not refused. */
  retryAfterMs(address: string): number;
  /** Records one failed authentication. */
  fail(address: string): void;
  readonly enabled: boolean;
}

export function createAuthFailureLimiter(opts: AuthFailureLimiterOptions): AuthFailureLimiter {
  const now = opts.now ?? Date.now;
  const max = opts.maxAddresses ?? 100_000;
  const entries = new Map<string, Entry>();
  const current = (address: string): Entry | undefined => {
    const e = entries.get(address);
    if (e && now() - e.windowStart >= opts.windowMs) {
      entries.delete(address);
      return undefined;
    }
    return e;
  };
  return {
    enabled: opts.limit > 0,
    retryAfterMs(address) {
      if (opts.limit <= 0) return 0;
      const e = current(address);
      return e?.blocked ? Math.max(1, e.windowStart + opts.windowMs - now()) : 0;
    },
    fail(address) {
      if (opts.limit <= 0) return;
      let e = current(address);
      if (!e) {
        if (entries.size >= max) entries.delete(entries.keys().next().value!);
        e = { windowStart: now(), failures: 0, blocked: false };
        entries.set(address, e);
      }
      e.failures++;
      if (!e.blocked && e.failures >= opts.limit) {
        e.blocked = true;
        void opts.onBlocked?.(address, { failures: e.failures, windowSeconds: Math.round(opts.windowMs / 1000) }).catch(() => {});
      }
    },
  };
}
