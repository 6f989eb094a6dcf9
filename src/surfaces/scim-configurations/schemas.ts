// Shapes of contracts/scim-configurations.yaml, served under /directory. Response schemas list
// every contract field (and the extras this service adds: baseUrl, previousTokenExpiresAt).
import { type Static, Type } from 'typebox';
import { SCIM_SOURCES } from '../../core/scim/scim-sources.ts';
import { UNKNOWN_ATTRIBUTE_POLICIES } from '../../core/scim/unknown-attribute-policy.ts';
import { literalUnion } from '../../lib/literal-union.ts';

export { errors } from '../../http/error-body.ts';

export const TenantHeader = Type.Object(
  { 'frontegg-tenant-id': Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The tenant: its numeric id or its slug' })) },
  { additionalProperties: true },
);

/**
 * Create names the tenant the configuration is for, always: the contract marks the header
 * optional, but a configuration without a tenant cannot exist (a missing one is
 * `scim_configuration.tenant_required`).
 */
export const CreateTenantHeader = Type.Object(
  {
    'frontegg-tenant-id': Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '\\S',
      description: 'The account (tenant) the configuration is for: its numeric id or its slug',
    }),
  },
  { additionalProperties: true },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const ListQuery = Type.Object({
  tenantId: Type.Optional(Type.String({ maxLength: 100 })),
  source: Type.Optional(Type.String({ maxLength: 50 })),
  connectionName: Type.Optional(Type.String({ maxLength: 200 })),
  id: Type.Optional(Type.String({ maxLength: 100 })),
});

export const ConfigurationResponse = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  connectionName: Type.String(),
  source: Type.String(),
  syncToUserManagement: Type.Boolean(),
  unknownAttributePolicy: literalUnion(UNKNOWN_ATTRIBUTE_POLICIES, {
    description: 'What the SCIM endpoint does with a core attribute its schemas do not define: ignore (default) or reject with 400 invalidValue',
  }),
  lastSync: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  baseUrl: Type.String({ description: 'The SCIM 2.0 base URL to give the identity provider' }),
});

export const CreateRequest = Type.Object(
  {
    source: literalUnion(SCIM_SOURCES),
    connectionName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    syncToUserManagement: Type.Optional(Type.Boolean()),
    unknownAttributePolicy: Type.Optional(literalUnion(UNKNOWN_ATTRIBUTE_POLICIES)),
  },
  { additionalProperties: false },
);

export const CreateResponse = Type.Object({
  id: Type.String(),
  connectionName: Type.String(),
  token: Type.String({ description: 'The SCIM bearer token; shown only in this response' }),
  baseUrl: Type.String({ description: 'The SCIM 2.0 base URL to give the identity provider' }),
});

export const RotateResponse = Type.Object({
  id: Type.String(),
  connectionName: Type.String(),
  token: Type.String({ description: 'The new SCIM bearer token; shown only in this response' }),
  baseUrl: Type.String(),
  previousTokenExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Until then the previous token keeps working, unless the rotation is completed first',
  }),
});

export const PatchRequest = Type.Object(
  { syncToUserManagement: Type.Boolean(), unknownAttributePolicy: Type.Optional(literalUnion(UNKNOWN_ATTRIBUTE_POLICIES)) },
  { additionalProperties: false },
);

// The shapes above as TypeScript types, for the console (console/src/lib/api-types.ts).
export type ConfigurationResponse = Static<typeof ConfigurationResponse>;
export type CreateRequest = Static<typeof CreateRequest>;
export type CreateResponse = Static<typeof CreateResponse>;
export type RotateResponse = Static<typeof RotateResponse>;
export type PatchRequest = Static<typeof PatchRequest>;
