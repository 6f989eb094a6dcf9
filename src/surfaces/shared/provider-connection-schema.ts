// A provider connection as provider-identity shows it (integer id, platform vs dedicated
// identity), which the console shows too. Schema only (no imports beyond TypeBox), so the console
// can take its type; the view from the record is provider-connection.ts.
import { Type } from 'typebox';
import { literalUnion } from '../../lib/literal-union.ts';

const lit = literalUnion;
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

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
