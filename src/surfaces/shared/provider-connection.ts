// A provider connection as provider-identity shows it (integer id, platform vs dedicated
// identity), which the console shows too: the schema and the view from the record, in one place.
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import type { ConnectionRecord } from '../../core/connections/connection-record.ts';
import { effectiveAppId } from '../../core/connections/credentials.ts';

const lit = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const ProviderConnectionResponse = Type.Object({
  id: Type.Integer(),
  provider: Type.String(),
  entra_tenant_id: Type.String(),
  display_name: Type.String(),
  connection_type: lit(['platform', 'dedicated']),
  consent_status: lit(['unknown', 'required', 'granted', 'failed', 'revoked']),
  verification_status: lit(['unknown', 'pending', 'healthy', 'degraded', 'blocked', 'error']),
  health_status: Type.String(),
  effective_app_id: Type.Optional(Type.String()),
  credential_source: Type.Optional(Type.String()),
  migration_review_required: Type.Boolean(),
  // Additions (the contract's fields are all above):
  uuid: Type.String({ format: 'uuid', description: 'The same connection on the provider-foundation surface.' }),
  tenant_id: Type.Integer(),
  is_default: Type.Boolean(),
  status: Type.String(),
  credential_kind: Type.Optional(lit(['client_secret', 'certificate'])),
  last_health_check_at: nullable(Type.String({ format: 'date-time' })),
  last_error_reason_code: nullable(Type.String()),
  last_error_message: nullable(Type.String()),
});

export function identityView(c: ConnectionRecord, config: Config) {
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
