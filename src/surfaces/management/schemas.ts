// Shapes of the management API (/api/v1). Request bodies are closed: an unknown field is a 400.
import { type Static, type TSchema, Type } from 'typebox';
import { literalUnion } from '../../lib/literal-union.ts';

export { errors } from '../../http/error-body.ts';

export const Uuid = Type.String({ format: 'uuid' });
export const WorkspaceParams = Type.Object({ workspaceId: Uuid });

export const Workspace = Type.Object({ id: Uuid, name: Type.String(), created_at: Type.String({ format: 'date-time' }) });
export const CreateWorkspace = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const Tenant = Type.Object({
  id: Type.Integer(),
  workspace_id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
});
export const CreateTenant = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), slug: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })) },
  { additionalProperties: false },
);

const RoleName = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('operator'), Type.Literal('viewer')]);
export const Member = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  source: Type.Union([Type.Literal('manual'), Type.Literal('scim'), Type.Literal('oidc')], {
    description: 'where the member came from: added by hand, provisioned over SCIM, or from an OIDC sign-in',
  }),
  disabled_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
});
export const MemberParams = Type.Object({ memberId: Uuid });
export const UpdateMember = Type.Object(
  {
    role: Type.Optional(RoleName),
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('disabled')], {
        description: 'disabled: the member and every token it holds or made stop working at once',
      }),
    ),
  },
  { additionalProperties: false },
);
export const WorkspaceSettings = Type.Object({
  scim_owner_mapping_allowed: Type.Boolean({ description: 'whether a SCIM group mapping may make owners in this workspace (set by an owner)' }),
});
export const UpdateWorkspaceSettings = Type.Object({ scim_owner_mapping_allowed: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const CreateMember = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    role: RoleName,
  },
  { additionalProperties: false },
);

const NameList = Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 100 });
export const CreateToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    member_id: Type.Optional(Uuid),
    capabilities: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    providers: Type.Optional(NameList),
    projects: Type.Optional(NameList),
    expires_at: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export const CreatedToken = Type.Object({
  id: Uuid,
  token: Type.String({ description: 'shown only in this response' }),
  name: Type.String(),
  kind: Type.String(),
  capabilities: Type.Array(Type.String()),
  providers: Type.Union([Type.Array(Type.String()), Type.Null()], { description: "narrowing; inherited from the maker's when the request gave none" }),
  projects: Type.Union([Type.Array(Type.String()), Type.Null()]),
  expires_at: Type.Union([Type.String(), Type.Null()], { description: "never later than the maker's; inherited when the request gave none" }),
  created_at: Type.String(),
});
const NullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
export const TokenSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  prefix: Type.String({ description: 'the first characters of the token, to recognise it; never the token' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  capabilities: Type.Array(Type.String()),
  providers: Type.Union([Type.Array(Type.String()), Type.Null()]),
  projects: Type.Union([Type.Array(Type.String()), Type.Null()]),
  member_id: Type.Union([Uuid, Type.Null()]),
  maker: Type.Object({
    token_id: Type.Union([Uuid, Type.Null()], { description: 'the token this one was minted with' }),
    member_id: Type.Union([Uuid, Type.Null()], { description: 'the member on whose authority it was made' }),
    actor: Type.Union([Type.String(), Type.Null()]),
  }),
  created_at: Type.String({ format: 'date-time' }),
  expires_at: NullableDate,
  last_used_at: NullableDate,
  revoked_at: NullableDate,
});

/** Every management list: `?limit=&cursor=` (src/core/pagination.ts says why keyset). */
export const PageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 300, description: 'The next_cursor of the previous page, unchanged' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (default 50, at most 200)' })),
  },
  { additionalProperties: false },
);
/** `{ items, next_cursor }`: next_cursor is null on the last page. */
export const pageSchema = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as ?cursor= for the next page; null on the last' }),
  });

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Optional(Type.String({ maxLength: 200 })),
    target: Type.Optional(Type.String({ maxLength: 300 })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
const AuditEvent = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  occurred_at: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  action: Type.String(),
  target: Type.Union([Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  outcome: Type.String(),
  request_id: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Record(Type.String(), Type.Unknown()),
});
export const AuditPage = Type.Object({ items: Type.Array(AuditEvent), next_cursor: Type.Union([Type.String(), Type.Null()]) });
export const AuditVerify = Type.Object({
  ok: Type.Boolean(),
  events: Type.Integer(),
  problems: Type.Array(Type.Object({ seq: Type.Union([Type.Integer(), Type.Null()]), problem: Type.String() })),
});

export { OperationRun } from '../shared/operation-run.ts';

// The shapes above as TypeScript types, for the console (console/src/lib/api-types.ts).
export type Workspace = Static<typeof Workspace>;
export type CreateWorkspace = Static<typeof CreateWorkspace>;
export type Tenant = Static<typeof Tenant>;
export type CreateTenant = Static<typeof CreateTenant>;
export type AuditPage = Static<typeof AuditPage>;
export const WorkspacePage = pageSchema(Workspace);
export type WorkspacePage = Static<typeof WorkspacePage>;
export const TenantPage = pageSchema(Tenant);
export type TenantPage = Static<typeof TenantPage>;
export type AuditVerify = Static<typeof AuditVerify>;
