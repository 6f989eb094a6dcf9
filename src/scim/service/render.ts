// Stored rows → SCIM resources (before attributes/excludedAttributes are applied). Columns are
// authoritative for id, active and meta; everything else is the canonical resource JSON.
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA, RESOURCE_TYPES, resourceMeta, type ResourceType } from '../protocol/index.ts';
import type { GroupRow, MemberRow } from '../store/groups.ts';
import type { UserRow } from '../store/users.ts';

type Json = Record<string, unknown>;

// jsonb keeps keys in its own order; responses list them the way the RFC's examples do:
// schemas, id, externalId, the schema's attributes in table order, extensions, meta.
const ORDER: Record<ResourceType, Map<string, number>> = {
  User: orderOf('User'),
  Group: orderOf('Group'),
};

function orderOf(rt: ResourceType): Map<string, number> {
  const def = RESOURCE_TYPES[rt];
  const names = ['externalId', ...def.schema.attributes.map((a) => a.name), ...def.extensions.map((e) => e.schema.id)];
  return new Map(names.map((n, i) => [n.toLowerCase(), i]));
}

function body(resource: Json, rt: ResourceType, fallbackSchema: string): { schemas: unknown; rest: Json } {
  const { schemas, ...rest } = resource;
  const order = ORDER[rt];
  const rank = (k: string) => order.get(k.toLowerCase()) ?? order.size;
  const sorted: Json = {};
  for (const k of Object.keys(rest).sort((a, b) => rank(a) - rank(b))) sorted[k] = rest[k];
  return { schemas: Array.isArray(schemas) && schemas.length ? schemas : [fallbackSchema], rest: sorted };
}

export function renderUser(row: UserRow, baseUrl: string): Json {
  const groups = row.groups;
  const { schemas, rest } = body(row.resource, 'User', CORE_USER_SCHEMA);
  const out: Json = { schemas, id: row.id, ...rest, active: row.active };
  if (groups && groups.length > 0) {
    out.groups = groups.map((g) => ({ value: g.group_id, $ref: `${baseUrl}/Groups/${g.group_id}`, display: g.display_name, type: 'direct' }));
  }
  out.meta = resourceMeta(baseUrl, 'User', { id: row.id, createdAt: row.created_at, updatedAt: row.updated_at, version: row.version });
  return out;
}

export function renderGroup(row: GroupRow, baseUrl: string, members?: MemberRow[]): Json {
  const { schemas, rest } = body(row.resource, 'Group', CORE_GROUP_SCHEMA);
  const out: Json = { schemas, id: row.id, ...rest };
  if (members && members.length > 0) {
    out.members = members.map((m) => {
      const el: Json = { value: m.member_id, $ref: `${baseUrl}/${m.member_type === 'User' ? 'Users' : 'Groups'}/${m.member_id}`, type: m.member_type };
      if (m.display !== null) el.display = m.display;
      return el;
    });
  }
  out.meta = resourceMeta(baseUrl, 'Group', { id: row.id, createdAt: row.created_at, updatedAt: row.updated_at, version: row.version });
  return out;
}
