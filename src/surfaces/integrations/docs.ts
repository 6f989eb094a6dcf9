// The reference's words for the /sfp/api surface (contracts/integrations.yaml) and its projects
// registry: what each operation does, who may call it, what its responses mean
// (src/http/route-docs.ts attaches them).
import type { RouteDocs } from '../../http/route-docs.ts';

export const INTEGRATION_PARAMETERS: Record<string, string> = {
  id: 'Integration ID (UUID)',
  '*': 'The project: its ID (UUID) or its identifier (e.g. `flxbl-io/sf-core`; slashes included)',
};

export const INTEGRATION_DOCS: RouteDocs = {
  'GET /sfp/api/integrations': {
    responses: { 200: 'List of integrations (credential fingerprints, never values)', 403: 'Forbidden — needs `integrations.view`' },
  },
  'POST /sfp/api/integrations': {
    description:
      'Stores the credentials of an external service, encrypted at rest (AES-256-GCM envelope). Scope: `isGlobal: true` for every project, or `projects: [...]` (registered first via `POST /sfp/api/projects`). `isDefault` makes a global integration the default of its category. Needs `integrations.manage`; application tokens are refused (401). With `?verify=true` the stored credential is also checked with one live call and the result included.',
    examples: [
      {
        provider: 'jira',
        authType: 'basic_auth',
        credentials: { base_url: 'https://acme.atlassian.net', username: 'ops@acme.example', api_token: '<api token>' },
        isGlobal: true,
        isDefault: true,
      },
      { provider: 'github', authType: 'pat', credentials: { token: '<personal access token>' }, projects: ['flxbl-io/sf-core'] },
    ],
    responses: {
      201: 'Integration created (credential fingerprints, never values)',
      400: 'Invalid configuration, missing scope (isGlobal or projects), or project not found — `field` names it',
      401: 'Application tokens not permitted — requires user authentication',
      403: 'Forbidden — needs `integrations.manage`',
    },
  },
  'GET /sfp/api/integrations/defaults': {
    description:
      'The integrations marked as defaults: one per provider category (the AI providers share one). A project without an integration of its own falls back to these. Needs `integrations.view`.',
    responses: { 200: 'List of default integrations', 403: 'Forbidden — needs `integrations.view`' },
  },
  'GET /sfp/api/integrations/credentials': {
    description:
      "Releases decrypted credentials matching the filter; each release is written to the audit log in the same transaction, or nothing is released. With `project`, the project's own integration wins over the category default. Needs `integrations.credentials.read`; an application token must give `provider` or `project` and sees only its narrowing. The answer is never cached (`Cache-Control: no-store`).",
    responses: {
      200: 'Credentials retrieved (audited)',
      403: 'Forbidden — needs `integrations.credentials.read`, or outside the token’s narrowing',
      404: 'No integration found for the specified filters',
    },
  },
  'GET /sfp/api/integrations/platforms/health': {
    description:
      'Checks, for each registered project (or the one named), that its source-control platform is reachable with the stored credentials: GitHub `GET /repos/{owner}/{repo}`, Azure DevOps `GET /_apis/connectiondata`. Overall `healthy`, `degraded` or `unhealthy`. Every member role of the workspace may call it (`integrations.health`).',
    responses: { 200: 'Platform health check results', 404: 'Project not found — the specified project identifier does not exist' },
  },
  'PATCH /sfp/api/integrations/:id': {
    description:
      'Updates `credentials` (replaced whole), `config` or `isDefault`; omitted fields stay. `provider`, `authType` and the scope cannot change. Needs `integrations.manage`; application tokens are refused (401).',
    examples: [{ credentials: { token: '<new personal access token>' } }, { isDefault: true }],
    responses: {
      200: 'Integration updated',
      400: 'Invalid update (e.g. setting a non-global integration as default) — `field` names it',
      401: 'Application tokens not permitted — requires user authentication',
      404: 'Integration not found',
    },
  },
  'DELETE /sfp/api/integrations/:id': {
    description: 'Permanently deletes the integration and its encrypted credentials, and logs it in the audit trail. Needs `integrations.manage`.',
    responses: { 204: 'Integration deleted', 404: 'Integration not found' },
  },
  'POST /sfp/api/integrations/:id/verify': {
    description:
      'Not in the contract: starts a verification run (one cheap live call with the stored credential) and answers with the run; follow it at `GET /api/v1/operation-runs/{id}`. A verification already active is returned (`deduped`); another run on the integration is `409 scope_busy`. Needs `integrations.manage`.',
    responses: { 202: 'Verification run started or deduped', 404: 'Integration not found', 409: 'Another run is active on this integration (`scope_busy`)' },
  },
  'POST /sfp/api/projects': {
    description:
      'Registers a repository (`org/repo`, or `org/project/repo` on Azure DevOps) with its platform, so integrations can be scoped to it and platform health can check it. Needs `projects.manage`.',
    examples: [
      { identifier: 'flxbl-io/sf-core', platform: 'github', name: 'SF Core' },
      { identifier: 'acme/platform/infra', platform: 'azure-devops' },
    ],
    responses: { 201: 'Project registered', 409: 'The project is already registered' },
  },
  'GET /sfp/api/projects': {
    description: "The workspace's registered projects. Needs `projects.view`.",
    responses: { 200: 'Registered projects' },
  },
  'DELETE /sfp/api/projects/*': {
    description: 'Removes a project, by its ID or its identifier. Needs `projects.manage`.',
    responses: { 204: 'Project removed', 404: 'Project not found', 409: 'A project-scoped integration still uses the project' },
  },
};
