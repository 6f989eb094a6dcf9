// The door every workspace-scoped service call goes through: the caller must belong to the
// workspace (else 404, as if it did not exist), the workspace must exist, the caller must hold
// the capability (else 403), and the work runs in a transaction confined by row-level security.
import type { Db, Queryable } from '../../db/database.ts';
import type { RequestContext } from '../context.ts';
import { workspaceExists } from '../identity/workspace-repository.ts';
import { isUuid } from '../../lib/uuid.ts';
import { AppError } from '../errors.ts';
import type { Capability } from './capabilities.ts';
import { assertCapability, assertWorkspaceAccess } from './principal.ts';

export async function inWorkspace<T>(
  db: Db,
  ctx: RequestContext,
  workspaceId: string,
  capability: Capability | null,
  fn: (q: Queryable) => Promise<T>,
): Promise<T> {
  assertWorkspaceAccess(ctx.principal, workspaceId);
  if (!isUuid(workspaceId)) {
    throw new AppError('workspace.not_found', 'workspace not found');
  }
  return db.workspaceTx(
    workspaceId,
    async (q) => {
      if (ctx.principal.kind === 'vendor') {
        // Only the vendor can name an arbitrary workspace; anyone else was checked above.
        if (!(await workspaceExists(q, workspaceId))) throw new AppError('workspace.not_found', 'workspace not found');
      }
      if (capability) assertCapability(ctx.principal, capability);
      return fn(q);
    },
    actorSetting(ctx),
  );
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Names the caller for what the database writes on its own: the events the webhook triggers emit
 * carry it as their actor (migration 0015, switchboard_current_actor()). Sent with BEGIN, in the
 * same round trip; the values are quoted literals (a guard takes no parameters).
 */
function actorSetting(ctx: RequestContext) {
  const { kind, actorId } = ctx.principal;
  return { sql: `SELECT set_config('switchboard.actor_type', ${literal(kind)}, true), set_config('switchboard.actor_id', ${literal(actorId)}, true)` };
}
