// Admin consent: the link (Microsoft's v2 admin-consent endpoint for the connection's Entra
// tenant, with a signed single-use state) and the callback. The callback's authority is the state
// alone: the `tenant` Microsoft echoes is never used to decide anything, only compared and, when it
// differs from the connection's tenant, recorded as a failure.
import type { Config } from '../../config.ts';
import type { Db, Queryable } from '../../db/database.ts';
import { buildAdminConsentUrl } from '../../providers/microsoft/consent-url.ts';
import { mapEntraError } from '../../providers/microsoft/errors.ts';
import { sanitizeMessage } from '../../providers/microsoft/sanitize.ts';
import { isGuid } from '../../providers/microsoft/tenant-id.ts';
import { actorOf } from '../access/principal.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { JobEnqueuer, StartDisposition } from '../runs/run-service.ts';
import type { Keyring } from '../vault/keyring.ts';
import { type ConnectionRef, onConnection } from './connection-access.ts';
import type { ConnectionRecord, ConnectionType } from './connection-record.ts';
import { findConnection, updateConnection } from './connection-repository.ts';
import { CONSENT_STATE_TTL_SECONDS, consumeConsentState, insertConsentState, newNonce, signState, verifyState } from './consent-state.ts';
import { effectiveAppId } from './credentials.ts';
import { startConnectionRun } from './run-start.ts';

export interface ConsentDeps {
  db: Db;
  keyring: Keyring;
  engine: JobEnqueuer;
  config: Config;
}

export interface ConsentCallbackQuery {
  state?: string;
  tenant?: string;
  admin_consent?: string;
  error?: string;
  error_description?: string;
}

export type ConsentCallbackResult =
  | { kind: 'invalid_state' }
  | { kind: 'not_found' }
  | { kind: 'granted'; connection: ConnectionRecord; run: { id: number; disposition: StartDisposition } }
  | { kind: 'failed'; connection: ConnectionRecord; reasonCode: string; message: string };

/** What Microsoft's answer means: a refusal is a permission problem, an AADSTS code maps like a token error. */
function consentFailure(q: ConsentCallbackQuery): { reasonCode: string; message: string; aadsts?: string; providerCode?: string } {
  if (!q.error) return { reasonCode: 'permission_denied', message: 'Admin consent was not granted.' };
  const info = mapEntraError({ status: 400, body: { error: q.error, error_description: q.error_description ?? '' } });
  const declined = q.error === 'access_denied' || info.aadsts === '65004';
  return {
    reasonCode: declined ? 'permission_denied' : info.reasonCode,
    message: `Admin consent failed: ${info.message}`.slice(0, 500),
    aadsts: info.aadsts,
    providerCode: info.providerCode,
  };
}

export function createConsentService(deps: ConsentDeps) {
  const { db, keyring, config } = deps;

  async function link(ctx: RequestContext, ref: ConnectionRef): Promise<{ url: string; client_id: string; connection_type: ConnectionType; expires_at: string }> {
    return onConnection(db, ctx, ref, 'providers.manage', {}, async (q, c) => {
      const clientId = effectiveAppId(c, config);
      if (!clientId) {
        throw new AppError(
          'provider_connection.app_not_configured',
          c.connection_type === 'platform'
            ? "the operator's platform app registration is not configured (SWITCHBOARD_MS_PLATFORM_CLIENT_ID)"
            : 'the dedicated connection has no credential yet; attach one first',
        );
      }
      const nonce = newNonce();
      const expiresAt = new Date(Date.now() + CONSENT_STATE_TTL_SECONDS * 1000);
      await insertConsentState(q, { nonce, workspaceId: c.workspace_id, connectionId: c.id, actor: actorOf(ctx.principal), expiresAt });
      const state = signState(keyring, { n: nonce, w: c.workspace_id, c: c.id, e: Math.floor(expiresAt.getTime() / 1000) });
      const url = buildAdminConsentUrl({
        authorityHost: config.microsoft.authorityHost,
        entraTenantId: c.entra_tenant_id,
        clientId,
        redirectUri: config.microsoft.consentRedirectUri,
        state,
      });
      await appendAudit(q, {
        workspaceId: c.workspace_id,
        actor: actorOf(ctx.principal),
        action: 'provider_connection.consent_link_created',
        target: { type: 'provider_connection', id: c.id },
        outcome: 'success',
        requestId: ctx.requestId,
        metadata: { number: c.number, client_id: clientId, connection_type: c.connection_type, expires_at: expiresAt.toISOString() },
      });
      return { url, client_id: clientId, connection_type: c.connection_type, expires_at: expiresAt.toISOString() };
    });
  }

  async function callback(query: ConsentCallbackQuery, requestId: string): Promise<ConsentCallbackResult> {
    const payload = verifyState(keyring, query.state);
    if (!payload) return { kind: 'invalid_state' };
    return db.workspaceTx(payload.w, async (q): Promise<ConsentCallbackResult> => {
      const c = await findConnection(q, { id: payload.c }, true);
      if (!c) return { kind: 'not_found' };
      const actor = await consumeConsentState(q, payload);
      if (!actor) return { kind: 'invalid_state' }; // replayed or expired: nothing written
      const reported = query.tenant ? sanitizeMessage(query.tenant).slice(0, 100) : null;
      const audit = (action: string, outcome: 'success' | 'failure', metadata: Record<string, unknown>) =>
        appendAudit(q, {
          workspaceId: c.workspace_id,
          actor,
          action,
          target: { type: 'provider_connection', id: c.id },
          outcome,
          requestId,
          metadata: { number: c.number, reported_tenant: reported, ...metadata },
        });

      let failure: ReturnType<typeof consentFailure> | null = null;
      if (query.error || !/^true$/i.test(query.admin_consent ?? '')) failure = consentFailure(query);
      else if (reported && isGuid(c.entra_tenant_id) && reported.toLowerCase() !== c.entra_tenant_id) {
        failure = {
          reasonCode: 'invalid_state',
          message: `Consent was granted in a different Entra tenant (${reported}) than the connection names (${c.entra_tenant_id}).`,
        };
      }
      if (failure) {
        const updated = await updateConnection(q, c.id, {
          consent_status: 'failed',
          status: c.status === 'disabled' ? undefined : 'needs_consent',
          last_error_reason_code: failure.reasonCode,
          last_error_message: failure.message,
        });
        await audit('provider_connection.consent_failed', 'failure', {
          reason_code: failure.reasonCode,
          aadsts: failure.aadsts ?? null,
          error: failure.providerCode ? sanitizeMessage(failure.providerCode).slice(0, 100) : null,
        });
        return { kind: 'failed', connection: updated, reasonCode: failure.reasonCode, message: failure.message };
      }

      let updated = await updateConnection(q, c.id, { consent_status: 'granted', last_error_reason_code: null, last_error_message: null });
      await audit('provider_connection.consent_granted', 'success', {});
      const r = await startConnectionRun(q, deps, updated, 'verification', actor, requestId);
      const verification = r.disposition === 'created' || r.disposition === 'deduped' ? 'pending' : r.disposition === 'blocked' ? 'blocked' : undefined;
      if (verification) updated = await updateConnection(q, c.id, { verification_status: verification });
      return { kind: 'granted', connection: updated, run: { id: Number(r.run.id), disposition: r.disposition } };
    });
  }

  return { link, callback };
}

export type ConsentService = ReturnType<typeof createConsentService>;
