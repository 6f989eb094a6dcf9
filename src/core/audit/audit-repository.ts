// The audit tables' SQL. Appends go through the SECURITY DEFINER functions of migration 0008
// (the application role has no other write access to these tables); reads for verification and
// checkpoints run with the connection's own rights.
import type { Queryable } from '../../db/database.ts';

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
  /** null: a legacy (unkeyed SHA-256) row written before migration 0008. */
  key_version: number | null;
}

export type NewAuditRow = Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'key_version'>;

export interface ChainHead {
  chain: string;
  seq: number;
  hash: Uint8Array;
}

/** Locks the chain's head; the next sequence number and the MAC it must chain from. */
export async function reserveHead(q: Queryable, chain: string): Promise<{ seq: number; prev: Buffer }> {
  const [r] = await q.query<{ next_seq: number; prev_mac: Uint8Array }>('SELECT next_seq, prev_mac FROM audit_reserve($1)', [chain]);
  return { seq: Number(r.next_seq), prev: Buffer.from(r.prev_mac) };
}

export async function commitEvent(q: Queryable, row: NewAuditRow, prev: Buffer, mac: Buffer, keyVersion: number): Promise<number> {
  const [r] = await q.query<{ id: number }>('SELECT audit_commit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) AS id', [
    row.chain,
    row.seq,
    prev,
    mac,
    keyVersion,
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
  ]);
  return Number(r.id);
}

export async function listHeads(q: Queryable, chain?: string): Promise<ChainHead[]> {
  const rows = await q.query<ChainHead>(
    chain === undefined ? 'SELECT chain, seq, hash FROM audit_chain_heads ORDER BY chain' : 'SELECT chain, seq, hash FROM audit_chain_heads WHERE chain = $1',
    chain === undefined ? [] : [chain],
  );
  return rows.map((h) => ({ ...h, seq: Number(h.seq) }));
}

/** Chains that have rows but no head (the head row was deleted). */
export async function chainsWithoutHead(q: Queryable, chain?: string): Promise<string[]> {
  const rows = await q.query<{ chain: string }>(
    `SELECT DISTINCT e.chain FROM audit_events e WHERE ($1::text IS NULL OR e.chain = $1)
       AND NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.chain = e.chain) ORDER BY 1`,
    [chain ?? null],
  );
  return rows.map((r) => r.chain);
}

export async function readChainPage(q: Queryable, chain: string, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return q.query<AuditRow>('SELECT * FROM audit_events WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3', [chain, afterSeq, limit]);
}

/** Heads worth a checkpoint (any event written). */
export async function listNonEmptyHeads(q: Queryable): Promise<ChainHead[]> {
  const rows = await q.query<ChainHead>('SELECT chain, seq, hash FROM audit_chain_heads WHERE seq > 0 ORDER BY chain');
  return rows.map((h) => ({ ...h, seq: Number(h.seq) }));
}

/** One refused access counted in the transaction's own bucket; see audit_note_denial in 0008. */
export async function noteDenial(
  q: Queryable,
  d: { actorType: string; actorId: string | null; action: string; requestId: string | null; probe?: { uuids: string[]; ints: string[] } },
): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT audit_note_denial($1, $2, $3, $4, $5, $6) AS n', [
    d.actorType,
    d.actorId,
    d.action,
    d.requestId,
    d.probe ? d.probe.uuids : null,
    d.probe ? d.probe.ints : null,
  ]);
  return Number(r.n);
}

export interface ClosedBucket {
  chain: string;
  workspace_id: string | null;
  actor_type: string;
  actor_id: string;
  action: string;
  minute: Date;
  count: number;
  first_request_id: string | null;
}

/**
 * Takes (deletes and returns) up to `limit` buckets whose minute has ended, skipping rows another
 * sweeper holds; ordered by chain so two sweepers lock chain heads in the same order.
 */
export async function takeClosedBuckets(q: Queryable, closedBefore: Date | null, limit: number): Promise<ClosedBucket[]> {
  const rows = await q.query<ClosedBucket>(
    `DELETE FROM audit_denial_buckets b USING (
       SELECT chain, actor_type, actor_id, action, minute FROM audit_denial_buckets
       WHERE minute < coalesce($1::timestamptz, date_trunc('minute', now()))
       ORDER BY chain LIMIT $2 FOR UPDATE SKIP LOCKED) s
     WHERE b.chain = s.chain AND b.actor_type = s.actor_type AND b.actor_id = s.actor_id AND b.action = s.action AND b.minute = s.minute
     RETURNING b.*`,
    [closedBefore, limit],
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) })).sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

export interface AuditEventFilter {
  actorId?: string;
  action?: string;
  /** Matches every action that starts with it (`token.` for `token.*`). */
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  /** The cursor: only events older than this id. */
  beforeId?: number;
}

/** A workspace's events, newest first. */
export async function listWorkspaceEvents(
  q: Queryable,
  workspaceId: string,
  f: AuditEventFilter,
  limit: number,
): Promise<Omit<AuditRow, 'chain' | 'workspace_id' | 'prev_hash' | 'hash' | 'key_version'>[]> {
  const where = ['workspace_id = $1'];
  const params: unknown[] = [workspaceId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.actorId) add('actor_id = ?', f.actorId);
  if (f.action) add('action = ?', f.action);
  if (f.actionPrefix) add('action LIKE ?', `${f.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.targetType) add('target_type = ?', f.targetType);
  if (f.targetId) add('target_id = ?', f.targetId);
  if (f.since) add('occurred_at >= ?', f.since);
  if (f.until) add('occurred_at < ?', f.until);
  if (f.beforeId !== undefined) add('id < ?', f.beforeId);
  params.push(limit);
  return q.query(
    `SELECT id, seq, occurred_at, actor_type, actor_id, action, target_type, target_id, outcome, request_id, metadata
     FROM audit_events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
}
