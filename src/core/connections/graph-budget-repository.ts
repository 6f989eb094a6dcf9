// The statements of the Microsoft Graph throttle budgets (migration 0016's functions): one token
// before a request, a block after Graph's Retry-After.
import type { Queryable } from '../../db/database.ts';
import type { BudgetKey } from '../../providers/microsoft/throttle.ts';

interface BudgetTake {
  /** 0: a token was taken, send now; otherwise how long to wait before asking again. */
  wait_ms: number;
  /** The wait is a Retry-After in force (not the pace). */
  blocked: boolean;
  /** The latest Retry-After's end on the budget, past or not. */
  blocked_until: Date | string | null;
}

export async function takeGraphBudget(q: Queryable, key: BudgetKey, pacePerSecond: number, burst: number): Promise<BudgetTake> {
  const [row] = await q.query<BudgetTake>('SELECT wait_ms, blocked, blocked_until FROM graph_throttle_take($1, $2, $3, $4)', [
    key.clientId,
    key.entraTenantId,
    pacePerSecond,
    burst,
  ]);
  return { ...row, wait_ms: Number(row.wait_ms) };
}

/** Nobody on the budget sends before `ms` from now (the database's now); returns when that is. */
export async function blockGraphBudget(q: Queryable, key: BudgetKey, ms: number): Promise<Date | string> {
  const [row] = await q.query<{ until: Date | string }>('SELECT graph_throttle_block($1, $2, $3) AS until', [key.clientId, key.entraTenantId, ms]);
  return row.until;
}
