// The reference's words for the SCIM 2.0 endpoint (RFC 7644), keyed by the path under the
// endpoint's prefix: what each operation does, what its responses mean, and — since the endpoint
// parses its own bodies — the request bodies as the reference shows them, with examples
// (src/http/route-docs.ts attaches them; nothing here validates a request).
import type { RouteDoc, RouteDocs } from '../../http/route-docs.ts';

export const SCIM_PARAMETERS: Record<string, string> = {
  configurationId: 'The SCIM configuration (its id; the base URL ends with it)',
  id: 'The resource id (for /Schemas, the schema URN)',
  name: 'The resource type: `User` or `Group`',
  filter:
    'RFC 7644 §3.4.2.2 filter, e.g. `userName eq "ada@example.com"` (eq, ne, co, sw, ew, gt, ge, lt, le, pr; and, or, not; complex `emails[type eq "work"]`)',
  startIndex: '1-based index of the first result (§3.4.2.4; default 1)',
  count: 'Maximum results per page (§3.4.2.4; capped at the configured maximum)',
  sortBy: 'Attribute to sort by (§3.4.2.3), e.g. `userName` or `meta.lastModified`',
  sortOrder: '`ascending` (default) or `descending` (§3.4.2.3)',
  attributes: 'Comma-separated attributes to return, overriding the defaults (§3.4.2.5)',
  excludedAttributes: 'Comma-separated attributes to leave out (§3.4.2.5)',
};

const ERRORS = {
  400: 'RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …)',
  401: 'Missing, unknown or revoked SCIM token (RFC 7644 error)',
  404: 'No such resource in this configuration (RFC 7644 error)',
};
const WRITE_ERRORS = { ...ERRORS, 409: 'Uniqueness violated (`scimType: uniqueness`)', 412: 'The `If-Match` version is not the current one' };

const open = (examples: unknown[]) => ({
  type: 'object',
  required: ['schemas'],
  properties: { schemas: { type: 'array', items: { type: 'string' } } },
  additionalProperties: true,
  examples,
});
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const USER_EXAMPLE = {
  schemas: [USER],
  userName: 'ada@example.com',
  externalId: '6a1f0c3e-2b4d-4c8e-9f1a-1d2e3f4a5b6c',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  active: true,
};
const GROUP_EXAMPLE = { schemas: [GROUP], displayName: 'Engineering', members: [{ value: '2819c223-7f76-453a-919d-413861904646' }] };
const PATCH_EXAMPLES: Record<string, unknown> = {
  User: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
  Group: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: '2819c223-7f76-453a-919d-413861904646' }] }] },
};

function resourceDocs(endpoint: '/Users' | '/Groups', type: 'User' | 'Group', example: unknown): RouteDocs {
  const plural = endpoint.slice(1);
  return {
    [`GET ${endpoint}`]: {
      description: `A ListResponse of ${plural}, filtered, sorted and paged (RFC 7644 §3.4.2).`,
      responses: { 200: `ListResponse of ${plural}`, ...ERRORS },
    },
    [`POST ${endpoint}/.search`]: {
      description: `The same query as GET ${endpoint}, carried in a SearchRequest body (RFC 7644 §3.4.3): long filters, and no filter in access logs.`,
      body: open([
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
          filter: type === 'User' ? 'userName sw "ada"' : 'displayName eq "Engineering"',
          startIndex: 1,
          count: 50,
        },
      ]),
      responses: { 200: `ListResponse of ${plural}`, ...ERRORS },
    },
    [`POST ${endpoint}`]: {
      description: `Creates a ${type} (RFC 7644 §3.3); \`Location\` and \`ETag\` name the new version.`,
      body: open([example]),
      responses: { 201: `The ${type} created`, ...WRITE_ERRORS },
    },
    [`GET ${endpoint}/:id`]: {
      description: `One ${type} (RFC 7644 §3.4.1); with \`If-None-Match\` of the current ETag, 304.`,
      responses: { 200: `The ${type}`, 304: 'Not modified (the `If-None-Match` ETag is current)', ...ERRORS },
    },
    [`PUT ${endpoint}/:id`]: {
      description: `Replaces the ${type} (RFC 7644 §3.5.1); \`If-Match\` makes it conditional.`,
      body: open([example]),
      responses: { 200: `The ${type} as replaced`, ...WRITE_ERRORS },
    },
    [`PATCH ${endpoint}/:id`]: {
      description:
        type === 'User'
          ? 'Modifies the User with PatchOp operations (RFC 7644 §3.5.2) and answers with it.'
          : 'Modifies the Group with PatchOp operations (RFC 7644 §3.5.2); answers 204 unless `attributes` or `excludedAttributes` asks for the group, so a change to a large group never returns it.',
      body: open([PATCH_EXAMPLES[type]]),
      responses:
        type === 'Group'
          ? { 200: 'The Group as modified (asked for)', 204: 'Modified (no body asked for)', ...WRITE_ERRORS }
          : { 200: 'The User as modified', ...WRITE_ERRORS },
    },
    [`DELETE ${endpoint}/:id`]: {
      description: `Deletes the ${type} (RFC 7644 §3.6).`,
      responses: { 204: 'Deleted', ...ERRORS, 412: WRITE_ERRORS[412] },
    },
  };
}

const discovery = (description: string, ok: string, notFound = false): RouteDoc => ({
  description,
  responses: notFound ? { 200: ok, 401: ERRORS[401], 404: ERRORS[404] } : { 200: ok, 401: ERRORS[401] },
});

export const SCIM_DOCS: RouteDocs = {
  ...resourceDocs('/Users', 'User', USER_EXAMPLE),
  ...resourceDocs('/Groups', 'Group', GROUP_EXAMPLE),
  'GET /ServiceProviderConfig': discovery(
    'What this endpoint supports (RFC 7643 §5): PATCH, Bulk and its limits, filter and its maximum results, sorting, ETags.',
    'The service provider configuration',
  ),
  'GET /ResourceTypes': discovery('The resource types served, User and Group (RFC 7643 §6).', 'ListResponse of resource types'),
  'GET /ResourceTypes/:name': discovery('One resource type.', 'The resource type', true),
  'GET /Schemas': discovery('The schemas of the resources, attribute by attribute (RFC 7643 §7).', 'ListResponse of schemas'),
  'GET /Schemas/:id': discovery('One schema, by its URN.', 'The schema', true),
  'POST /Bulk': {
    description:
      'Several writes in one request (RFC 7644 §3.7), each answered in the BulkResponse; `bulkId` references resolve across operations; `failOnErrors` stops after that many failures.',
    body: open([
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        failOnErrors: 1,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'ada', data: USER_EXAMPLE },
          { method: 'POST', path: '/Groups', bulkId: 'eng', data: { ...GROUP_EXAMPLE, members: [{ value: 'bulkId:ada' }] } },
        ],
      },
    ]),
    responses: {
      200: 'BulkResponse: one result per operation',
      400: ERRORS[400],
      401: ERRORS[401],
      413: 'More operations or bytes than the configured maximum',
    },
  },
};
