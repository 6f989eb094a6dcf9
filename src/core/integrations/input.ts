// Parsing create and update bodies into validated input. Every failure is a 400 naming the field
// (`details.field`); messages come from field names and schema descriptions, never from values.
import { validateIntegrationInput } from '../../providers/integrations/catalog.ts';
import type { IntegrationAuthType, IntegrationProvider } from '../../providers/integrations/names.ts';
import { AppError } from '../errors.ts';

export const invalidField = (field: string, message: string) => new AppError('integration.validation_failed', message, { field });

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
  immutable: { provider?: unknown; authType?: unknown; isGlobal?: unknown; projects?: unknown };
}

const CREATE_FIELDS = new Set(['provider', 'authType', 'credentials', 'projects', 'isGlobal', 'isDefault', 'config']);
const UPDATE_FIELDS = new Set(['credentials', 'config', 'isDefault', 'provider', 'authType', 'projects', 'isGlobal']);

function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidField('body', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

function rejectUnknown(body: Record<string, unknown>, known: Set<string>): void {
  const extra = Object.keys(body).find((k) => !known.has(k));
  if (extra !== undefined) throw invalidField(extra.slice(0, 100), `${extra.slice(0, 100)} is not a recognised field`);
}

function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw invalidField(field, `${field} must be a boolean`);
  return v;
}

function projectList(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalidField('projects', 'projects must be an array of project identifiers');
  if (value.length > 500) throw invalidField('projects', 'projects may name at most 500 projects');
  const out: string[] = [];
  for (const p of value) {
    if (typeof p !== 'string' || p.trim() === '' || p.length > 300) throw invalidField('projects', 'projects must contain non-empty project identifiers');
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

export function parseCreate(raw: unknown): CreateInput {
  const body = asObject(raw);
  rejectUnknown(body, CREATE_FIELDS);
  if (body.provider === undefined) throw invalidField('provider', 'provider is required');
  if (body.authType === undefined) throw invalidField('authType', 'authType is required');
  if (body.credentials === undefined) throw invalidField('credentials', 'credentials is required');
  const valid = validateIntegrationInput(body.provider, body.authType, body.credentials, body.config);
  if (!valid.ok) throw invalidField(valid.field, valid.message);

  const isGlobal = optionalBoolean(body, 'isGlobal') ?? false;
  const isDefault = optionalBoolean(body, 'isDefault') ?? false;
  const projects = body.projects === undefined || body.projects === null ? [] : projectList(body.projects);
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

export function parseUpdate(raw: unknown): UpdateInput {
  const body = asObject(raw);
  rejectUnknown(body, UPDATE_FIELDS);
  const out: UpdateInput = { immutable: {} };
  if (body.credentials !== undefined) {
    if (!body.credentials || typeof body.credentials !== 'object' || Array.isArray(body.credentials)) throw invalidField('credentials', 'credentials must be an object');
    out.credentials = body.credentials as Record<string, unknown>;
  }
  if (body.config !== undefined) {
    if (!body.config || typeof body.config !== 'object' || Array.isArray(body.config)) throw invalidField('config', 'config must be an object');
    out.config = body.config as Record<string, unknown>;
  }
  out.isDefault = optionalBoolean(body, 'isDefault');
  for (const f of ['provider', 'authType', 'isGlobal', 'projects'] as const) if (f in body) out.immutable[f] = body[f];
  return out;
}
