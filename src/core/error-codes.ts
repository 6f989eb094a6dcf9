// Every error code the service answers with, in one typed map: its HTTP status and the message
// used when a call site gives none. `ErrorCode` is the map's keys, so `new AppError('misspelt.code')`
// fails `tsc`; src/http/error-status.ts reads the status from here, and docs/errors.md is generated
// from this map (`npm run docs:errors`; a test fails when the committed file differs).
// Codes are namespaced by what they are about (`member.last_owner`); messages are safe to show
// (never a value, never a secret). Adding a code: one entry here, then `npm run docs:errors`.

export interface ErrorCodeSpec {
  status: number;
  message: string;
}

export const ERROR_CODES = {
  // Requests the service cannot read.
  'request.invalid': { status: 400, message: 'the request is not valid' },
  'request.malformed_json': { status: 400, message: 'the request body is not valid JSON' },
  'request.too_deep': { status: 400, message: 'the request body is nested too deeply' },
  'request.too_large': { status: 413, message: 'the request body is larger than this service accepts' },
  'request.unsupported_media_type': { status: 415, message: 'send the body as application/json' },
  'request.validation_failed': { status: 400, message: 'the request does not match its schema' },
  'route.not_found': { status: 404, message: 'no such route' },
  rate_limited: { status: 429, message: 'rate limit exceeded; retry later' },
  internal_error: { status: 500, message: 'an unexpected error occurred' },

  // Authentication and access.
  'auth.unauthenticated': { status: 401, message: 'authentication required' },
  'auth.invalid_token': { status: 401, message: 'the bearer token is not valid' },
  'auth.application_token_not_permitted': {
    status: 401,
    message: 'application tokens are not permitted to change integrations; authenticate as a user with the owner role',
  },
  'auth.too_many_failures': { status: 429, message: 'too many failed authentications from this address; try again later' },
  'auth.oidc_unavailable': { status: 400, message: 'the OIDC issuer discovery document could not be loaded' },
  'access.forbidden': { status: 403, message: 'this action is not permitted' },
  'access.owner_required': { status: 403, message: 'only an owner can do this' },
  'access.confirmation_required': { status: 400, message: 'this action needs an explicit confirmation (the X-Confirm header)' },

  // Workspaces, tenants, members, tokens.
  'workspace.not_found': { status: 404, message: 'workspace not found' },
  'tenant.not_found': { status: 404, message: 'tenant not found' },
  'tenant.already_exists': { status: 409, message: 'a tenant with this slug already exists' },
  'tenant.ambiguous': { status: 400, message: 'this slug names tenants in several workspaces; use the numeric tenant id' },
  // Webhooks.
  'webhook.not_found': { status: 404, message: 'webhook not found' },
  'webhook_delivery.not_found': { status: 404, message: 'webhook delivery not found' },
  'webhook.url_invalid': { status: 400, message: 'url must be an absolute http(s) URL without user information' },
  'webhook.event_type_unknown': { status: 400, message: 'events names a type that is not in the catalogue (docs/events.md)' },
  'webhook.delivery_in_flight': { status: 409, message: 'this delivery is being attempted right now; try again when the attempt ends' },
  'member.not_found': { status: 404, message: 'member not found' },
  'member.already_exists': { status: 409, message: 'a member with this email already exists' },
  'member.disabled': { status: 409, message: 'the member is disabled' },
  'member.email_invalid': { status: 400, message: 'email must be an email address' },
  'member.role_invalid': { status: 400, message: 'role must be one of owner, admin, operator, viewer' },
  'member.last_owner': { status: 409, message: 'this is the last active owner of the workspace; make another owner first' },
  'member.role_managed_by_scim': { status: 409, message: "this member's role comes from its SCIM groups; change it in the identity provider" },
  'token.not_found': { status: 404, message: 'token not found' },
  'token.invalid': { status: 400, message: 'give either member_id or capabilities' },
  'token.capability_invalid': { status: 400, message: 'the token names unknown capabilities' },
  'token.expiry_invalid': { status: 400, message: 'expires_at must be a date-time in the future' },
  'token.expiry_exceeded': { status: 400, message: 'a token you make cannot outlive yours' },
  'token.narrowing_exceeded': { status: 403, message: 'a token you make cannot reach more than yours' },
  'token.for_other_member': { status: 403, message: 'you can mint a member token only for yourself; make an application token instead' },
  'token.maker_not_member': { status: 403, message: 'mint tokens as a member of this workspace: your sign-in names no member here' },
  'token.lineage_invalid': { status: 403, message: 'the token that would make this one is revoked, expired or narrower than the request' },

  // The audit trail and the vault.
  'audit.cursor_invalid': { status: 400, message: 'the cursor is not valid' },
  'pagination.cursor_invalid': { status: 400, message: 'the cursor is not valid' },
  'audit.filter_invalid': { status: 400, message: 'a filter of the audit query is not valid' },
  'audit.key_unavailable': { status: 400, message: 'no audit key is configured in this process' },
  'audit.write_failed': { status: 503, message: 'the access could not be audited, so the secret was not released' },
  'vault.key_missing': { status: 400, message: 'no encryption key is configured' },
  'vault.key_invalid': { status: 400, message: 'an encryption key is not valid' },
  'vault.integrity_failed': { status: 400, message: 'a stored secret failed authentication' },
  // A key-encryption key that cannot be had now (its KMS unreachable past the key cache): fail closed, retry later.
  'vault.key_unavailable': { status: 503, message: 'the encryption key is unavailable right now; try again shortly' },
  'vault.kms_unreachable': { status: 503, message: 'the key management service did not answer' },
  // The KMS answered no (permission, unknown key, a wrapped key that does not authenticate): the operator's to fix.
  'vault.kms_refused': { status: 500, message: 'the key management service refused the request' },
  'vault.key_retired': { status: 500, message: 'the key version is retired' },
  // `switchboard keys …` (the command line).
  'vault.key_not_found': { status: 404, message: 'there is no such key version' },
  'vault.key_already_retired': { status: 409, message: 'the key version is already retired' },
  'vault.key_in_use': { status: 409, message: 'the key version is still in use' },
  'vault.key_conflict': { status: 409, message: 'the key versions changed meanwhile; run it again' },
  'vault.source_not_configured': { status: 400, message: 'that key source is not configured on this node' },
  'vault.source_read_only': { status: 400, message: 'that key source cannot be changed from here' },
  'database.unavailable': { status: 503, message: 'the database is unavailable; try again shortly' },
  'config.invalid': { status: 400, message: 'the configuration is not valid' },

  // Operation runs.
  'operation_run.not_found': { status: 404, message: 'operation run not found' },
  'operation_run.conflict': { status: 409, message: 'could not start the run: the scope kept changing; try again' },
  scope_busy: { status: 409, message: 'another operation is active on this scope' },
  invalid_state: { status: 400, message: 'no executor is registered for this run type' },

  // Provider connections (provider-foundation, provider-identity).
  'provider_connection.not_found': { status: 404, message: 'provider connection not found' },
  'provider_connection.duplicate': { status: 409, message: 'a connection of this provider to this Entra tenant already exists for this tenant' },
  'provider_connection.conflict': { status: 409, message: 'the connection is in a state that does not allow this change' },
  'provider_connection.entra_tenant_bound': {
    status: 409,
    message: 'the Entra tenant is connected to another Switchboard workspace through the platform app',
  },
  'provider_connection.entra_tenant_id.invalid': { status: 400, message: 'entra_tenant_id must be the directory (tenant) GUID or a verified domain name' },
  'provider_connection.app_not_configured': { status: 400, message: 'no app registration is configured for this connection' },
  'provider_connection.credential.invalid': { status: 400, message: 'the credential is not valid' },
  'provider_connection.credential.not_found': { status: 404, message: 'the connection has no dedicated credential' },
  'provider_connection.dedicated_credential.invalid': { status: 400, message: 'a dedicated_credential needs connection_type "dedicated"' },

  // Integrations and projects (integrations.yaml at /sfp/api).
  'integration.not_found': { status: 404, message: 'Integration not found' },
  'integration.validation_failed': { status: 400, message: 'the integration is not valid' },
  'integration.immutable': { status: 400, message: 'provider, authType, projects / isGlobal cannot be changed after creation' },
  'integration.cursor_invalid': { status: 400, message: 'the cursor is not valid' },
  'integration.endpoint_unconfigured': { status: 400, message: 'the endpoint of this provider is not configured correctly on this server' },
  'integrations.filter_required': { status: 403, message: 'application tokens must filter credentials by provider or project' },
  'project.not_found': { status: 404, message: 'project not found' },
  'project.already_exists': { status: 409, message: 'the project is already registered' },
  'project.conflict': { status: 409, message: 'the project is used by a project-scoped integration' },
  'project.validation_failed': { status: 400, message: 'the project is not valid' },

  // SCIM configurations and the console.
  'scim_configuration.not_found': { status: 404, message: 'SCIM configuration not found' },
  'scim_configuration.already_exists': { status: 409, message: 'this tenant already has a SCIM configuration of this name' },
  'scim_configuration.tenant_required': { status: 400, message: 'the frontegg-tenant-id header must name the tenant (its id or slug)' },
  'console_route.not_found': { status: 404, message: 'no such console API route' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;
