// Discovery documents (RFC 7643 §5–§7, RFC 7644 §4): /ServiceProviderConfig, /ResourceTypes and
// /Schemas, all generated from the attribute table in schemas.ts. `baseUrl` is the SCIM base of
// one configuration (e.g. https://host/scim/v2/<configurationId>).

import type { LearnedSchemas } from './learned.ts';
import { ALL_SCHEMAS, RESOURCE_TYPES, type AttrDef, type ResourceType, type SchemaDef } from './schemas.ts';
import { trimBaseUrl } from './responses.ts';

export { listResponse, parsePagination } from './responses.ts';

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export interface ServiceProviderOptions {
  /** Most operations one /Bulk request may carry. */
  maxOperations?: number;
  /** Largest /Bulk body, in bytes. */
  maxPayloadSize?: number;
  /** Most resources one query returns. */
  maxResults?: number;
  documentationUri?: string;
}

const DEFAULT_SERVICE_PROVIDER_OPTIONS = { maxOperations: 1000, maxPayloadSize: 1_048_576, maxResults: 200 } as const;

export function serviceProviderConfig(baseUrl: string, options: ServiceProviderOptions = {}): Record<string, unknown> {
  const doc: Record<string, unknown> = { schemas: [SPC_SCHEMA] };
  if (options.documentationUri) doc.documentationUri = options.documentationUri;
  Object.assign(doc, {
    patch: { supported: true },
    bulk: {
      supported: true,
      maxOperations: options.maxOperations ?? DEFAULT_SERVICE_PROVIDER_OPTIONS.maxOperations,
      maxPayloadSize: options.maxPayloadSize ?? DEFAULT_SERVICE_PROVIDER_OPTIONS.maxPayloadSize,
    },
    filter: { supported: true, maxResults: options.maxResults ?? DEFAULT_SERVICE_PROVIDER_OPTIONS.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with the bearer token issued for this SCIM configuration.',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${trimBaseUrl(baseUrl)}/ServiceProviderConfig` },
  });
  return doc;
}

function resourceTypeDocument(baseUrl: string, name: ResourceType, learned: LearnedSchemas | undefined): Record<string, unknown> {
  const def = RESOURCE_TYPES[name];
  const extensions = [
    ...def.extensions.map((e) => ({ schema: e.schema.id, required: e.required })),
    ...(learned?.extensions(name) ?? []).map((s) => ({ schema: s.id, required: false })),
  ];
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: def.name,
    name: def.name,
    endpoint: def.endpoint,
    description: def.description,
    schema: def.schema.id,
    schemaExtensions: extensions,
    meta: { resourceType: 'ResourceType', location: `${trimBaseUrl(baseUrl)}/ResourceTypes/${def.name}` },
  };
}

export function resourceTypeDocuments(baseUrl: string, learned?: LearnedSchemas): Record<string, unknown>[] {
  return (Object.keys(RESOURCE_TYPES) as ResourceType[]).map((n) => resourceTypeDocument(baseUrl, n, learned));
}

/** RFC 7643 §7 attribute definition, keys in the order the RFC's examples use. */
function attributeDocument(a: AttrDef): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
  };
  if (a.canonicalValues) doc.canonicalValues = a.canonicalValues;
  if (a.type !== 'complex') doc.caseExact = a.caseExact;
  doc.mutability = a.mutability;
  doc.returned = a.returned;
  doc.uniqueness = a.uniqueness;
  if (a.referenceTypes) doc.referenceTypes = a.referenceTypes;
  if (a.subAttributes) doc.subAttributes = a.subAttributes.map(attributeDocument);
  return doc;
}

function schemaDocument(baseUrl: string, schema: SchemaDef): Record<string, unknown> {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeDocument),
    meta: { resourceType: 'Schema', location: `${trimBaseUrl(baseUrl)}/Schemas/${schema.id}` },
  };
}

/** The declared schemas, then the extensions this configuration learned. */
function allSchemas(learned: LearnedSchemas | undefined): SchemaDef[] {
  return [...ALL_SCHEMAS, ...(learned ? [...learned.extensions('User'), ...learned.extensions('Group')] : [])];
}

export function schemaDocuments(baseUrl: string, learned?: LearnedSchemas): Record<string, unknown>[] {
  return allSchemas(learned).map((s) => schemaDocument(baseUrl, s));
}

/** The schema document for a URN (case-insensitive), or undefined. */
export function findSchemaDocument(baseUrl: string, id: string, learned?: LearnedSchemas): Record<string, unknown> | undefined {
  const s = allSchemas(learned).find((x) => x.id.toLowerCase() === id.toLowerCase());
  return s ? schemaDocument(baseUrl, s) : undefined;
}

/** Case-insensitive lookup for /ResourceTypes/{name}. */
export function findResourceTypeDocument(baseUrl: string, name: string, learned?: LearnedSchemas): Record<string, unknown> | undefined {
  const n = (Object.keys(RESOURCE_TYPES) as ResourceType[]).find((x) => x.toLowerCase() === name.toLowerCase());
  return n ? resourceTypeDocument(baseUrl, n, learned) : undefined;
}
