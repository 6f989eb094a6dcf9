// The identity providers a SCIM configuration names as its source (scim-configurations.yaml).
// A file of its own, importing nothing, so that the route schemas — and the console's types,
// which are derived from them — read the list without pulling in the service and the database.
export const SCIM_SOURCES = ['frontegg', 'okta', 'azure-ad', 'other'] as const;
export type ScimSource = (typeof SCIM_SOURCES)[number];
