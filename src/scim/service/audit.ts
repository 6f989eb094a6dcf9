// Every SCIM write is on the workspace's audit trail: the configuration (the identity provider
// holding its token) as actor, the user or group as target, the operation as action — never an
// attribute value (names, emails and the rest are personal data the trail has no need of). Written
// in the write's own transaction, so a write that commits is audited and one that rolls back is not.
import { appendAudit } from '../../core/audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { ScimContext } from './context.ts';

export type ScimWrite = 'created' | 'replaced' | 'patched' | 'deleted';

export async function auditScimWrite(
  q: Queryable,
  ctx: ScimContext,
  resource: 'user' | 'group',
  write: ScimWrite,
  id: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(q, {
    workspaceId: ctx.workspaceId,
    actor: { type: 'scim', id: `scim_configuration:${ctx.configurationId}` },
    action: `scim.${resource}.${write}`,
    target: { type: resource === 'user' ? 'scim_user' : 'scim_group', id },
    outcome: 'success',
    requestId: ctx.requestId,
    metadata: { configuration_id: ctx.configurationId, ...extra },
  });
}
