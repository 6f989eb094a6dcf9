// Reading runs as a principal: a run of another workspace is the same 404 as a missing one.
import type { Db } from '../../db/database.ts';
import { assertCapability } from '../access/principal.ts';
import type { RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { RunRecord } from './run-record.ts';
import { findRun } from './run-repository.ts';

export async function getRunForPrincipal(db: Db, ctx: RequestContext, id: number): Promise<RunRecord> {
  const p = ctx.principal;
  const run = p.kind === 'vendor' ? await findRun(db, id) : await db.workspaceTx(p.workspaceId!, (q) => findRun(q, id));
  if (!run) throw new AppError('operation_run.not_found', 'operation run not found');
  assertCapability(p, 'runs.view');
  return run;
}
