// Public surface of the pure SCIM 2.0 protocol pieces (no database, no HTTP).
export * from './errors.ts';
export * from './filter.ts';
export * from './patch.ts';
export * from './resource.ts';
export * from './projection.ts';
export * from './discovery.ts';
export { LearnedSchemas, type LearnedAttribute, type UnknownAttributePolicy } from './learned.ts';
export { etagOf, resourceMeta } from './responses.ts';
export {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  RESOURCE_TYPES,
  type ResourceType,
} from './schemas.ts';
export { isUuid } from '../../lib/uuid.ts';
