// Admin consent, proven by Microsoft. The link is the OpenID Connect authorization-code request
// for the connection's Entra tenant (prompt=admin_consent, PKCE S256, a nonce), carrying a signed
// single-use state. The callback's authority is split in two: the state says which connection the
// answer is for (and that someone in its workspace asked), and only Microsoft's verified ID token
// says that an administrator of that connection's tenant consented. Nothing the query says beyond
// the state and the code is trusted — not `admin_consent`, not `tenant` — and no text of it is kept.
//
//   1. state verified and consumed (single use), in a transaction of its own: a refusal from
//      Microsoft (`error=`) is recorded as failed, a missing code as unproven;
//   2. the code redeemed and the ID token verified (network, outside any transaction);
//   3. the decision (consent-decision.ts) and, for platform connections, the tenant binding
//      (another workspace holding it leaves consent required), recorded in a second transaction.
import type { MicrosoftConfig } from '../../config.ts';
import type { Db, Queryable } from '../../db/database.ts';
import { type ConsentProof, type ConsentProver, createConsentProver } from '../../providers/microsoft/consent-proof.ts';
import { describeConsentError } from '../../providers/microsoft/consent-errors.ts';
import { buildConsentAuthorizeUrl } from '../../providers/microsoft/consent-url.ts';
import type { MicrosoftCredential } from '../../providers/microsoft/credentials.ts';
import { actorOf } from '../access/principal.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { JobEnqueuer, StartDisposition } from '../runs/run-service.ts';
import type { Keyring } from '../vault/keyring.ts';
import type { Vault } from '../vault/vault.ts';
import { type ConnectionRef, onConnection } from './connection-access.ts';
import type { ConnectionRecord, ConnectionType } from './connection-record.ts';
import { findConnection, updateConnection } from './connection-repository.ts';
import { CONSENT_REASONS, decideConsent } from './consent-decision.ts';
import { consumeConsentState, entraTenantBoundElsewhere, insertConsentState, recordProvenConsent } from './consent-repository.ts';
import { CONSENT_STATE_TTL_SECONDS, consentSecrets, newNonce, signState, verifyState, type VerifiedConsentState } from './consent-token.ts';
import { effectiveAppId, openCredential, platformCredential } from './credentials.ts';
import { startConnectionRun } from './run-start.ts';

export interface ConsentDeps {
  db: Db;
  keyring: Keyring;
  vault: Vault;
  engine: JobEnqueuer;
  /** The authority, the redirect URI and the platform app the consent link and its callback use. */
  config: { microsoft: Pick<MicrosoftConfig, 'authorityHost' | 'requestTimeoutMs' | 'consentRedirectUri' | 'platformClientId' | 'platformClientSecret'> };
  /** Redeems codes and verifies ID tokens; one per process so the signing keys stay cached. */
  prover?: ConsentProver;
}

export interface ConsentCallbackQuery {
  state?: string;
  code?: string;
  session_state?: string;
  /** Accepted for compatibility with the contract; never trusted, never stored. */
  tenant?: string;
  /** Accepted for compatibility with the contract; never trusted: it proves nothing. */
  admin_consent?: boolean | string;
  error?: string;
  /** Scanned for a known AADSTS number only; never shown or stored. */
  error_description?: string;
}

export type ConsentCallbackResult =
  | { kind: 'invalid_state' }
  | { kind: 'not_found' }
  | { kind: 'granted'; connection: ConnectionRecord; run: { id: number; disposition: StartDisposition } }
  /** Microsoft answered with a refusal: consent `failed`. */
  | { kind: 'failed'; connection: ConnectionRecord; reasonCode: string; message: string }
  /** Nothing proved consent: consent stays `required` (a granted connection keeps its consent). */
  | { kind: 'unproven'; connection: ConnectionRecord; reasonCode: string; message: string };

type Actor = { type: string; id: string | null };

const MAX_MESSAGE = 500;

