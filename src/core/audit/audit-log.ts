// The audit log: append-only (a trigger refuses UPDATE and DELETE) and hash-chained per
// workspace. Appending takes the chain head's row lock, so concurrent writers in one workspace
// queue on it and the chain stays linear; different workspaces never wait on each other.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { redactSecrets } from '../../lib/redact.ts';
import { stableStringify } from '../../lib/stable-json.ts';

export interface AuditEventInput {
  workspaceId: string | null;
  actor: { type: string; id: string | null };
  action: string;
  target?: { type: string; id: string | null };
  outcome: 'success' | 'failure' | 'denied';
  requestId?: string | null;
  metadata?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  chain: string;
  seq: number;
  workspace_id: string | null;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  request_id: string | null;
  metadata: Record<string, unknown>;
  prev_hash: Buffer | Uint8Array;
  hash: Buffer | Uint8Array;
}

export const GENESIS_HASH = Buffer.alloc(32);
export const chainOf = (workspaceId: string | null) => workspaceId ?? '';

export function hashEvent(prevHash: Uint8Array, e: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): Buffer {
  const canonical = stableStringify([
    e.chain,
    Number(e.seq),
    e.workspace_id,
    new Date(e.occurred_at).toISOString(),
    e.actor_type,
    e.actor_id,
    e.action,
    e.target_type,
    e.target_id,
    e.outcome,
    e.request_id,
    e.metadata ?? {},
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest();
}

/** Appends one event inside the caller's transaction: it commits or vanishes with the caller's work. */
export async function appendAudit(q: Queryable, input: AuditEventInput): Promise<{ id: number; seq: number }> {
  const chain = chainOf(input.workspaceId);
  const [head] = await q.query<{ seq: number; hash: Uint8Array }>(
    `INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 1, $2)
     ON CONFLICT (chain) DO UPDATE SET seq = audit_chain_heads.seq + 1
     RETURNING seq, hash`,
    [chain, GENESIS_HASH],
  );
  const row = {
    chain,
    seq: Number(head.seq),
    workspace_id: input.workspaceId,
    occurred_at: new Date(),
    actor_type: input.actor.type,
    actor_id: input.actor.id,
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    outcome: input.outcome,
    request_id: input.requestId ?? null,
    // Round-trip through JSON so what is hashed is exactly what jsonb will give back.
    metadata: JSON.parse(JSON.stringify(redactSecrets(input.metadata ?? {}))) as Record<string, unknown>,
  };
  const prevHash = Buffer.from(head.hash);
  const hash = hashEvent(prevHash, row);
  const [inserted] = await q.query<{ id: number }>(
    `WITH ins AS (
       INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, actor_id, action, target_type, target_id, outcome, request_id, metadata, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id)
     , upd AS (UPDATE audit_chain_heads SET hash = $14 WHERE chain = $1)
     SELECT id FROM ins`,
    [
      chain,
      row.seq,
      row.workspace_id,
      row.occurred_at,
      row.actor_type,
      row.actor_id,
      row.action,
      row.target_type,
      row.target_id,
      row.outcome,
      row.request_id,
      JSON.stringify(row.metadata),
      prevHash,
      hash,
    ],
  );
  return { id: inserted.id, seq: row.seq };
}

/** The common case: an action taken by the request's principal, recorded under the request id. */
export function auditAction(
  q: Queryable,
  ctx: { principal: { kind: string; actorId: string }; requestId: string },
  e: { workspaceId: string | null; action: string; target?: { type: string; id: string | null }; outcome?: AuditEventInput['outcome']; metadata?: Record<string, unknown> },
): Promise<{ id: number; seq: number }> {
  return appendAudit(q, {
    workspaceId: e.workspaceId,
    actor: { type: ctx.principal.kind, id: ctx.principal.actorId },
    action: e.action,
    target: e.target,
    outcome: e.outcome ?? 'success',
    requestId: ctx.requestId,
    metadata: e.metadata,
  });
}
