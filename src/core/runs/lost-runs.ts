// The reaper's SQL: finding runs no worker will finish, ending them, starting them again. `at` is
// the reaper's "now": null means the database's clock (one clock for every node); tests pass a time
// to move it without sleeping.
import type { Queryable } from '../../db/database.ts';
import type { RunRecord } from './run-record.ts';

/** Where a lost run was when its worker died. */
export type LostPhase = 'running' | 'queued';

const LOST_SUMMARY: Record<LostPhase, string> = {
  running: 'The worker running this operation stopped renewing its lease; the operation was ended.',
  queued: 'The worker that took this operation from the queue stopped before starting it; the operation was ended.',
};

/** Running runs whose lease expired: their worker died (kill -9, OOM, power) or is cut off. */
export async function endExpiredLeases(q: Queryable, at: Date | null, limit: number): Promise<RunRecord[]> {
  return q.query<RunRecord>(
    `UPDATE operation_runs SET status = 'completed', outcome = 'failed', reason_code = 'worker_lost', failure_summary = $3,
       next_steps = '["Start the operation again."]', completed_at = now(), updated_at = now()
     WHERE id IN (SELECT id FROM operation_runs WHERE status = 'running' AND lease_expires_at < coalesce($1::timestamptz, now())
                  ORDER BY lease_expires_at LIMIT $2)
       AND status = 'running' AND lease_expires_at < coalesce($1::timestamptz, now())
     RETURNING *`,
    [at, limit, LOST_SUMMARY.running],
  );
}

/**
 * Queued runs no worker will claim. A run waiting in a backlog has its job still waiting
 * (`created`, or `retry`); one whose job a worker took (`active`) more than a lease ago without
 * claiming the run lost that worker between the two; one whose job ended, failed or is gone will
 * never be delivered. The job library's table is read here, in the same transaction, so the
 * decision and the ending see one state (see docs/decisions.md, "Run leases").
 */
export async function endUnclaimedRuns(q: Queryable, queue: string, leaseSeconds: number, at: Date | null, limit: number): Promise<RunRecord[]> {
  return q.query<RunRecord>(
    `WITH t AS (SELECT coalesce($1::timestamptz, now()) - make_interval(secs => $3) AS before)
     UPDATE operation_runs SET status = 'completed', outcome = 'failed', reason_code = 'worker_lost', failure_summary = $5,
       next_steps = '["Start the operation again."]', completed_at = now(), updated_at = now()
     WHERE id IN (
         SELECT r.id FROM operation_runs r CROSS JOIN t LEFT JOIN pgboss.job j ON j.name = $2 AND j.id = r.job_id
         WHERE r.status = 'queued' AND r.created_at < t.before
           AND (j.id IS NULL OR (j.state NOT IN ('created', 'retry') AND (j.state <> 'active' OR j.started_on < t.before)))
         ORDER BY r.created_at LIMIT $4)
       AND status = 'queued'
     RETURNING *`,
    [at, queue, leaseSeconds, limit, LOST_SUMMARY.queued],
  );
}

/**
 * The same work again, as a new run (the lost one keeps its ending): same type, scope, inputs,
 * target and initiator, one attempt further. Null when the scope was taken meanwhile.
 */
export async function insertRetry(q: Queryable, lost: RunRecord, jobId: string): Promise<RunRecord | null> {
  const [row] = await q.query<RunRecord>(
    `INSERT INTO operation_runs (workspace_id, tenant_id, type, scope_key, identity_key, target_type, target_id, inputs, status, outcome,
       initiator_type, initiator_id, job_id, attempt, retry_of)
     SELECT workspace_id, tenant_id, type, scope_key, identity_key, target_type, target_id, inputs, 'queued', 'pending',
       initiator_type, initiator_id, $2, attempt + 1, id
     FROM operation_runs WHERE id = $1
     ON CONFLICT DO NOTHING RETURNING *`,
    [lost.id, jobId],
  );
  return row ?? null;
}

/** Points the lost run at the run that does its work again (its ending is untouched). */
export async function noteRetry(q: Queryable, lostId: number, retryId: number): Promise<void> {
  await q.query(
    `UPDATE operation_runs SET summary = summary || jsonb_build_object('retried_as', $2::bigint),
       next_steps = jsonb_build_array('It was started again automatically as run ' || $2::bigint || '.') WHERE id = $1`,
    [lostId, retryId],
  );
}
