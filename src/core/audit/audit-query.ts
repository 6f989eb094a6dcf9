// Reading the audit log: filters by actor, action, target and time, newest first, with an
// opaque cursor (the last id seen) so pages stay stable while new events arrive.
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../errors.ts';
import { type AuditEventFilter, listWorkspaceEvents } from './audit-repository.ts';
import { iso } from '../../lib/iso-date.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  /** `type:id` or just an id */
  target?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit?: number;
}

function encodeCursor(id: number): string {
  return Buffer.from(`a:${id}`).toString('base64url');
}
function decodeCursor(cursor: string): number {
  const m = /^a:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('audit.cursor_invalid', 'the cursor is not valid');
  return Number(m[1]);
}

export async function queryAuditEvents(q: Queryable, workspaceId: string, f: AuditFilter) {
  const filter: AuditEventFilter = { actorId: f.actor };
  if (f.action) {
    // `token.*` matches a family of actions
    if (f.action.endsWith('.*')) filter.actionPrefix = `${f.action.slice(0, -2)}.`;
    else filter.action = f.action;
  }
  if (f.target) {
    const i = f.target.indexOf(':');
    if (i > 0) {
      filter.targetType = f.target.slice(0, i);
      filter.targetId = f.target.slice(i + 1);
    } else filter.targetId = f.target;
  }
  for (const key of ['since', 'until'] as const) {
    const v = f[key];
    if (!v) continue;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new AppError('audit.filter_invalid', `${key} must be an ISO 8601 date-time`);
    filter[key] = d;
  }
  if (f.cursor) filter.beforeId = decodeCursor(f.cursor);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const rows = await listWorkspaceEvents(q, workspaceId, filter, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: Number(r.id),
      seq: Number(r.seq),
      occurred_at: iso(r.occurred_at),
      actor: { type: r.actor_type, id: r.actor_id },
      action: r.action,
      target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
      outcome: r.outcome,
      request_id: r.request_id,
      metadata: r.metadata,
    })),
    next_cursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1].id)) : null,
  };
}
