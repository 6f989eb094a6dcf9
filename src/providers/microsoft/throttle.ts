// Graph throttling shared beyond one caller: a budget per (app, Entra tenant) that every request
// asks before it is sent and tells when Graph answered 429/503 with Retry-After. Where the budget
// lives (the database every node shares) is the caller's (src/core/connections/graph-budgets.ts);
// this file only turns one into the gate the transport (http.ts) asks before each attempt.
import { MicrosoftProviderError, throttledWhileBlocked } from './errors.ts';
import type { RawResponse, RequestGate, RetryPolicy } from './http.ts';

/** Graph throttles an application per tenant: one budget per app client id and Entra tenant. */
export interface BudgetKey {
  clientId: string;
  /** The tenant GUID the app's token was issued for (lower case), else the connection's tenant name. */
  entraTenantId: string;
}

interface Admission {
  /** 0: send now (a pace token was taken); otherwise wait this long and ask again. */
  waitMs: number;
  /** The wait is Graph's Retry-After (not the pace). */
  blocked: boolean;
}

export interface ThrottleBudget {
  take(): Promise<Admission>;
  /** Graph asked to wait `retryAfterMs`: nobody on this budget sends before that has passed. */
  block(retryAfterMs: number): Promise<void>;
}

/** Answers Graph asks everyone on the budget to wait out. */
const BLOCKING = new Set([429, 503]);

/**
 * The gate for one Graph client: before each attempt, wait until the budget admits it — the pace
 * as long as it takes; a Retry-After at most `maxRetryWaitMs` in all, past that the call fails
 * `throttled` without sending anything early. After a 429/503 with Retry-After, block the budget:
 * the gate's next `before` (this caller's retry) then waits like everyone else's.
 */
export function budgetGate(budget: ThrottleBudget, retry: Pick<RetryPolicy, 'maxRetryWaitMs' | 'sleep'>): RequestGate {
  return {
    async before(signal) {
      let blockedFor = 0;
      for (;;) {
        signal?.throwIfAborted();
        const { waitMs, blocked } = await budget.take();
        if (waitMs <= 0) return;
        // Whole milliseconds, rounded up: a timer that fires early would only ask once more.
        const ms = Math.ceil(waitMs);
        if (blocked) {
          if (blockedFor + ms > retry.maxRetryWaitMs) throw new MicrosoftProviderError(throttledWhileBlocked(Math.ceil(ms / 1000)));
          blockedFor += ms;
        }
        await retry.sleep(ms, signal);
      }
    },
    async after(response: RawResponse) {
      if (!BLOCKING.has(response.status) || response.retryAfterSeconds === undefined) return false;
      await budget.block(response.retryAfterSeconds * 1000);
      return true;
    },
  };
}
