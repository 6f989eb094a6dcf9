// The reference's words for provider-foundation-v1.yaml (served at `/`): what each operation does,
// who may call it, what its responses mean (src/http/route-docs.ts attaches them).
import type { RouteDocs } from '../../http/route-docs.ts';

export const FOUNDATION_PARAMETERS: Record<string, string> = {
  tenantId: 'The tenant (int64 id)',
  connectionId: 'The provider connection (UUID)',
};

const base = '/tenants/:tenantId/provider-connections';
const RUN = (what: string) => ({
  summary: `Start ${what} (OperationRun-backed)`,
  description: `Starts ${what} against the connection as an operation run; a worker executes it, follow it at the run's \`view_url\`. The same start while one is active returns that run (200, dedupe); a different operation active on the connection is \`409 scope_busy\` carrying the active run. Without consent or a usable credential the run is created already finished, outcome \`blocked\`, with a reason code. Needs \`providers.run\`.`,
  responses: {
    201: 'Run created (outcome `blocked` when the connection cannot run it)',
    200: 'Returned existing active run (dedupe)',
    404: "Tenant or connection not found in the caller's workspace",
    409: 'Scope busy (different operation already active for same scope)',
  },
});

export const FOUNDATION_DOCS: RouteDocs = {
  [`GET ${base}`]: {
    summary: 'List provider connections',
    description: "The tenant's provider connections with their status and health. Needs `providers.view`.",
    responses: { 200: "The tenant's connections", 404: "Tenant not found in the caller's workspace" },
  },
  [`POST ${base}`]: {
    summary: 'Create provider connection',
    description:
      'Creates a Microsoft connection to an Entra tenant (GUID or verified domain) for this tenant. It starts `needs_consent`; attach credentials with `PUT …/credentials`. Needs `providers.manage`.',
    examples: [{ provider: 'microsoft', entra_tenant_id: '8d2f6a1b-3c4e-4f5a-9b6c-7d8e9f0a1b2c', display_name: 'Contoso', is_default: true }],
    responses: {
      201: 'Created',
      404: "Tenant not found in the caller's workspace",
      409: 'Duplicate connection (same provider and Entra tenant for this tenant)',
    },
  },
  [`GET ${base}/:connectionId`]: {
    summary: 'Get provider connection',
    description: 'One connection with its status, health and last error. Needs `providers.view`.',
    responses: { 200: 'The connection', 404: "Connection not found in the tenant, or not in the caller's workspace" },
  },
  [`PATCH ${base}/:connectionId`]: {
    examples: [{ display_name: 'Contoso (production)' }, { status: 'disabled' }],
    responses: { 200: 'The connection as updated', 404: "Connection not found in the tenant, or not in the caller's workspace" },
  },
  [`PUT ${base}/:connectionId/credentials`]: {
    examples: [{ type: 'client_secret', client_id: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b', client_secret: '<client secret>' }],
    responses: { 204: 'Updated (the secret is never returned)', 404: "Connection not found in the tenant, or not in the caller's workspace" },
  },
  [`POST ${base}/:connectionId/operations/health-check`]: RUN('a connection health check'),
  [`POST ${base}/:connectionId/operations/inventory`]: RUN('an inventory collection'),
  [`POST ${base}/:connectionId/operations/compliance-snapshot`]: RUN('a compliance snapshot (counts)'),
};
