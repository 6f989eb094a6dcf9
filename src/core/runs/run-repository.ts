// Operation runs: SQL only, plus the job library's grants. Every function takes the transaction it
// runs in; request paths pass a workspace-confined one.
import { lockForTransaction } from '../../db/advisory-locks.ts';
import { APP_ROLE, type Queryable } from '../../db/database.ts';
import type { RunOutcome, RunRecord } from './run-record.ts';

export interface NewRun {
  workspaceId: string;
  tenantId: number | null;
  type: string;
  scopeKey: string;
  identityKey: string;
  target: { type: string; id: string } | null;
  inputs: Record<string, unknown>;
  initiator: { type: string; id: string | null };
}

/** A queued run names the job that delivers it (the database requires one): the reaper reads the job's state. */
export interface NewActiveRun extends NewRun {
  jobId: string;
}

/** Inserts an active run unless the identity or scope already has one (then returns null). */
export async function insertActiveRun(q: Queryable, r: NewActiveRun): Promise<RunRecord | null> {
  const [row] = await q.query<RunRecord>(
    `INSERT INTO operation_runs (workspace_id, tenant_id, type, scope_key, identity_key, target_type, target_id, inputs, status, outcome, initiator_type, initiator_id, job_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 'pending', $9, $10, $11)
     ON CONFLICT DO NOTHING RETURNING *`,
    [
      r.workspaceId,
      r.tenantId,
      r.type,
      r.scopeKey,
      r.identityKey,
      r.target?.type ?? null,
      r.target?.id ?? null,
      JSON.stringify(r.inputs),
      r.initiator.type,
      r.initiator.id,
      r.jobId,
    ],
  );
  return row ?? null;
}

/** A run that is born finished: blocked starts stay visible with their reason and next steps. */
export async function insertBlockedRun(q: Queryable, r: NewRun, blocked: { reasonCode: string; message: string; nextSteps: string[] }): Promise<RunRecord> {
  const [row] = await q.query<RunRecord>(
    `INSERT INTO operation_runs (workspace_id, tenant_id, type, scope_key, identity_key, target_type, target_id, inputs, status, outcome,
       reason_code, failure_summary, next_steps, initiator_type, initiator_id, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'completed', 'blocked', $9, $10, $11, $12, $13, now()) RETURNING *`,
    [
      r.workspaceId,
      r.tenantId,
      r.type,
      r.scopeKey,
      r.identityKey,
      r.target?.type ?? null,
      r.target?.id ?? null,
      JSON.stringify(r.inputs),
      blocked.reasonCode,
      blocked.message,
      JSON.stringify(blocked.nextSteps),
      r.initiator.type,
      r.initiator.id,
    ],
  );
  return row;
}

export async function findActiveByIdentity(q: Queryable, identityKey: string): Promise<RunRecord | null> {
  const [row] = await q.query<RunRecord>(`SELECT * FROM operation_runs WHERE identity_key = $1 AND status IN ('queued', 'running')`, [identityKey]);
  return row ?? null;
}

export async function findActiveByScope(q: Queryable, scopeKey: string): Promise<RunRecord | null> {
  const [row] = await q.query<RunRecord>(`SELECT * FROM operation_runs WHERE scope_key = $1 AND status IN ('queued', 'running')`, [scopeKey]);
  return row ?? null;
}

export interface RunFilter {
  targetType?: string;
  targetId?: string;
  tenantId?: number;
  type?: string;
  limit: number;
}

/** A workspace's runs, newest first, narrowed to a target, a tenant or a type. */
export async function listRuns(q: Queryable, workspaceId: string, f: RunFilter): Promise<RunRecord[]> {
  const where = ['workspace_id = $1'];
  const params: unknown[] = [workspaceId];
  const add = (col: string, v: unknown) => {
    params.push(v);
    where.push(`${col} = $${params.length}`);
  };
  if (f.targetType) add('target_type', f.targetType);
  if (f.targetId) add('target_id', f.targetId);
  if (f.tenantId !== undefined) add('tenant_id', f.tenantId);
  if (f.type) add('type', f.type);
  params.push(f.limit);
  return q.query<RunRecord>(`SELECT * FROM operation_runs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`, params);
}

