// The operation run as stored, and the shape every surface derives its own view from.
import { iso } from '../../lib/iso-date.ts';
type RunStatus = 'queued' | 'running' | 'completed';
export type RunOutcome = 'pending' | 'succeeded' | 'partially_succeeded' | 'failed' | 'cancelled' | 'blocked';

/** How an outside system's throttling held a run back (a Microsoft Graph throttle budget). */
export interface ThrottleProgress {
  /** When the latest Retry-After the run met on its budget ended (its own 429 or another caller's); null: none. */
  throttled_until: string | null;
  /** The budget's pace: requests per second, and the burst sent at once after a quiet spell. */
  pace_per_second: number;
  burst: number;
  /** Times the run waited on the budget (for a Retry-After or the pace) and how long in all. */
  waits: number;
  waited_ms: number;
  /** Answers of 429/503 with Retry-After the run itself got. */
  throttled: number;
}

export interface RunProgress {
  done?: number;
  total?: number;
  message?: string;
  throttle?: ThrottleProgress;
}

export interface RunRecord {
  id: number;
  workspace_id: string;
  tenant_id: number | null;
  type: string;
  scope_key: string;
  identity_key: string;
  target_type: string | null;
  target_id: string | null;
  inputs: Record<string, unknown>;
  status: RunStatus;
  outcome: RunOutcome;
  reason_code: string | null;
  summary: Record<string, unknown>;
  progress: RunProgress;
  failure_summary: string | null;
  next_steps: string[];
  result: unknown;
  initiator_type: string;
  initiator_id: string | null;
  worker_id: string | null;
  heartbeat_at: Date | null;
  /** The job that delivers a queued run (the job library's id). */
  job_id: string | null;
  /** Set while running: what the holding worker's writes name, and until when it holds the run. */
  lease_token: string | null;
  lease_expires_at: Date | null;
  attempt: number;
  retry_of: number | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
}

/** The management API's view of a run (GET /api/v1/operation-runs/{id}). */
export function runView(r: RunRecord, publicUrl: string) {
  return {
    id: Number(r.id),
    workspace_id: r.workspace_id,
    tenant_id: r.tenant_id === null ? null : Number(r.tenant_id),
    type: r.type,
    status: r.status,
    outcome: r.outcome,
    reason_code: r.reason_code,
    target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
    summary: r.summary,
    progress: r.progress,
    failure_summary: r.failure_summary,
    next_steps: r.next_steps,
    result: r.result ?? null,
    initiator: { type: r.initiator_type, id: r.initiator_id },
    attempt: Number(r.attempt),
    retry_of: r.retry_of === null ? null : Number(r.retry_of),
    created_at: iso(r.created_at),
    started_at: iso(r.started_at),
    completed_at: iso(r.completed_at),
    updated_at: iso(r.updated_at),
    view_url: viewUrl(r.id, publicUrl),
  };
}

export const viewUrl = (id: number, publicUrl: string) => `${publicUrl}/api/v1/operation-runs/${id}`;

/** The contracts' OperationRunRef. */
export function runRef(r: RunRecord, publicUrl: string) {
  return { id: Number(r.id), type: r.type, status: r.status, outcome: r.outcome, reason_code: r.reason_code, view_url: viewUrl(r.id, publicUrl) };
}
