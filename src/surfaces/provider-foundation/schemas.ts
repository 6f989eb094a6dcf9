// provider-foundation-v1.yaml as route schemas. Responses carry every field the contract names
// (plus `number`, the same connection's id on the /admin surface); request bodies are closed.
import { type Static, Type } from 'typebox';
import { literalUnion } from '../../lib/literal-union.ts';

const lit = literalUnion;
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export { errors } from '../../http/error-body.ts';

export const TenantParams = Type.Object({ tenantId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
export const ConnectionParams = Type.Object({
  tenantId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  connectionId: Type.String({ format: 'uuid' }),
});

const STATUSES = ['connected', 'needs_consent', 'error', 'disabled'] as const;

export const ProviderConnection = Type.Object({
  id: Type.String({ format: 'uuid' }),
  tenant_id: Type.Integer(),
  provider: lit(['microsoft']),
  entra_tenant_id: Type.String({ description: 'Entra tenant ID (GUID) or verified domain, lower-case' }),
  display_name: Type.String(),
  is_default: Type.Boolean(),
  status: lit(STATUSES),
  health_status: lit(['ok', 'degraded', 'down']),
  last_health_check_at: nullable(Type.String({ format: 'date-time' })),
  last_error_reason_code: nullable(Type.String()),
  last_error_message: nullable(Type.String()),
  number: Type.Integer({ description: 'The same connection on the /admin (provider-identity) surface.' }),
});

export const CreateProviderConnectionRequest = Type.Object(
  {
    provider: lit(['microsoft']),
    entra_tenant_id: Type.String({ minLength: 1, maxLength: 253 }),
    display_name: Type.String({ minLength: 1, maxLength: 200 }),
    is_default: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

export const UpdateProviderConnectionRequest = Type.Object(
  {
    display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    is_default: Type.Optional(Type.Boolean()),
    status: Type.Optional(lit(STATUSES)),
  },
  { additionalProperties: false },
);

export const UpsertCredentialsRequest = Type.Object(
  {
    type: lit(['client_secret']),
    client_id: Type.String({ minLength: 1, maxLength: 200 }),
    client_secret: Type.String({ minLength: 1, maxLength: 1024, description: 'write-only: never returned' }),
  },
  { additionalProperties: false },
);

export const OperationRunRef = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  status: Type.String(),
  outcome: Type.String(),
  reason_code: nullable(Type.String()),
  view_url: nullable(Type.String()),
});

export const ScopeBusyResponse = Type.Object({
  error: lit(['scope_busy']),
  message: Type.String(),
  active_run: OperationRunRef,
  request_id: Type.Optional(Type.String()),
});

// The shapes above as TypeScript types, for the console (console/src/lib/api-types.ts).
export type UpdateProviderConnectionRequest = Static<typeof UpdateProviderConnectionRequest>;
export type OperationRunRef = Static<typeof OperationRunRef>;
export type ScopeBusyResponse = Static<typeof ScopeBusyResponse>;
