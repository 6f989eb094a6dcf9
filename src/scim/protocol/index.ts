// Public surface of the pure SCIM 2.0 protocol pieces (no database, no HTTP).
export * from './errors.ts';
export * from './filter.ts';
export { matchesElement } from './filter-eval.ts';
export * from './patch.ts';
export * from './resource.ts';
export * from './projection.ts';
export * from './discovery.ts';
export { etagOf, resourceLocation, resourceMeta, trimBaseUrl, type ResourceMeta } from './responses.ts';
export {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  RESOURCE_TYPES,
  isResourceType,
  type AttrDef,
  type ResourceType,
  type SchemaDef,
} from './schemas.ts';
export { coerceBoolean, normalizeOp } from './lenient.ts';
export { isUuid } from '../../lib/uuid.ts';
