// Which refused requests the audit trail records, decided on the central error path (one call from
// src/http/error-handler.ts) so no route can forget it:
//   * every 403 or 404 of a route that reads secrets (its config names the audited action, e.g.
//     `config: { auditRefusals: 'integration.credentials_read' }`), which covers capability and
//     narrowing refusals, `integrations.filter_required` and "nothing found for these filters";
//   * every refusal because a token is narrowed (`details.narrowed`), on any route;
//   * a `*.not_found` on a route with id parameters, when a workspace principal named the id of a
//     record of another workspace (checked in the database; a plain miss is not recorded).
// The response is never changed: the caller gets the same 404 either way.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { AppError } from '../errors.ts';
import type { Denial, DenialRecorder } from './denials.ts';
import { isUuid } from '../../lib/uuid.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route reads secrets: its 403 and 404 answers are audited as this action, outcome denied. */
    auditRefusals?: string;
  }
  interface FastifyInstance {
    auditDenials?: DenialRecorder;
  }
}

const INT8 = /^[1-9]\d{0,17}$/; // a positive bigint (18 digits always fit)

/** Caller input kept on an audit row: short strings only. */
function clip(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function denialFor(req: FastifyRequest, p: Principal, err: AppError, status: number): Denial | null {
  const route = `${req.method} ${req.routeOptions.url ?? ''}`;
  const base = { workspaceId: p.workspaceId, actor: { type: p.kind, id: p.actorId }, requestId: req.id };
  const secretAction = req.routeOptions.config?.auditRefusals;
  if (secretAction && (status === 403 || status === 404)) {
    const query = (req.query ?? {}) as Record<string, unknown>;
    return {
      ...base,
      action: secretAction,
      target: { type: 'route', id: route },
      metadata: { status, code: err.code, filter: { provider: clip(query.provider), project: clip(query.project) } },
    };
  }
  if (err.details?.narrowed === true) {
    return { ...base, action: 'access.outside_narrowing', target: { type: 'route', id: route }, metadata: { status, code: err.code } };
  }
  if (status !== 404 || !err.code.endsWith('.not_found') || p.kind === 'vendor' || !p.workspaceId) return null;
  const values = Object.values((req.params ?? {}) as Record<string, unknown>).map((v) => String(v));
  const probe = { uuids: values.filter((v) => isUuid(v)), ints: values.filter((v) => INT8.test(v)) };
  if (probe.uuids.length + probe.ints.length === 0) return null;
  return {
    ...base,
    action: 'access.cross_workspace',
    target: { type: 'route', id: route },
    metadata: { status, code: err.code, ids: [...probe.uuids, ...probe.ints] },
    probe,
  };
}

/** Records the refusal if it is one the audit trail keeps; never throws, never changes the reply. */
export async function auditRefusal(req: FastifyRequest, err: unknown, status: number): Promise<void> {
  const p = req.principal;
  const recorder = (req.server as FastifyInstance | undefined)?.auditDenials;
  if (!p || !recorder || !(err instanceof AppError) || (status !== 403 && status !== 404)) return;
  const denial = denialFor(req, p, err, status);
  if (!denial) return;
  try {
    await recorder.record(denial);
  } catch (e) {
    req.log.error({ err: { message: (e as Error).message }, action: denial.action }, 'could not audit a refused request');
  }
}
