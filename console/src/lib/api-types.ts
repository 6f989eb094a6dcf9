// What the console sends to and reads from the service. Every type here is `Static<>` of the
// TypeBox schema the server validates that request or serializes that response with
// (src/surfaces/*/schemas.ts): a field renamed, removed or narrowed on the server fails
// `tsc -p console`, and there is no second copy to keep in step. Type-only re-exports, erased
// at build time: the bundle holds none of the server's code (test/console/api-types.test.ts).
// Names are the console's where a schema's own name only makes sense inside its file
// (`ConfigurationResponse`, `CreateRequest`).
import type { IntegrationShapes } from '../../../src/surfaces/console/schemas.ts';
import type { CreateResponse, RotateResponse } from '../../../src/surfaces/scim-configurations/schemas.ts';

export type {
  ConsoleConfig,
  Connections,
  IntegrationShapes,
  RunList,
  ScimGroups,
  ScimUsers,
  /** GET /console/api/session: who the bearer token belongs to. */
  Session as Me,
} from '../../../src/surfaces/console/schemas.ts';
export type {
  AuditPage,
  AuditVerify,
  CreateTenant,
  CreateWorkspace,
  /** An operation run (GET /api/v1/operation-runs/{id}, and each event of its stream). */
  OperationRun as Run,
  Tenant,
  TenantPage,
  Workspace,
  WorkspacePage,
} from '../../../src/surfaces/management/schemas.ts';
export type {
  AdminConsentLinkResponse as ConsentLink,
  ConnectionTypeRequest,
  DedicatedCredentialRequest as DedicatedCredential,
  ProviderConnectionCreateRequest as CreateConnection,
  /** A provider connection as the /admin surface (and the console's list of them) shows it. */
  ProviderConnectionResponse as Connection,
  VerificationStartResponse as VerificationStarted,
} from '../../../src/surfaces/provider-identity/schemas.ts';
export type {
  /** What starting an operation answers: the run, by reference. */
  OperationRunRef as RunRef,
  /** The 409 when another operation holds the connection: names the active run. */
  ScopeBusyResponse as ScopeBusy,
  UpdateProviderConnectionRequest as UpdateConnection,
} from '../../../src/surfaces/provider-foundation/schemas.ts';
export type {
  ConfigurationResponse as ScimConfiguration,
  CreateRequest as CreateScimConfiguration,
  PatchRequest as UpdateScimConfiguration,
} from '../../../src/surfaces/scim-configurations/schemas.ts';
export type {
  CreateIntegrationBody as CreateIntegration,
  CreateProjectBody as CreateProject,
  Integration,
  PlatformHealthResult,
  Project,
  UpdateIntegrationBody as UpdateIntegration,
  VerifyStarted,
} from '../../../src/surfaces/integrations/schemas.ts';

/** One provider of the integrations catalog, with the form fields of each of its auth types. */
export type ProviderShape = IntegrationShapes['providers'][number];
export type ShapeField = ProviderShape['authTypes'][number]['credentials'][number];
/** A SCIM token shown once: made with a configuration, or by a rotation (which says until when the previous one works). */
export type ScimToken = CreateResponse | RotateResponse;
