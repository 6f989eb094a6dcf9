// The console's read of one workspace's SCIM configurations (GET /console/api/scim-configurations):
// the same fields the /directory surface shows for a configuration. Kept apart from schemas.ts
// because a surface does not import another surface's shapes.
import { Type } from 'typebox';
import { UNKNOWN_ATTRIBUTE_POLICIES } from '../../core/scim/unknown-attribute-policy.ts';
import { literalUnion } from '../../lib/literal-union.ts';

export const ScimConfigurationsQuery = Type.Object(
  {
    workspace_id: Type.Optional(
      Type.String({ format: 'uuid', description: "The workspace to list; a member's or application token's own when omitted. Required for the vendor" }),
    ),
  },
  { additionalProperties: false },
);

export const ScimConfigurations = Type.Array(
  Type.Object({
    id: Type.String(),
    tenantId: Type.String(),
    connectionName: Type.String(),
    source: Type.String(),
    syncToUserManagement: Type.Boolean(),
    unknownAttributePolicy: literalUnion(UNKNOWN_ATTRIBUTE_POLICIES),
    lastSync: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    baseUrl: Type.String({ description: 'The SCIM 2.0 base URL to give the identity provider' }),
  }),
);
