// The provider connection's view from its record, shared by provider-identity and the console
// (its schema: provider-connection-schema.ts).
import type { ConnectionRecord } from '../../core/connections/connection-record.ts';
import { effectiveAppId, type PlatformAppConfig } from '../../core/connections/credentials.ts';
import { iso } from '../../lib/iso-date.ts';

export function identityView(c: ConnectionRecord, config: PlatformAppConfig) {
  const appId = effectiveAppId(c, config);
  const source = c.connection_type === 'platform' ? 'platform' : c.credential_source;
  return {
    id: c.number,
    provider: c.provider,
    entra_tenant_id: c.entra_tenant_id,
    display_name: c.display_name,
    connection_type: c.connection_type,
    consent_status: c.consent_status,
    verification_status: c.verification_status,
    health_status: c.health_status,
    // Omitted (not null) while unknown: the contract types them as plain strings.
    ...(appId ? { effective_app_id: appId } : {}),
    ...(source ? { credential_source: source } : {}),
    migration_review_required: c.migration_review_required,
    uuid: c.id,
    tenant_id: c.tenant_id,
    is_default: c.is_default,
    status: c.status,
    ...(c.credential_kind ? { credential_kind: c.credential_kind } : {}),
    last_health_check_at: iso(c.last_health_check_at),
    last_error_reason_code: c.last_error_reason_code,
    last_error_message: c.last_error_message,
  };
}
