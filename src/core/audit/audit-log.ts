// The audit log: append-only and chained per workspace with a keyed MAC. Each event's `hash` is
// HMAC-SHA-256(audit key, previous MAC ‖ canonical event) under a key derived from the keyring
// (audit-keys.ts), so whoever can write the database but lacks the keyring cannot recompute the
// chain after an edit. Appending reserves the chain head (its row lock makes concurrent writers in
// one workspace queue, so the chain stays linear; different workspaces never wait on each other)
// and commits the event through SECURITY DEFINER functions: two statements, two round trips.
import { createHash, createHmac } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { redactSecrets } from '../../lib/redact.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { type AuditKeys, requireAuditKeys } from './audit-keys.ts';
import { type AuditRow, commitEvent, type NewAuditRow, reserveHead } from './audit-repository.ts';

export interface AuditEventInput {
  workspaceId: string | null;
  actor: { type: string; id: string | null };
  action: string;
  target?: { type: string; id: string | null };
  outcome: 'success' | 'failure' | 'denied';
  requestId?: string | null;
  metadata?: Record<string, unknown>;
}

export const GENESIS_HASH = Buffer.alloc(32);
const chainOf = (workspaceId: string | null) => workspaceId ?? '';

function eventFields(e: NewAuditRow): unknown[] {
  return [
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
  ];
}

/** A legacy row's hash (rows written before migration 0008): unkeyed SHA-256. */
export function hashEvent(prevHash: Uint8Array, e: NewAuditRow): Buffer {
  return createHash('sha256')
    .update(prevHash)
    .update(stableStringify(eventFields(e)))
    .digest();
}

/** A keyed row's MAC. The key version is part of what is authenticated. */
export function macEvent(key: Uint8Array, prevMac: Uint8Array, e: NewAuditRow, keyVersion: number): Buffer {
  return createHmac('sha256', key)
    .update(prevMac)
    .update(stableStringify([...eventFields(e), keyVersion]))
    .digest();
}

/** Appends one event inside the caller's transaction: it commits or vanishes with the caller's work. */
export async function appendAudit(q: Queryable, input: AuditEventInput, keys: AuditKeys = requireAuditKeys(q)): Promise<{ id: number; seq: number }> {
  const chain = chainOf(input.workspaceId);
  const version = keys.activeVersion();
  const key = keys.macKey(version); // before the head is locked: a missing key fails without holding it
  const head = await reserveHead(q, chain);
  const row: NewAuditRow = {
    chain,
    seq: head.seq,
    workspace_id: input.workspaceId,
    occurred_at: new Date(),
    actor_type: input.actor.type,
    actor_id: input.actor.id,
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    outcome: input.outcome,
    request_id: input.requestId ?? null,
    // Round-trip through JSON so what is MAC'd is exactly what jsonb will give back.
    metadata: JSON.parse(JSON.stringify(redactSecrets(input.metadata ?? {}))) as Record<string, unknown>,
  };
  const id = await commitEvent(q, row, head.prev, macEvent(key, head.prev, row, version), version);
  return { id, seq: row.seq };
}

/** The common case: an action taken by the request's principal, recorded under the request id. */
export function auditAction(
  q: Queryable,
  ctx: { principal: { kind: string; actorId: string }; requestId: string },
  e: {
    workspaceId: string | null;
    action: string;
    target?: { type: string; id: string | null };
    outcome?: AuditEventInput['outcome'];
    metadata?: Record<string, unknown>;
  },
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

export type { NewAuditRow };
const isLegacy = (r: Pick<AuditRow, 'key_version'>) => r.key_version === null || r.key_version === undefined;
