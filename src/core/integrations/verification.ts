// Live verification: one cheap real call with the stored credential through the provider's
// adapter, on create (?verify=true) or as an `integrations.verify` operation run. The credential
// is opened for use inside this process only (never returned), the call is confined to the
// origins the credential was stored for, and the outcome (a core reason code) is recorded on
// the integration and in the audit log. No database transaction is held during the call.
import { type OutboundObserver, observed } from '../../providers/outbound/observed.ts';
import type { Logger } from 'pino';
import type { Db, Queryable } from '../../db/database.ts';
import type { ProviderBaseUrls } from '../../providers/integrations/base-urls.ts';
import { getProviderSpec } from '../../providers/integrations/catalog.ts';
import type { OutboundRequestFn } from '../../providers/outbound/outbound-client.ts';
import type { ProviderCheckResult } from '../../providers/reason-codes.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RunExecutor, RunType } from '../runs/run-engine.ts';
import type { Vault } from '../vault/vault.ts';
import { bindToOrigins } from './credential-origins.ts';
import { findIntegration, recordVerification } from './integration-repository.ts';
import { CREDENTIALS_FIELD, type IntegrationRow, RECORD_TYPE } from './types.ts';

export const VERIFY_RUN_TYPE = 'integrations.verify';
export const verifyScopeKey = (integrationId: string) => `integration:${integrationId}`;

export interface VerifierDeps {
  db: Db;
  vault: Vault;
  fetch: OutboundRequestFn;
  baseUrls: ProviderBaseUrls;
  timeoutMs: number;
  logger: Logger;
  /** Times each call to the provider (metrics). */
  observe?: OutboundObserver;
}

export interface Actor {
  type: string;
  id: string | null;
}

const NEXT_STEPS: Record<string, string> = {
  authentication_failed: 'Replace the credentials with PATCH /sfp/api/integrations/{id}.',
  permission_denied: 'Grant the credential the access the provider requires, or replace it.',
  missing_configuration: 'Complete the integration configuration (see the failure message for the field).',
  throttled: 'Wait for the provider rate limit to reset, then verify again.',
  dependency_unreachable: 'Check that the provider is reachable from this server, then verify again.',
};

/** Opens the stored credential for use inside this process. */
export async function openCredentials(vault: Vault, q: Queryable, row: IntegrationRow): Promise<Record<string, unknown> | null> {
  const text = await vault.open(q, { workspaceId: row.workspace_id, recordType: RECORD_TYPE, recordId: row.id, field: CREDENTIALS_FIELD });
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

export function createVerifier(deps: VerifierDeps) {
  const { db, vault } = deps;

  /** The adapter's check, confined to the credential's stored origins. Never throws. */
  function check(row: IntegrationRow, credentials: Record<string, unknown>, signal?: AbortSignal): Promise<ProviderCheckResult> {
    return getProviderSpec(row.provider).verify(
      { authType: row.auth_type, credentials, config: row.config },
      {
        fetch: observed(bindToOrigins(deps.fetch, row.credential_origins), row.provider, deps.observe),
        baseUrls: deps.baseUrls,
        timeoutMs: deps.timeoutMs,
        signal,
      },
    );
  }

  /** Verifies a stored integration now; null when it does not exist (or no longer does). */
  async function verifyStored(
    workspaceId: string,
    integrationId: string,
    meta: { actor: Actor; requestId: string | null; trigger: 'create' | 'run' },
    signal?: AbortSignal,
  ): Promise<{ row: IntegrationRow; result: ProviderCheckResult } | null> {
    const loaded = await db.workspaceTx(workspaceId, async (q) => {
      const row = await findIntegration(q, workspaceId, integrationId);
      if (!row) return null;
      const credentials = await openCredentials(vault, q, row);
      return credentials ? { row, credentials } : null;
    });
    if (!loaded) return null;
    const result = await check(loaded.row, loaded.credentials, signal);
    const ok = result.reasonCode === 'ok';
    // Codes and ids only: the adapter's message is already scrubbed, but a log needs no more than this.
    deps.logger.info(
      { integration: integrationId, provider: loaded.row.provider, reason_code: result.reasonCode, trigger: meta.trigger, latency_ms: result.latencyMs },
      'integration verified',
    );
    const row = await db.workspaceTx(workspaceId, async (q) => {
      const recorded = await recordVerification(q, workspaceId, integrationId, loaded.row.revision, {
        status: ok ? 'verified' : 'failed',
        reasonCode: result.reasonCode,
        message: result.message,
      });
      await appendAudit(q, {
        workspaceId,
        actor: meta.actor,
        action: 'integration.verified',
        target: { type: 'integration', id: integrationId },
        outcome: ok ? 'success' : 'failure',
        requestId: meta.requestId,
        metadata: { provider: loaded.row.provider, reason_code: result.reasonCode, trigger: meta.trigger, recorded },
      });
      return findIntegration(q, workspaceId, integrationId);
    });
    return row ? { row, result } : null;
  }

  const executor: RunExecutor = async ({ run, signal }) => {
    const id = run.target_id ?? '';
    const outcome = await verifyStored(
      run.workspace_id,
      id,
      { actor: { type: run.initiator_type, id: run.initiator_id }, requestId: null, trigger: 'run' },
      signal,
    );
    if (!outcome) {
      return { outcome: 'failed', reasonCode: 'invalid_state', failureSummary: 'the integration no longer exists', nextSteps: [] };
    }
    const { result } = outcome;
    const ok = result.reasonCode === 'ok';
    const baseCode = result.reasonCode.startsWith('ext.') ? null : result.reasonCode;
    return {
      outcome: ok ? 'succeeded' : 'failed',
      reasonCode: result.reasonCode,
      summary: { provider: outcome.row.provider, ...(result.latencyMs !== undefined ? { latencyMs: result.latencyMs } : {}) },
      failureSummary: ok ? null : result.message,
      nextSteps: ok ? [] : [NEXT_STEPS[baseCode ?? ''] ?? 'Check the integration and verify again.'],
      result: { reasonCode: result.reasonCode, message: result.message, ...(result.details ? { details: result.details } : {}) },
    };
  };

  /**
   * Started again when its worker is lost: verification is one read-only call to the provider
   * (GET /user, a models list, …) and records its answer on the integration, which a repeat
   * only refreshes.
   */
  const runType: RunType = { execute: executor, retryWhenWorkerLost: true };
  return { check, verifyStored, runType };
}

export type Verifier = ReturnType<typeof createVerifier>;
