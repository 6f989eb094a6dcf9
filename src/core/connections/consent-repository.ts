// SQL of the proven consent and the Entra tenant binding (0009_consent_proof.sql). The binding
// table is written only by the database's own trigger; the app asks one question of it.
import type { Queryable } from '../../db/database.ts';
import type { ConnectionRecord } from './connection-record.ts';

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
export function isBindingConflict(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'entra_tenant_bindings_pkey';
}
