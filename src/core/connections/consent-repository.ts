// SQL of admin consent: the single-use rows behind the signed state (consent-token.ts), the proven
// consent and the Entra tenant binding (0009_consent_proof.sql). The binding table is written only
// by the database's own trigger; the app asks one question of it.
import type { Queryable } from '../../db/database.ts';
import type { ConnectionRecord } from './connection-record.ts';
import type { ConsentStatePayload } from './consent-token.ts';

/**
 * Is this Entra tenant bound to another workspace than the transaction's? Also takes the tenant's
 * binding lock until the transaction ends, so a consent recorded after a `false` cannot race
 * another workspace's.
 */
export async function entraTenantBoundElsewhere(q: Queryable, entraTenantId: string): Promise<boolean> {
  const [row] = await q.query<{ bound: boolean }>('SELECT switchboard_entra_tenant_bound_elsewhere($1) AS bound', [entraTenantId]);
  return row?.bound === true;
}

/** Records a consent Microsoft proved: granted, with the tenant it proved (the trigger takes the binding for platform connections). */
export async function recordProvenConsent(q: Queryable, id: string, tenantId: string): Promise<ConnectionRecord> {
  const [row] = await q.query<ConnectionRecord>(
    `UPDATE provider_connections
     SET consent_status = 'granted', consented_tenant_id = $2, last_error_reason_code = NULL, last_error_message = NULL, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id, tenantId],
  );
  return row;
}

/** The unique violation the binding trigger raises when another workspace holds the tenant. */
function isBindingConflict(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'entra_tenant_bindings_pkey';
}

export async function insertConsentState(
  q: Queryable,
  s: { nonce: string; workspaceId: string; connectionId: string; actor: { type: string; id: string | null }; expiresAt: Date },
): Promise<void> {
  await q.query(`INSERT INTO consent_states (nonce, workspace_id, connection_id, principal_type, principal_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
    s.nonce,
    s.workspaceId,
    s.connectionId,
    s.actor.type,
    s.actor.id,
    s.expiresAt,
  ]);
}

/** Marks the state used, once: a replay (or an expired row) finds nothing and changes nothing. */
export async function consumeConsentState(q: Queryable, p: ConsentStatePayload): Promise<{ type: string; id: string | null } | null> {
  const [row] = await q.query<{ principal_type: string; principal_id: string | null }>(
    `UPDATE consent_states SET used_at = now()
     WHERE nonce = $1 AND workspace_id = $2 AND connection_id = $3 AND used_at IS NULL AND expires_at > now()
     RETURNING principal_type, principal_id`,
    [p.n, p.w, p.c],
  );
  return row ? { type: row.principal_type, id: row.principal_id } : null;
}

/** Housekeeping: states expire after ten minutes; keep a day for investigation, then drop them. */
export async function purgeConsentStates(q: Queryable): Promise<number> {
  const rows = await q.query(`DELETE FROM consent_states WHERE expires_at < now() - interval '1 day' RETURNING nonce`);
  return rows.length;
}
