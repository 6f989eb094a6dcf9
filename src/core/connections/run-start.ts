// Starting a run against a connection. The preconditions are checked here; a start that fails
// one still creates a visible, finished run (outcome blocked) with a reason code and next steps.
// Dedupe and scope_busy are the database's (startRun, partial unique indexes on operation_runs).
import type { Queryable } from '../../db/database.ts';
import type { RunRecord } from '../runs/run-record.ts';
import { type JobEnqueuer, type StartDisposition, startRun } from '../runs/run-service.ts';
import { type ConnectionRecord, RUN_TYPES, type RunKind, scopeKeyOf } from './connection-record.ts';
import { type PlatformAppConfig, platformCredential } from './credentials.ts';

const DISABLED_REASON = 'ext.switchboard.connection_disabled';

export interface Blocked {
  reasonCode: string;
  message: string;
  nextSteps: string[];
}

/** Data-reading runs need consent proven; probes (health, verification) are how dedicated connections prove it. */
const NEEDS_CONSENT: ReadonlySet<RunKind> = new Set(['inventory', 'complianceSnapshot']);

export function blockedReason(c: ConnectionRecord, kind: RunKind, config: PlatformAppConfig): Blocked | null {
  if (c.status === 'disabled') {
    return {
      reasonCode: DISABLED_REASON,
      message: 'The connection is disabled; it starts no operations.',
      nextSteps: ['Enable the connection (update its status) before starting operations.'],
    };
  }
  if (c.connection_type === 'platform' && !platformCredential(config)) {
    return {
      reasonCode: 'missing_configuration',
      message: "The operator's platform app registration is not configured.",
      nextSteps: [
        'Set SWITCHBOARD_MS_PLATFORM_CLIENT_ID and SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET, or switch the connection to dedicated and attach its credential.',
      ],
    };
  }
  if (c.connection_type === 'dedicated' && !c.credential_kind) {
    return {
      reasonCode: 'missing_configuration',
      message: 'The dedicated connection has no credential.',
      nextSteps: ['Attach a client secret or certificate to the connection (PUT dedicated-credential).'],
    };
  }
  if (c.consent_status !== 'granted' && (NEEDS_CONSENT.has(kind) || c.connection_type === 'platform')) {
    return {
      reasonCode: 'permission_denied',
      message: 'Admin consent has not been granted for this connection.',
      nextSteps: [
        'Grant admin consent: generate the admin-consent link and have a Global Administrator of the customer tenant approve it.',
        ...(c.connection_type === 'dedicated' ? ['If consent was granted outside Switchboard, run a health check to confirm it.'] : []),
      ],
    };
  }
  return null;
}

export async function startConnectionRun(
  q: Queryable,
  deps: { engine: JobEnqueuer; config: PlatformAppConfig },
  c: ConnectionRecord,
  kind: RunKind,
  initiator: { type: string; id: string | null },
  requestId: string | null,
): Promise<{ disposition: StartDisposition; run: RunRecord }> {
  return startRun(q, deps.engine, {
    workspaceId: c.workspace_id,
    tenantId: c.tenant_id,
    type: RUN_TYPES[kind],
    scopeKey: scopeKeyOf(c.id),
    inputs: {},
    target: { type: 'provider_connection', id: c.id },
    initiator,
    requestId,
    blocked: blockedReason(c, kind, deps.config),
  });
}
