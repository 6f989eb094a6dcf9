// Starting operation runs. The database decides, not this code: the partial unique indexes on
// operation_runs allow one active run per identity (same type, scope and inputs → the existing
// run is returned: dedupe) and one per scope (a different type → scope_busy with the active run).
// The run row and its job are written in the same transaction, so a run never waits on a job
// that was not enqueued, and a job never points at a run that was rolled back.
import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import type { RunRecord } from './run-record.ts';
import { findActiveByIdentity, findActiveByScope, insertActiveRun, insertBlockedRun, type NewRun } from './run-repository.ts';

export type StartDisposition = 'created' | 'deduped' | 'scope_busy' | 'blocked';

export interface StartRunInput {
  workspaceId: string;
  tenantId: number | null;
  type: string;
  /** What the run works on; one active run per scope. E.g. `provider_connection:<uuid>`. */
  scopeKey: string;
  inputs?: Record<string, unknown>;
  target?: { type: string; id: string } | null;
  initiator: { type: string; id: string | null };
  requestId?: string | null;
  /** Set when a precondition fails: the run is recorded as blocked instead of queued. */
  blocked?: { reasonCode: string; message: string; nextSteps: string[] } | null;
}

export interface JobEnqueuer {
  /** Writes the job that delivers run `runId`, with the id the run row names, in transaction `q`. */
  enqueue(q: Queryable, runId: number, jobId: string): Promise<void>;
  /** Told how each start request was decided (metrics). */
  started?(type: string, disposition: StartDisposition): void;
}

function identityKeyOf(type: string, scopeKey: string, inputs: Record<string, unknown>): string {
  const digest = createHash('sha256').update(stableStringify(inputs)).digest('hex').slice(0, 32);
  return `${scopeKey}|${type}|${digest}`;
}

export async function startRun(q: Queryable, jobs: JobEnqueuer, input: StartRunInput): Promise<{ disposition: StartDisposition; run: RunRecord }> {
  const decided = await decideStart(q, jobs, input);
  jobs.started?.(input.type, decided.disposition);
  return decided;
}

async function decideStart(q: Queryable, jobs: JobEnqueuer, input: StartRunInput): Promise<{ disposition: StartDisposition; run: RunRecord }> {
  const inputs = input.inputs ?? {};
  const newRun: NewRun = {
    workspaceId: input.workspaceId,
    tenantId: input.tenantId,
    type: input.type,
    scopeKey: input.scopeKey,
    identityKey: identityKeyOf(input.type, input.scopeKey, inputs),
    target: input.target ?? null,
    inputs,
    initiator: input.initiator,
  };
  const audit = (run: RunRecord, disposition: StartDisposition) =>
    appendAudit(q, {
      workspaceId: input.workspaceId,
      actor: input.initiator,
      action: 'operation_run.started',
      target: { type: 'operation_run', id: String(run.id) },
      outcome: disposition === 'blocked' ? 'failure' : 'success',
      requestId: input.requestId,
      metadata: { type: input.type, disposition, reason_code: run.reason_code, scope: input.scopeKey },
    });

  if (input.blocked) {
    const run = await insertBlockedRun(q, newRun, input.blocked);
    await audit(run, 'blocked');
    return { disposition: 'blocked', run };
  }
  // A conflicting run can finish between our INSERT and our SELECT; each retry sees a newer
  // snapshot (READ COMMITTED), so this settles in a try or two.
  for (let attempt = 0; attempt < 5; attempt++) {
    const jobId = randomUUID();
    const created = await insertActiveRun(q, { ...newRun, jobId });
    if (created) {
      await jobs.enqueue(q, created.id, jobId);
      await audit(created, 'created');
      return { disposition: 'created', run: created };
    }
    const same = await findActiveByIdentity(q, newRun.identityKey);
    if (same) return { disposition: 'deduped', run: same };
    const busy = await findActiveByScope(q, newRun.scopeKey);
    if (busy) return { disposition: 'scope_busy', run: busy };
  }
  throw new AppError('operation_run.conflict', 'could not start the run: the scope kept changing; try again');
}
