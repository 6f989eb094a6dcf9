// Shapes of the /sfp/api surface. Request bodies are closed schemas (a failure is the contract's
// 400 naming the field); the response schemas here close every response:
// fast-json-stringify drops anything not named, so no unlisted field — a credential included —
// can reach a list/get/create/update response even by mistake.
import { type Static, Type } from 'typebox';
import { literalUnion } from '../../lib/literal-union.ts';
import { AUTH_TYPES, PROVIDERS } from '../../providers/integrations/names.ts';

export { errors } from '../../http/error-body.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const AnyObject = Type.Record(Type.String(), Type.Unknown());

/** The contract's provider enum: a filter naming no provider is the client's mistake (400), not an empty answer. */
const ProviderFilter = literalUnion(PROVIDERS, { description: "Filter by provider (one of the contract's providers)" });

export const ListQuery = Type.Object({
  provider: Type.Optional(ProviderFilter),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Extension: page size (default: no paging, every integration)' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'Extension: the x-next-cursor of the previous page' })),
});
export const CredentialsQuery = Type.Object({
  provider: Type.Optional(ProviderFilter),
  project: Type.Optional(Type.String({ maxLength: 300, description: 'Filter by registered project identifier (e.g. flxbl-io/sf-core)' })),
});
export const CreateQuery = Type.Object({
  verify: Type.Optional(Type.Boolean({ description: 'Verify the credential with one live call and include the result' })),
});
export const HealthQuery = Type.Object({
  project: Type.Optional(Type.String({ maxLength: 300, description: 'Project identifier to check; omit to check all registered projects' })),
});
export const IdParams = Type.Object({ id: Type.String({ maxLength: 100, description: 'Integration ID (UUID)' }) });
/** The rest of the path after /sfp/api/projects/: a project id or its identifier (slashes included). */
export const ProjectRefParams = Type.Object({ '*': Type.String({ description: 'Project ID (UUID) or identifier' }) });

// The request bodies are the core's (src/core/integrations/input.ts, project-input.ts): the
// routes validate them, the service takes their static types.
export { CreateIntegrationBody, UpdateIntegrationBody } from '../../core/integrations/integration-body.ts';
export { CreateProjectBody } from '../../core/integrations/project-body.ts';

const CredentialHint = Type.Object({
  fingerprint: Type.String({ description: 'HMAC fingerprint of the stored value (not reversible)' }),
  last4: Nullable(Type.String({ description: 'Last four characters, only for values of 12 characters or more' })),
});

export const Integration = Type.Object({
  id: Type.String({ format: 'uuid' }),
  provider: Type.String(),
  authType: Type.String(),
  category: Type.String({ description: "Default category: the provider, 'ai' for the AI providers, 'azure-devops' for both spellings" }),
  isGlobal: Type.Boolean(),
  isDefault: Type.Boolean(),
  projects: Type.Array(Type.String()),
  config: AnyObject,
  credentials: Type.Record(Type.String(), CredentialHint, { description: 'Per secret credential field: fingerprint and last four — never the value' }),
  credentialOrigins: Type.Array(Type.String(), { description: 'The only origins the credential is ever sent to' }),
  verification: Type.Object({
    status: Type.Union([Type.Literal('unverified'), Type.Literal('verified'), Type.Literal('failed')]),
    reasonCode: Nullable(Type.String()),
    message: Nullable(Type.String()),
    checkedAt: Nullable(Type.String()),
  }),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ReleasedCredentials = Type.Array(
  Type.Object({
    id: Type.String({ format: 'uuid' }),
    provider: Type.String(),
    authType: Type.String(),
    category: Type.String(),
    isGlobal: Type.Boolean(),
    isDefault: Type.Boolean(),
    projects: Type.Array(Type.String()),
    config: AnyObject,
    credentials: AnyObject,
    resolvedBy: Nullable(Type.String({ description: "'project' or 'default' when a project filter resolved it" })),
  }),
);

export const VerifyStarted = Type.Object({
  disposition: Type.String(),
  run: Type.Object({
    id: Type.Integer(),
    type: Type.String(),
    status: Type.String(),
    outcome: Type.String(),
    reason_code: Nullable(Type.String()),
    view_url: Type.String(),
  }),
});

export const PlatformHealthResult = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('unhealthy')]),
  timestamp: Type.String(),
  platforms: Type.Array(
    Type.Object({
      provider: Type.Union([Type.Literal('github'), Type.Literal('azure-devops'), Type.Literal('none')]),
      project: Type.String(),
      status: Type.Union([Type.Literal('healthy'), Type.Literal('unhealthy'), Type.Literal('not_configured'), Type.Literal('initializing')]),
      message: Type.String(),
      latency: Type.Optional(Type.Number()),
      reasonCode: Type.Optional(Type.String()),
      integrationId: Type.Optional(Type.String()),
    }),
  ),
});

export const Project = Type.Object({
  id: Type.String({ format: 'uuid' }),
  identifier: Type.String(),
  platform: Type.String(),
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  repositoryUrl: Type.Optional(Type.String()),
  createdAt: Type.String(),
});

// The shapes above as TypeScript types, for the console (console/src/lib/api-types.ts).
export type Integration = Static<typeof Integration>;
export type VerifyStarted = Static<typeof VerifyStarted>;
export type PlatformHealthResult = Static<typeof PlatformHealthResult>;
export type Project = Static<typeof Project>;
