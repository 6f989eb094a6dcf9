// The create and update bodies of an integration: their shape as TypeBox schemas (the routes
// validate against them before a handler runs; a failure is the contract's 400 naming the field,
// built in src/http/error-handler.ts), and what the schemas cannot say, checked here: the
// provider's own credential and config shapes (src/providers/integrations), and the scope rules.
// Every failure is a 400 naming the field (`details.field`); messages never echo a value.
import { validateIntegrationInput } from '../../providers/integrations/catalog.ts';
import type { IntegrationAuthType, IntegrationProvider } from '../../providers/integrations/names.ts';
import type { CreateIntegrationBody, UpdateIntegrationBody } from './integration-body.ts';

export { CreateIntegrationBody, UpdateIntegrationBody } from './integration-body.ts';
import { AppError, type ErrorCode } from '../errors.ts';

/** The code of every 400 about a create or update body: its schema's (the routes' `validationCode`) and the checks here. */
export const INTEGRATION_VALIDATION_CODE: ErrorCode = 'integration.validation_failed';
export const invalidField = (field: string, message: string) => new AppError(INTEGRATION_VALIDATION_CODE, message, { field });

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
