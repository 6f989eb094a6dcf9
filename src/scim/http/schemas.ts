// What the SCIM routes declare of their path and query, so handlers are typed by schemas, not
// casts. Nothing here can refuse a request: RFC 7644 parameters are parsed leniently by the
// service (a repeated parameter arrives as a list), so every query value a client can send —
// a string, or a list of strings for a repeated name — passes unchanged, and unknown names too.
import { Type } from 'typebox';

const Text = Type.String();
const TextOrList = Type.Union([Type.String(), Type.Array(Type.String())]);

// Every route sits under the endpoint's prefix (/directory/resources/scim/v2.0/:configurationId).
export const ResourceParams = Type.Object({ configurationId: Text, id: Type.String({ description: 'The resource id' }) });
export const ResourceTypeParams = Type.Object({ configurationId: Text, name: Type.String({ description: 'User or Group' }) });
export const SchemaParams = Type.Object({ configurationId: Text, id: Type.String({ description: 'The schema URN' }) });

/** RFC 7644 §3.4.2 (list) and §3.9 (attributes / excludedAttributes on every response). */
export const ListQuery = Type.Object(
  {
    filter: Type.Optional(TextOrList),
    sortBy: Type.Optional(TextOrList),
    sortOrder: Type.Optional(TextOrList),
    startIndex: Type.Optional(TextOrList),
    count: Type.Optional(TextOrList),
    attributes: Type.Optional(TextOrList),
    excludedAttributes: Type.Optional(TextOrList),
  },
  { additionalProperties: true },
);
export const ProjectionQuery = Type.Object(
  { attributes: Type.Optional(TextOrList), excludedAttributes: Type.Optional(TextOrList) },
  { additionalProperties: true },
);
