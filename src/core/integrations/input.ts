// The create and update bodies of an integration: their shape as TypeBox schemas (the routes
// validate against them before a handler runs; a failure is the contract's 400 naming the field,
// built in src/http/error-handler.ts), and what the schemas cannot say, checked here: the
// provider's own credential and config shapes (src/providers/integrations), and the scope rules.
// Every failure is a 400 naming the field (`details.field`); messages never echo a value.
import { type Static, Type } from 'typebox';
import { validateIntegrationInput } from '../../providers/integrations/catalog.ts';
import { AUTH_TYPES, type IntegrationAuthType, type IntegrationProvider, PROVIDERS } from '../../providers/integrations/names.ts';
import { AppError, type ErrorCode } from '../errors.ts';

/** The code of every 400 about a create or update body: its schema's (the routes' `validationCode`) and the checks here. */
export const INTEGRATION_VALIDATION_CODE: ErrorCode = 'integration.validation_failed';
export const invalidField = (field: string, message: string) => new AppError(INTEGRATION_VALIDATION_CODE, message, { field });

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

export interface CreateInput {
  provider: IntegrationProvider;
  authType: IntegrationAuthType;
  credentials: Record<string, unknown>;
  config: Record<string, unknown>;
  isGlobal: boolean;
  projects: string[];
  isDefault: boolean;
}

export interface UpdateInput {
  credentials?: Record<string, unknown>;
  config?: Record<string, unknown>;
  isDefault?: boolean;
  /** Immutable fields the body named, to compare with the stored integration. */
  immutable: Pick<UpdateIntegrationBody, 'provider' | 'authType' | 'isGlobal' | 'projects'>;
}

/** A body that passed CreateIntegrationBody: the provider's checks and the scope rules. */
export function parseCreate(body: CreateIntegrationBody): CreateInput {
  const valid = validateIntegrationInput(body.provider, body.authType, body.credentials, body.config);
  if (!valid.ok) throw invalidField(valid.field, valid.message);
  const isGlobal = body.isGlobal ?? false;
  const isDefault = body.isDefault ?? false;
  const projects = [...new Set(body.projects ?? [])];
  if (!isGlobal && projects.length === 0) throw invalidField('isGlobal', 'Either isGlobal or projects must be specified');
  if (isGlobal && projects.length > 0) throw invalidField('projects', 'An integration is either global or scoped to projects, not both');
  if (isDefault && !isGlobal) throw invalidField('isDefault', 'Only global integrations can be default');
  return {
    provider: valid.value.provider,
    authType: valid.value.authType,
    credentials: valid.value.credentials,
    config: valid.value.config ?? {},
    isGlobal,
    projects,
    isDefault,
  };
}

/** A body that passed UpdateIntegrationBody, split into changes and restated immutable fields. */
export function parseUpdate(body: UpdateIntegrationBody): UpdateInput {
  const { credentials, config, isDefault, ...immutable } = body;
  return { credentials, config, isDefault, immutable };
}
