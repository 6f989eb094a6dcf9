// audit.chain_problem: a verification of the audit trail (the management API's verify, or
// `switchboard audit verify`) that finds a workspace's chain changed, cut or reordered tells that
// workspace's subscribers — one event per chain and verification, with the first problems found.
// The vendor chain ('') belongs to no workspace: the CLI's exit code and output report it.
import type { Queryable } from '../../db/database.ts';
import { isUuid } from '../../lib/uuid.ts';
import type { ChainProblem } from '../audit/audit-verify.ts';

const SHOWN = 20;

export async function reportChainProblems(q: Queryable, problems: ChainProblem[], detectedBy: 'api' | 'cli'): Promise<number> {
  const byChain = new Map<string, ChainProblem[]>();
  for (const p of problems) if (isUuid(p.chain)) byChain.set(p.chain, [...(byChain.get(p.chain) ?? []), p]);
  let deliveries = 0;
  for (const [chain, list] of byChain) {
    const data = {
      detected_by: detectedBy,
      problem_count: list.length,
      problems: list.slice(0, SHOWN).map((p) => ({ seq: p.seq, problem: p.problem, ...(p.missing ? { missing: p.missing } : {}) })),
    };
    const [row] = await q.query<{ n: number }>(
      `SELECT webhook_emit($1::uuid, 'audit.chain_problem', 'audit_chain:' || $1, jsonb_build_object('type', 'audit_chain', 'id', $1::text), NULL, $2::jsonb) AS n
       WHERE EXISTS (SELECT 1 FROM workspaces WHERE id = $1::uuid)`,
      [chain, JSON.stringify(data)],
    );
    deliveries += Number(row?.n ?? 0);
  }
  return deliveries;
}
