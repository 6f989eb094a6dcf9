// What a limiter answers, whatever store counts for it (limiter-store.ts) and whether it spends a
// lease (leased-limiter.ts): the shape the limits (rate-limit.ts, auth-failures.ts) work with.
/** One counted request or failure. */
export interface Verdict {
  /** false: over the limit in this window. */
  allowed: boolean;
  /** Points counted in this window, this one included (0 when not known: refused from the in-memory block, or spent from a lease). */
  consumed: number;
  /** Milliseconds until the window ends. */
  msBeforeNext: number;
}

export interface Limiter {
  readonly points: number;
  consume(key: string, points?: number): Promise<Verdict>;
}

/** The longest wait any refused verdict asks for, in milliseconds (0 when none refused). */
export function waitOf(...verdicts: Array<Verdict | undefined>): number {
  let wait = 0;
  for (const v of verdicts) if (v && !v.allowed) wait = Math.max(wait, v.msBeforeNext, 1);
  return wait;
}
