// The reference's words for scim-configurations.yaml (served under /directory): what each
// operation does, who may call it, what its responses mean (src/http/route-docs.ts attaches them).
import type { RouteDocs } from '../../http/route-docs.ts';

export const SCIM_CONFIGURATION_PARAMETERS: Record<string, string> = {
  id: 'The SCIM configuration id',
  tenantId: 'Only configurations of this tenant (its id)',
  source: 'Only configurations of this source (`frontegg`, `okta`, `azure-ad`, `other`)',
  connectionName: 'Only the configuration of this name',
};

const BASE = '/directory/resources/v1/configurations/scim2';
const NOT_HERE = "No such configuration in the caller's workspace, or not of the tenant the header names";

export const SCIM_CONFIGURATION_DOCS: RouteDocs = {
  [`GET ${BASE}`]: {
    description: 'Retrieve the provisioning (SCIM) configurations, filtered by tenant, source, name or id (the contract: vendor only).',
    responses: { 200: 'List of SCIM configurations' },
  },
  [`POST ${BASE}`]: {
    description:
      "Creates a provisioning (SCIM) configuration for the tenant the `frontegg-tenant-id` header names: a live SCIM 2.0 endpoint at `baseUrl` with its own bearer token, shown only in this response (`Cache-Control: no-store`). Without `connectionName` the source's name is used (numbered when taken). Needs `scim.manage`.",
    examples: [{ source: 'azure-ad', connectionName: 'Entra ID production', syncToUserManagement: true }, { source: 'okta' }],
    responses: {
      201: 'The configuration with its SCIM token (shown once) and base URL',
      400: 'No `frontegg-tenant-id` (`scim_configuration.tenant_required`), or the body does not validate',
      404: "The header names no tenant of the caller's workspace",
      409: 'This tenant already has a configuration of this name',
    },
  },
  [`GET ${BASE}/:id`]: {
    description: 'One configuration (never its token). With `frontegg-tenant-id`, only if it belongs to that tenant. Needs `scim.view`.',
    responses: { 200: 'The configuration', 404: NOT_HERE },
  },
  [`PATCH ${BASE}/:id`]: {
    description:
      'Sets `syncToUserManagement`: whether provisioned users also become workspace members (their role mapped from their SCIM groups). Needs `scim.manage`.',
    examples: [{ syncToUserManagement: false }],
    responses: { 204: 'Updated', 404: NOT_HERE },
  },
  [`DELETE ${BASE}/:id`]: {
    description: 'Deletes the configuration: its tokens stop working at once and the users and groups it provisioned are removed. Needs `scim.manage`.',
    responses: { 204: 'Deleted', 404: NOT_HERE },
  },
  [`POST ${BASE}/:id/rotate`]: {
    description:
      'Not in the contract: issues a new SCIM token (shown only in this response); the previous one keeps working until `previousTokenExpiresAt`, so the identity provider can be switched without a gap. Needs `scim.manage`.',
    responses: { 201: 'The new token (shown once) and when the previous one stops', 404: NOT_HERE },
  },
  [`POST ${BASE}/:id/rotate/complete`]: {
    description: 'Not in the contract: the previous token of a rotation stops working now, before its grace period ends. Needs `scim.manage`.',
    responses: { 204: 'The previous token no longer works', 404: NOT_HERE },
  },
};
