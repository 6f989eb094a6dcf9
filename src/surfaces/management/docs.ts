// The reference's words for the management API (/api/v1): what each operation does, who may call
// it, and what its responses mean (src/http/route-docs.ts attaches them).
import type { RouteDocs } from '../../http/route-docs.ts';

export const MANAGEMENT_PARAMETERS: Record<string, string> = {
  workspaceId: 'The workspace (UUID)',
  memberId: 'The member (UUID)',
  tokenId: 'The API token (UUID)',
  id: 'The operation run (integer id)',
  actor: 'Only events by this actor: `<type>:<id>` or the actor id',
  action: 'Only events of this action (e.g. `integration.credentials_read`)',
  target: 'Only events about this target: `<type>:<id>` or the target id',
  since: 'Only events at or after this time (RFC 3339)',
  until: 'Only events before this time (RFC 3339)',
  cursor: 'The cursor of the previous page (its `next_cursor`)',
  limit: 'Page size',
};

export const MANAGEMENT_DOCS: RouteDocs = {
  'POST /api/v1/workspaces': {
    summary: 'Create a workspace',
    description: 'Creates a workspace, the isolation boundary of one customer. Vendor token only.',
    examples: [{ name: 'Acme Corp' }],
    responses: { 201: 'The workspace' },
  },
  'GET /api/v1/workspaces': {
    summary: 'List workspaces',
    description: 'The vendor sees every workspace; a member or application token sees its own.',
    responses: { 200: 'The workspaces the caller can see' },
  },
  'POST /api/v1/workspaces/:workspaceId/tenants': {
    summary: 'Create a tenant',
    description: 'Adds a managed customer tenant to the workspace; its slug is derived from the name unless given. Needs `tenants.manage`.',
    examples: [{ name: 'Contoso EU' }, { name: 'Contoso US', slug: 'contoso-us' }],
    responses: { 201: 'The tenant', 409: 'A tenant with this slug already exists in the workspace' },
  },
  'GET /api/v1/workspaces/:workspaceId/tenants': {
    summary: 'List tenants',
    description: "The workspace's tenants. Needs `tenants.view`.",
    responses: { 200: "The workspace's tenants" },
  },
  'POST /api/v1/workspaces/:workspaceId/members': {
    summary: 'Add a member',
    description: 'Adds a member with a role (owner, admin, operator, viewer) to the workspace. Needs `members.manage`; only an owner makes owners.',
    examples: [{ email: 'ops@acme.example', role: 'operator' }],
    responses: { 201: 'The member', 409: 'A member with this email already exists in the workspace' },
  },
  'GET /api/v1/workspaces/:workspaceId/members': {
    summary: 'List members',
    description: "The workspace's members with their role, status and origin. Needs `members.view`.",
    responses: { 200: "The workspace's members" },
  },
  'PATCH /api/v1/members/:memberId': {
    summary: 'Change a member',
    description:
      'Changes the role or status. Disabling a member stops it and every token it holds or made at once. Needs `members.manage`; only an owner changes an owner or makes one.',
    examples: [{ role: 'admin' }, { status: 'disabled' }],
    responses: {
      200: 'The member as changed',
      409: "The last active owner would leave (`member.last_owner`), or the role comes from the member's SCIM groups",
    },
  },
  'DELETE /api/v1/members/:memberId': {
    summary: 'Remove a member',
    description: 'Removes the member; its tokens stop working. Needs `members.manage`; only an owner removes an owner.',
    responses: { 204: 'Removed', 409: 'The last active owner would leave (`member.last_owner`)' },
  },
  'GET /api/v1/workspaces/:workspaceId/settings': {
    summary: 'Read workspace settings',
    description: "The workspace's settings (whether SCIM group mappings may make owners). Needs `members.view`.",
    responses: { 200: 'The settings' },
  },
  'PATCH /api/v1/workspaces/:workspaceId/settings': {
    summary: 'Change workspace settings',
    description: 'Changes the fields given, leaving the others. Needs `members.manage`; only an owner lets SCIM group mappings make owners.',
    examples: [{ scim_owner_mapping_allowed: false }],
    responses: { 200: 'The settings as changed' },
  },
  'GET /api/v1/workspaces/:workspaceId/tokens': {
    summary: 'List API tokens',
    description: "The workspace's tokens: name, kind, capabilities, narrowing, lineage and a recognisable prefix — never a token. Needs `tokens.view`.",
    responses: { 200: "The workspace's tokens (no secret)" },
  },
  'POST /api/v1/workspaces/:workspaceId/tokens': {
    summary: 'Create an API token',
    description:
      'A member token (for `member_id`, your own) or an application token with capabilities, optionally narrowed to providers and projects. Never more than its maker holds; the token is shown only in this response. Needs `tokens.manage`.',
    examples: [
      { name: 'ci-deploy', capabilities: ['integrations.credentials.read'], providers: ['github'], expires_at: '2031-01-01T00:00:00Z' },
      { name: 'my-cli', member_id: '2f1c8a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b' },
    ],
    responses: { 201: 'The token, shown once', 409: 'The member is disabled (`member.disabled`)' },
  },
  'DELETE /api/v1/tokens/:tokenId': {
    summary: 'Revoke an API token',
    description: "The token stops working at once, on every node. Needs `tokens.manage`; only an owner revokes an owner's tokens.",
    responses: { 204: 'Revoked' },
  },
  'GET /api/v1/workspaces/:workspaceId/audit-events': {
    summary: 'Read the audit log',
    description: "The workspace's audit events, newest first, filtered and paged. No secret value is ever in an event. Needs `audit.view`.",
    responses: { 200: 'One page of events' },
  },
  'GET /api/v1/workspaces/:workspaceId/audit-events/verify': {
    summary: 'Verify the audit chain',
    description: "Recomputes the workspace's hash chain and reports every event that was changed, removed or reordered. Needs `audit.view`.",
    responses: { 200: 'Whether the chain is intact, and its problems' },
  },
  'GET /api/v1/operation-runs/:id': {
    summary: 'Read an operation run',
    description: "Type, status, outcome, reason code, summary counts, progress, next steps and timestamps of a run in the caller's workspace.",
    responses: { 200: 'The run' },
  },
  'GET /api/v1/operation-runs/:id/events': {
    summary: 'Follow an operation run (server-sent events)',
    responses: { 200: 'An event stream (`text/event-stream`) of the run until it ends' },
  },
};
