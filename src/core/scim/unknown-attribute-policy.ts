// What a SCIM configuration does with a core attribute its schemas do not define (migration 0014):
// `ignore` drops it (the default — identity providers send whatever their mapping says), `reject`
// answers 400 naming it. A leaf file, like scim-sources.ts, so route schemas and the console read it.
export const UNKNOWN_ATTRIBUTE_POLICIES = ['ignore', 'reject'] as const;
export type UnknownAttributePolicy = (typeof UNKNOWN_ATTRIBUTE_POLICIES)[number];
