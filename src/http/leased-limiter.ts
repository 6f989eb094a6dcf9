// Request limits on a shared store without a store round trip per request: a node takes a lease
// of several points of a key's window at once (one atomic consume of `chunk` points on the
// store) and spends them locally, going back to the store when they run out.
//
// rate-limiter-flexible has no batched consumption — each consume is one round trip (an upsert
// on PostgreSQL, a Lua call on Redis) — and its in-memory block and insurance limiter help only
// once a key is over its limit or the store is down. This adds the one thing missing; counting,
// windows and atomicity stay the library's.
//
// What it trades (docs/decisions.md, "Request limits leased in chunks"): the store counts points
// as used when a node leases them, so a key can be refused while up to `chunk − 1` leased points
// per node are still unspent — the limit is never exceeded, but may bite up to N × (chunk − 1)
// requests early on N nodes. A lease ends with the store's window (its points are never carried
// into the next one). A store refusal that still left room grants the remainder as a last lease.
import type { Limiter, Verdict } from './limiter.ts';

interface Lease {
  /** Points still to spend locally. */
  left: number;
  /** The store's window end, in this process's clock. */
  endsAt: number;
  /** The store was over the limit when this lease was taken: no new lease before endsAt. */
  last: boolean;
}

/** Leases at most this many keys at a time (the oldest are dropped first; dropping only loses unspent points). */
const MAX_LEASES = 50_000;

export function leased(inner: Limiter, chunk: number, now: () => number = Date.now): Limiter {
  if (chunk <= 1) return inner;
  const leases = new Map<string, Lease>();
  const pending = new Map<string, Promise<void>>();

  async function take(key: string): Promise<void> {
    const v = await inner.consume(key, chunk);
    // Refused with a count: the store went over with this consume; what was left before it is ours.
    // Refused without one (consumed 0: the library's in-memory block): nothing is left.
    const granted = v.allowed ? chunk : v.consumed > 0 ? Math.min(chunk, Math.max(0, inner.points - (v.consumed - chunk))) : 0;
    if (leases.size >= MAX_LEASES) leases.delete(leases.keys().next().value!);
    leases.delete(key); // re-inserted last: the map stays ordered by age
    leases.set(key, { left: granted, endsAt: now() + Math.max(1, v.msBeforeNext), last: !v.allowed });
  }

  return {
    points: inner.points,
    async consume(key: string, points = 1): Promise<Verdict> {
      if (points !== 1) return inner.consume(key, points);
      for (;;) {
        const lease = leases.get(key);
        const t = now();
        if (lease && lease.endsAt > t) {
          if (lease.left > 0) {
            lease.left--;
            return { allowed: true, consumed: 0, msBeforeNext: lease.endsAt - t };
          }
          if (lease.last) return { allowed: false, consumed: 0, msBeforeNext: lease.endsAt - t };
        }
        // One lease request per key at a time; the requests waiting on it then share what it got.
        let p = pending.get(key);
        if (!p) {
          p = take(key).finally(() => pending.delete(key));
          pending.set(key, p);
        }
        await p;
      }
    },
  };
}
