// An operation run as the management API and the console show it (one shape for both).
import { type Static, Type } from 'typebox';
import { literalUnion } from '../../lib/literal-union.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const OperationRun = Type.Object({
  id: Type.Integer(),
  workspace_id: Uuid,
  tenant_id: Type.Union([Type.Integer(), Type.Null()]),
  type: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed')]),
  outcome: literalUnion(['pending', 'succeeded', 'partially_succeeded', 'failed', 'cancelled', 'blocked']),
  reason_code: Nullable(Type.String()),
  target: Type.Union([Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  summary: Type.Record(Type.String(), Type.Unknown()),
  progress: Type.Object({
    done: Type.Optional(Type.Number()),
    total: Type.Optional(Type.Number()),
    message: Type.Optional(Type.String()),
    /** The Microsoft Graph throttle budget (app, Entra tenant) as the run met it. */
    throttle: Type.Optional(
      Type.Object({
        throttled_until: Nullable(Type.String()),
        pace_per_second: Type.Number(),
        burst: Type.Number(),
        waits: Type.Integer(),
        waited_ms: Type.Integer(),
        throttled: Type.Integer(),
      }),
    ),
  }),
  failure_summary: Nullable(Type.String()),
  next_steps: Type.Array(Type.String()),
  result: Type.Unknown(),
  initiator: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  /** 1 for a run as started; n + 1 for the run the reaper started again after attempt n lost its worker. */
  attempt: Type.Integer({ minimum: 1 }),
  /** The run this one starts again (its worker was lost), or null. */
  retry_of: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  completed_at: Nullable(Type.String()),
  updated_at: Type.String(),
  view_url: Type.String(),
});
export type OperationRun = Static<typeof OperationRun>;