export function createConsentService(deps: ConsentDeps) {
  const { db, keyring, vault, config } = deps;
  const prover = deps.prover ?? createConsentProver({ authorityHost: config.microsoft.authorityHost, timeoutMs: config.microsoft.requestTimeoutMs });

  async function link(
    ctx: RequestContext,
    ref: ConnectionRef,
  ): Promise<{ url: string; client_id: string; connection_type: ConnectionType; expires_at: string }> {
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
      const version = keyring.activeVersion();
      const expiresAt = new Date(Date.now() + CONSENT_STATE_TTL_SECONDS * 1000);
      await insertConsentState(q, { nonce, workspaceId: c.workspace_id, connectionId: c.id, actor: actorOf(ctx.principal), expiresAt });
      const state = signState(keyring, { n: nonce, w: c.workspace_id, c: c.id, e: Math.floor(expiresAt.getTime() / 1000) }, version);
      const secrets = consentSecrets(keyring, version, nonce);
      const url = buildConsentAuthorizeUrl({
        authorityHost: config.microsoft.authorityHost,
        entraTenantId: c.entra_tenant_id,
        clientId,
        redirectUri: config.microsoft.consentRedirectUri,
        state,
        nonce: secrets.nonce,
        codeChallenge: secrets.codeChallenge,
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

  /** Writes what a callback that proved nothing (or was refused) means, and audits it; never the code, a token or query text. */
  function recorder(q: Queryable, c: ConnectionRecord, actor: Actor, requestId: string) {
    const audit = (action: string, outcome: 'success' | 'failure', metadata: Record<string, unknown>) =>
      appendAudit(q, {
        workspaceId: c.workspace_id,
        actor,
        action,
        target: { type: 'provider_connection', id: c.id },
        outcome,
        requestId,
        metadata: { number: c.number, ...metadata },
      });
    /**
     * A callback that granted nothing: Microsoft's refusal (`failed`) or no proof (`unproven`,
     * consent `required`). Either way a connection that holds consent keeps it: `error=` is query
     * text anyone holding the state could send, and a declined or unproven re-consent leaves
     * Microsoft's grant in place.
     */
    async function notGranted(
      kind: 'failed' | 'unproven',
      reasonCode: string,
      message: string,
      metadata: Record<string, unknown>,
    ): Promise<ConsentCallbackResult> {
      const clipped = message.slice(0, MAX_MESSAGE);
      const keep = c.consent_status === 'granted';
      const updated = await updateConnection(q, c.id, {
        ...(keep ? {} : { consent_status: kind === 'failed' ? 'failed' : 'required', status: c.status === 'disabled' ? undefined : 'needs_consent' }),
        last_error_reason_code: reasonCode,
        last_error_message: clipped,
      });
      await audit(kind === 'failed' ? 'provider_connection.consent_failed' : 'provider_connection.consent_unproven', 'failure', {
        reason_code: reasonCode,
        ...(kind === 'unproven' ? { consent_status: updated.consent_status } : {}),
        ...metadata,
      });
      return { kind, connection: updated, reasonCode, message: clipped };
    }
    return {
      audit,
      refused: (reasonCode: string, message: string, metadata: Record<string, unknown>) => notGranted('failed', reasonCode, message, metadata),
      unproven: (reasonCode: string, message: string, metadata: Record<string, unknown>) => notGranted('unproven', reasonCode, message, metadata),
    };
  }

  type Redeem = { kind: 'redeem'; connection: ConnectionRecord; clientId: string; actor: Actor; credential: MicrosoftCredential };

  /** Step 1: the state is consumed whatever follows, so a code or a refusal is answered once. */
  async function begin(payload: VerifiedConsentState, query: ConsentCallbackQuery, requestId: string): Promise<ConsentCallbackResult | Redeem> {
    return db.workspaceTx(payload.w, async (q): Promise<ConsentCallbackResult | Redeem> => {
      const c = await findConnection(q, { id: payload.c }, true);
      if (!c) return { kind: 'not_found' };
      const actor = await consumeConsentState(q, payload);
      if (!actor) return { kind: 'invalid_state' }; // replayed or expired: nothing written
      const rec = recorder(q, c, actor, requestId);
      if (query.error) {
        // Microsoft's refusal; only a known AADSTS number or OAuth error is kept, in our words.
        const known = describeConsentError({ error: query.error, description: query.error_description });
        const declined = known.error === 'access_denied' || known.aadsts === '65004';
        return rec.refused(declined ? 'permission_denied' : known.reasonCode, `Admin consent failed: ${known.message}`, {
          aadsts: known.aadsts ?? null,
          error: known.error ?? null,
        });
      }
      if (!query.code) {
        return rec.unproven(
          CONSENT_REASONS.unproven,
          'Microsoft sent no authorization code, so nothing proves that an administrator of the tenant consented. Generate a new consent link and have an administrator open it.',
          { problem: 'no_code' },
        );
      }
      const clientId = effectiveAppId(c, config);
      const credential = c.connection_type === 'platform' ? platformCredential(config) : await openCredential(vault, q, c);
      if (!clientId || !credential || credential.clientId !== clientId) {
        return rec.unproven(
          CONSENT_REASONS.unproven,
          c.connection_type === 'platform'
            ? "The platform app's credential is not configured, so Microsoft's answer could not be redeemed."
            : "The dedicated connection's credential is missing, so Microsoft's answer could not be redeemed.",
          { problem: 'no_credential' },
        );
      }
      return { kind: 'redeem', connection: c, clientId, actor, credential };
    });
  }

  /** Step 3: the decision, on the connection as it is now. */
  async function finish(payload: VerifiedConsentState, started: Redeem, proof: ConsentProof, requestId: string): Promise<ConsentCallbackResult> {
    return db.workspaceTx(payload.w, async (q): Promise<ConsentCallbackResult> => {
      const c = await findConnection(q, { id: payload.c }, true);
      if (!c) return { kind: 'not_found' };
      const rec = recorder(q, c, started.actor, requestId);
      if (
        c.connection_type !== started.connection.connection_type ||
        effectiveAppId(c, config) !== started.clientId ||
        c.entra_tenant_id !== started.connection.entra_tenant_id
      ) {
        return rec.unproven(CONSENT_REASONS.unproven, 'The connection changed while consent was in progress; generate a new consent link.', {
          problem: 'connection_changed',
        });
      }
      if (!proof.ok) return rec.unproven(proof.reasonCode, proof.message, { problem: proof.problem, aadsts: proof.aadsts ?? null });
      const decision = decideConsent(c, proof.claims);
      const proven = { proven_tenant: proof.claims.tid, admin_oid: proof.claims.oid ?? null };
      if (!decision.ok) return rec.unproven(decision.reasonCode, decision.message, { problem: decision.problem, ...proven });
      // Dedicated connections prove consent for their own app and take no platform binding.
      if (c.connection_type === 'platform' && (await entraTenantBoundElsewhere(q, decision.tenantId))) {
        return rec.unproven(
          CONSENT_REASONS.boundElsewhere,
          'This Entra tenant is connected to another Switchboard workspace through the platform app. An administrator must release it there (by switching that connection to dedicated) before it can be connected here.',
          { problem: 'tenant_bound_elsewhere', ...proven },
        );
      }
      let updated = await recordProvenConsent(q, c.id, decision.tenantId);
      await rec.audit('provider_connection.consent_granted', 'success', { ...proven, admin_role: decision.adminRole, connection_type: c.connection_type });
      const r = await startConnectionRun(q, deps, updated, 'verification', started.actor, requestId);
      const verification = r.disposition === 'created' || r.disposition === 'deduped' ? 'pending' : r.disposition === 'blocked' ? 'blocked' : undefined;
      if (verification) updated = await updateConnection(q, c.id, { verification_status: verification });
      return { kind: 'granted', connection: updated, run: { id: Number(r.run.id), disposition: r.disposition } };
    });
  }

  async function callback(query: ConsentCallbackQuery, requestId: string): Promise<ConsentCallbackResult> {
    const payload = verifyState(keyring, query.state);
    if (!payload) return { kind: 'invalid_state' };
    const started = await begin(payload, query, requestId);
    if (started.kind !== 'redeem') return started;
    const secrets = consentSecrets(keyring, payload.version, payload.n);
    const proof = await prover.prove({
      entraTenantId: started.connection.entra_tenant_id,
      credential: started.credential,
      code: query.code!,
      redirectUri: config.microsoft.consentRedirectUri,
      codeVerifier: secrets.codeVerifier,
      nonce: secrets.nonce,
    });
    return finish(payload, started, proof, requestId);
  }

  return { link, callback };
}

export type ConsentService = ReturnType<typeof createConsentService>;
