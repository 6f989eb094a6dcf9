// Shapes of the console's own read routes under /console/api (documented in /openapi.json).
import { type Static, Type } from 'typebox';
import { OperationRun } from '../shared/operation-run.ts';
import { ProviderConnectionResponse } from '../shared/provider-connection-schema.ts';

export { errors } from '../../http/error-body.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ConsoleConfig = Type.Object({
  oidc: Type.Union([
    Type.Object({
      issuer: Type.String(),
      clientId: Nullable(Type.String()),
      scopes: Type.String(),
      authorizationEndpoint: Nullable(Type.String()),
      tokenEndpoint: Nullable(Type.String()),
      error: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
});

export const Session = Type.Object({
  kind: Type.String(),
  workspace_id: Nullable(Type.String()),
  role: Nullable(Type.String()),
  capabilities: Type.Array(Type.String()),
  actor: Type.String(),
});

export const ShapeField = Type.Object({
  name: Type.String(),
  label: Type.String(),
  required: Type.Boolean(),
  secret: Type.Boolean(),
  input: Type.Union([Type.Literal('text'), Type.Literal('password'), Type.Literal('textarea'), Type.Literal('url'), Type.Literal('select')]),
  options: Type.Optional(Type.Array(Type.String())),
  pattern: Type.Optional(Type.String()),
  maxLength: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String()),
});
export const IntegrationShapes = Type.Object({
  providers: Type.Array(
    Type.Object({
      provider: Type.String(),
      displayName: Type.String(),
      category: Type.String(),
      authTypes: Type.Array(Type.Object({ authType: Type.String(), credentials: Type.Array(ShapeField), config: Type.Array(ShapeField) })),
    }),
  ),
});

export const RunsQuery = Type.Object(
  {
    target_type: Type.Optional(Type.String({ maxLength: 100 })),
    target_id: Type.Optional(Type.String({ maxLength: 300 })),
    tenant_id: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    type: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export const RunList = Type.Object({ items: Type.Array(OperationRun) });

export const Connections = Type.Array(ProviderConnectionResponse);

export const LimitQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false });
export const ScimUsers = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      userName: Type.String(),
      displayName: Nullable(Type.String()),
      active: Type.Boolean(),
      externalId: Nullable(Type.String()),
      member: Type.Boolean(),
      updatedAt: Type.String(),
    }),
  ),
});
export const ScimGroups = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({ id: Type.String(), displayName: Type.String(), externalId: Nullable(Type.String()), members: Type.Integer(), updatedAt: Type.String() }),
  ),
});

// The shapes above as TypeScript types, for the console (console/src/lib/api-types.ts).
export type ConsoleConfig = Static<typeof ConsoleConfig>;
export type Session = Static<typeof Session>;
export type IntegrationShapes = Static<typeof IntegrationShapes>;
export type RunList = Static<typeof RunList>;
export type Connections = Static<typeof Connections>;
export type ScimUsers = Static<typeof ScimUsers>;
export type ScimGroups = Static<typeof ScimGroups>;