export async function findRun(q: Queryable, id: number): Promise<RunRecord | null> {
  const [row] = await q.query<RunRecord>('SELECT * FROM operation_runs WHERE id = $1', [id]);
  return row ?? null;
}

/**
 * queued → running, only once (the job library may deliver a job twice, the run starts once), under
 * a fresh lease: the token is what every later write of this worker names, so a worker that lost
 * the run to the reaper can write nothing to it.
 */
export async function claimRun(q: Queryable, id: number, workerId: string, leaseSeconds: number): Promise<RunRecord | null> {
  const [row] = await q.query<RunRecord>(
    `UPDATE operation_runs SET status = 'running', worker_id = $2, lease_token = gen_random_uuid(), lease_expires_at = now() + make_interval(secs => $3),
       started_at = now(), heartbeat_at = now(), updated_at = now()
     WHERE id = $1 AND status = 'queued' RETURNING *`,
    [id, workerId, leaseSeconds],
  );
  return row ?? null;
}

export interface HeldRun {
  id: number;
  leaseToken: string;
}

/**
 * Renews the leases this worker still holds and returns the ids it renewed. A lease that expired is
 * renewed too while the reaper has not ended its run yet (a slow worker is not a dead one); the ids
 * missing from the answer were ended by the reaper, and their worker must stop.
 */
export async function renewLeases(q: Queryable, held: HeldRun[], leaseSeconds: number): Promise<number[]> {
  if (!held.length) return [];
  const rows = await q.query<{ id: string }>(
    `UPDATE operation_runs r SET heartbeat_at = now(), lease_expires_at = now() + make_interval(secs => $3)
     FROM unnest($1::bigint[], $2::uuid[]) AS h(id, token)
     WHERE r.id = h.id AND r.lease_token = h.token AND r.status = 'running' RETURNING r.id`,
    [held.map((h) => h.id), held.map((h) => h.leaseToken), leaseSeconds],
  );
  return rows.map((r) => Number(r.id));
}

export async function saveProgress(q: Queryable, held: HeldRun, progress: object): Promise<void> {
  await q.query(`UPDATE operation_runs SET progress = $3, updated_at = now() WHERE id = $1 AND lease_token = $2 AND status = 'running'`, [
    held.id,
    held.leaseToken,
    JSON.stringify(progress),
  ]);
}

export interface RunCompletion {
  outcome: Exclude<RunOutcome, 'pending'>;
  reasonCode: string | null;
  summary?: Record<string, unknown>;
  failureSummary?: string | null;
  nextSteps?: string[];
  result?: unknown;
}

/**
 * running → completed by the worker holding the lease (compare-and-set on the token). Null when the
 * run is no longer this worker's: the reaper ended it, and its ending stands.
 */
export async function completeRun(q: Queryable, held: HeldRun, c: RunCompletion): Promise<RunRecord | null> {
  const [row] = await q.query<RunRecord>(
    `UPDATE operation_runs SET status = 'completed', outcome = $3, reason_code = $4, summary = coalesce($5, summary),
       failure_summary = $6, next_steps = $7, result = $8, completed_at = now(), updated_at = now()
     WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING *`,
    [
      held.id,
      held.leaseToken,
      c.outcome,
      c.reasonCode,
      c.summary ? JSON.stringify(c.summary) : null,
      c.failureSummary ?? null,
      JSON.stringify(c.nextSteps ?? []),
      c.result === undefined ? null : JSON.stringify(c.result),
    ],
  );
  return row ?? null;
}

/**
 * Lets the row-level-security role write the job library's tables (they carry no workspace data).
 * Under a lock: concurrent GRANTs on one object from nodes starting together fail with "tuple
 * concurrently updated".
 */
export async function grantJobTablesToAppRole(q: Queryable): Promise<void> {
  await lockForTransaction(q, 'jobGrants');
  await q.exec(`GRANT USAGE ON SCHEMA pgboss TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA pgboss TO ${APP_ROLE};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE ON TABLES TO ${APP_ROLE};`);
}

/** Runs waiting for a worker or executing, counted by type and status (the queue-depth gauge). */
export async function countActiveRuns(q: Queryable): Promise<Array<{ type: string; status: string; count: number }>> {
  return q.query(
    `SELECT type, status, count(*)::int AS count FROM operation_runs WHERE status IN ('queued', 'running') GROUP BY type, status ORDER BY type, status`,
  );
}
