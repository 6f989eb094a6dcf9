// Microsoft Graph throttle budgets in the database every node shares (migration 0016): one per
// (app client id, Entra tenant), drawn on by every run type on every worker. Before each Graph
// request a run takes a token (the pace, and any Retry-After in force); after a 429/503 with
// Retry-After it blocks the budget so that nobody on it sends before then. The database's clock
// decides; a caller is only ever told how long to wait. What the run met is reported in its
// progress (`throttle`).
import type { Queryable } from '../../db/database.ts';
import { iso } from '../../lib/iso-date.ts';
import type { BudgetKey, ThrottleBudget } from '../../providers/microsoft/throttle.ts';
import type { ThrottleProgress } from '../runs/run-record.ts';
import { blockGraphBudget, takeGraphBudget } from './graph-budget-repository.ts';

interface BudgetSettings {
  pacePerSecond: number;
  burst: number;
}

/**
 * The budgets as one run uses them: each Graph request it makes goes through the budget of its
 * app and tenant; `onState` is told the run's view at its first request, and whenever it waited
 * or was throttled.
 */
export function runBudgets(db: Queryable, settings: BudgetSettings, onState: (s: ThrottleProgress) => void): (key: BudgetKey) => ThrottleBudget {
  const state: ThrottleProgress = {
    throttled_until: null,
    pace_per_second: settings.pacePerSecond,
    burst: settings.burst,
    waits: 0,
    waited_ms: 0,
    throttled: 0,
  };
  const report = () => onState({ ...state });
  let reported = false;
  return (key) => ({
    async take() {
      const row = await takeGraphBudget(db, key, settings.pacePerSecond, settings.burst);
      if (row.wait_ms <= 0) {
        // Once for a run that never waits, so its progress shows the budget it drew on.
        if (!reported) report();
        reported = true;
        return { waitMs: 0, blocked: false };
      }
      reported = true;
      if (row.blocked && row.blocked_until) state.throttled_until = iso(row.blocked_until);
      state.waits += 1;
      state.waited_ms += Math.ceil(row.wait_ms);
      report();
      return { waitMs: row.wait_ms, blocked: row.blocked };
    },
    async block(retryAfterMs) {
      state.throttled_until = iso(await blockGraphBudget(db, key, retryAfterMs));
      state.throttled += 1;
      report();
    },
  });
}
