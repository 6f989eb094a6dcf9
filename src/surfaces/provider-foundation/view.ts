// The connection as provider-foundation-v1 shows it: UUID id, int64 tenant id.
import type { ConnectionRecord } from '../../core/connections/connection-record.ts';
import { iso } from '../../lib/iso-date.ts';

export function foundationView(c: ConnectionRecord) {
  return {
    id: c.id,
    tenant_id: c.tenant_id,
    provider: c.provider,
    entra_tenant_id: c.entra_tenant_id,
    display_name: c.display_name,
    is_default: c.is_default,
    status: c.status,
    // This contract has no "unknown": a connection never checked successfully is not proven up.
    health_status: c.health_status === 'unknown' ? 'down' : c.health_status,
    last_health_check_at: iso(c.last_health_check_at),
    last_error_reason_code: c.last_error_reason_code,
    last_error_message: c.last_error_message,
    number: c.number,
  };
}
