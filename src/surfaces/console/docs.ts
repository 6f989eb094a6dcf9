// The reference's words for the console's own read API (/console/api): what each operation does
// and what its responses mean (src/http/route-docs.ts attaches them).
import type { RouteDocs } from '../../http/route-docs.ts';

export const CONSOLE_PARAMETERS: Record<string, string> = {
  workspaceId: 'The workspace (UUID)',
  tenantId: 'The tenant (integer id)',
  id: 'The SCIM configuration id',
  target_type: 'Only runs on targets of this type (e.g. `provider_connection`, `integration`)',
  target_id: 'Only runs on this target (with `target_type`)',
  tenant_id: 'Only runs of this tenant',
  type: 'Only runs of this type (e.g. `microsoft.health_check`)',
  limit: 'At most this many (newest first)',
  workspace_id: "The workspace whose configurations to list (default: the caller's)",
};

export const CONSOLE_DOCS: RouteDocs = {
  'GET /console/api/config': {
    description: 'Public: the OpenID Connect issuer, client and endpoints the console signs in with, or `oidc: null` when only API tokens are accepted.',
    responses: { 200: 'How to sign in' },
  },
  'GET /console/api/session': {
    description: 'The principal the bearer token names: its kind, workspace, role and capabilities.',
    responses: { 200: 'The session' },
  },
  'GET /console/api/integration-shapes': {
    description: 'Per integrations provider and auth type: the credential and config fields the create form asks for, and which of them are secret.',
    responses: { 200: 'The catalog of shapes' },
  },
  'GET /console/api/workspaces/:workspaceId/operation-runs': {
    description: 'The operation runs of the workspace, optionally narrowed to a tenant, a target or a type. Needs `runs.view`.',
    responses: { 200: 'The runs, newest first' },
  },
  'GET /console/api/tenants/:tenantId/provider-connections': {
    description: "The tenant's connections in the /admin shape (integer id, connection type, consent and verification status). Needs `providers.view`.",
    responses: { 200: "The tenant's connections" },
  },
  'GET /console/api/scim-configurations': {
    description:
      "The workspace's SCIM configurations (the contract's list of all is vendor only). `workspace_id` defaults to the caller's workspace; the vendor must name one. Needs `scim.view`.",
    responses: { 200: "The workspace's SCIM configurations" },
  },
  'GET /console/api/scim-configurations/:id/users': {
    description: 'The users the configuration provisioned, newest first, with the total. Needs `scim.view`.',
    responses: { 200: 'The provisioned users and their total' },
  },
  'GET /console/api/scim-configurations/:id/groups': {
    description: 'The groups the configuration provisioned, newest first, with the total. Needs `scim.view`.',
    responses: { 200: 'The provisioned groups and their total' },
  },
};
