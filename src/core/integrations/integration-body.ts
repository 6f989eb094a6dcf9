// The create and update bodies of an integration as TypeBox schemas: what the routes validate
// before a handler runs (input.ts checks what a schema cannot say). Imports nothing but TypeBox and
// the contract's names, so the console can take the types without the service.
import { type Static, Type } from 'typebox';
import { AUTH_TYPES, PROVIDERS } from '../../providers/integrations/names.ts';

const Provider = Type.Enum(PROVIDERS, { description: 'External service to integrate with' });
const AuthType = Type.Enum(AUTH_TYPES, { description: 'How to authenticate with the provider (which ones depends on the provider)' });
const JsonObject = Type.Record(Type.String(), Type.Unknown());
const ProjectList = Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 500 });

export const CreateIntegrationBody = Type.Object(
  {
    provider: Provider,
    authType: AuthType,
    credentials: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Provider-specific credentials (see the contract for each provider + authType); their fields are checked by the provider',
    }),
    projects: Type.Optional(
      Type.Union([ProjectList, Type.Null()], { description: 'Registered project identifiers to scope the integration to; required unless isGlobal is true' }),
    ),
    isGlobal: Type.Optional(Type.Boolean({ description: 'true: available to all projects' })),
    isDefault: Type.Optional(Type.Boolean({ description: 'Default of the provider category (global integrations only)' })),
    config: Type.Optional(Type.Union([JsonObject, Type.Null()], { description: 'Provider-specific configuration; checked by the provider' })),
  },
  { additionalProperties: false },
);

export const UpdateIntegrationBody = Type.Object(
  {
    credentials: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Replaces the stored credentials (same shape as create)' })),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Replaces the provider-specific configuration' })),
    isDefault: Type.Optional(Type.Boolean({ description: 'Default of the provider category (global integrations only)' })),
    // Immutable: accepted only with the stored value (a different one is 400 integration.immutable).
    provider: Type.Optional(Type.String({ maxLength: 100, description: 'Immutable: accepted only with the stored value' })),
    authType: Type.Optional(Type.String({ maxLength: 100, description: 'Immutable: accepted only with the stored value' })),
    isGlobal: Type.Optional(Type.Boolean({ description: 'Immutable: accepted only with the stored value' })),
    projects: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 500, description: 'Immutable: accepted only with the stored projects' })),
  },
  { additionalProperties: false },
);

export type CreateIntegrationBody = Static<typeof CreateIntegrationBody>;
export type UpdateIntegrationBody = Static<typeof UpdateIntegrationBody>;
