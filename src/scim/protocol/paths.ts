// Attribute paths (RFC 7644 §3.10): `[URN ":"] attrName ["." subAttr]`, resolved
// case-insensitively against the schema table to canonical names and definitions.

import type { LearnedSchemas } from './learned.ts';
import {
  COMMON_ATTRIBUTES,
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  RESOURCE_TYPES,
  findAttr,
  type AttrDef,
  type ResourceType,
  type SchemaDef,
} from './schemas.ts';

export interface AttrPathRef {
  /** Schema URN prefix as written, if any. */
  urn?: string;
  attr: string;
  sub?: string;
}

const NAME = String.raw`(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)`;
const LOCAL_RE = new RegExp(`^(${NAME})(?:\\.(${NAME}))?$`);
const URN_RE = /^urn:[A-Za-z0-9][A-Za-z0-9._:-]*$/i;

/** Syntax only; undefined when the text is not an attribute path. */
export function parseAttrPath(text: string): AttrPathRef | undefined {
  let urn: string | undefined;
  let local = text;
  if (/^urn:/i.test(text)) {
    const idx = text.lastIndexOf(':');
    urn = text.slice(0, idx);
    local = text.slice(idx + 1);
    if (!URN_RE.test(urn)) return undefined;
  }
  const m = LOCAL_RE.exec(local);
  if (!m) return undefined;
  const ref: AttrPathRef = { attr: m[1] };
  if (urn !== undefined) ref.urn = urn;
  if (m[2] !== undefined) ref.sub = m[2];
  return ref;
}

export function formatAttrPath(ref: AttrPathRef): string {
  return `${ref.urn ? `${ref.urn}:` : ''}${ref.attr}${ref.sub ? `.${ref.sub}` : ''}`;
}

export interface ResolvedAttr {
  /** URN of the schema that defines the attribute (the core schema for common attributes). */
  schemaId: string;
  /** True when the value lives under `resource[schemaId]` (an extension schema). */
  extension: boolean;
  /** Undefined when the path names a whole schema (`urn:…:enterprise:2.0:User`). */
  attr: AttrDef | undefined;
  sub: AttrDef | undefined;
  /** True for id, externalId, meta, schemas (RFC 7643 §3.1). */
  common: boolean;
  /** Canonical JSON keys from the resource root. */
  jsonPath: string[];
}

export function coreSchemaId(rt: ResourceType): string {
  return rt === 'User' ? CORE_USER_SCHEMA : CORE_GROUP_SCHEMA;
}

/** Declared extensions, then the ones this configuration learned (learned.ts). */
export function extensionSchemas(rt: ResourceType, learned?: LearnedSchemas): SchemaDef[] {
  return [...RESOURCE_TYPES[rt].extensions.map((e) => e.schema), ...(learned?.extensions(rt) ?? [])];
}

function schemasOf(rt: ResourceType, learned?: LearnedSchemas): { schema: SchemaDef; extension: boolean }[] {
  return [{ schema: RESOURCE_TYPES[rt].schema, extension: false }, ...extensionSchemas(rt, learned).map((schema) => ({ schema, extension: true }))];
}

/** Extension schema URN (canonical spelling) matching `text` ignoring case. */
export function findExtensionSchema(rt: ResourceType, text: string, learned?: LearnedSchemas): SchemaDef | undefined {
  const lower = text.toLowerCase();
  return RESOURCE_TYPES[rt].extensions.find((e) => e.schema.id.toLowerCase() === lower)?.schema ?? learned?.schema(rt, text);
}

export function resolveAttrPath(rt: ResourceType, ref: AttrPathRef, learned?: LearnedSchemas): ResolvedAttr | undefined {
  const all = schemasOf(rt, learned);
  if (ref.urn !== undefined && ref.sub === undefined) {
    const whole = `${ref.urn}:${ref.attr}`.toLowerCase();
    const hit = all.find((s) => s.schema.id.toLowerCase() === whole);
    if (hit) {
      return {
        schemaId: hit.schema.id,
        extension: hit.extension,
        attr: undefined,
        sub: undefined,
        common: false,
        jsonPath: hit.extension ? [hit.schema.id] : [],
      };
    }
  }

  let found: { schema: SchemaDef; extension: boolean; attr: AttrDef; common: boolean } | undefined;
  if (ref.urn !== undefined) {
    const lower = ref.urn.toLowerCase();
    const s = all.find((x) => x.schema.id.toLowerCase() === lower);
    if (!s) return undefined;
    const a = findAttr(s.schema.attributes, ref.attr);
    if (a) found = { ...s, attr: a, common: false };
    else if (!s.extension) {
      const c = findAttr(COMMON_ATTRIBUTES, ref.attr);
      if (c) found = { ...s, attr: c, common: true };
    }
  } else {
    const c = findAttr(COMMON_ATTRIBUTES, ref.attr);
    if (c) found = { ...all[0], attr: c, common: true };
    // Unqualified extension names are tolerated when the core schema has no such attribute —
    // for declared extensions only: a learned one is addressed by its full path.
    for (const s of all.slice(0, 1 + RESOURCE_TYPES[rt].extensions.length)) {
      if (found) break;
      const a = findAttr(s.schema.attributes, ref.attr);
      if (a) found = { ...s, attr: a, common: false };
    }
  }
  if (!found) return undefined;

  let sub: AttrDef | undefined;
  if (ref.sub !== undefined) {
    sub = findAttr(found.attr.subAttributes, ref.sub);
    if (!sub) return undefined;
  }
  const jsonPath = [...(found.extension ? [found.schema.id] : []), found.attr.name, ...(sub ? [sub.name] : [])];
  return {
    schemaId: found.schema.id,
    extension: found.extension,
    attr: found.attr,
    sub,
    common: found.common,
    jsonPath,
  };
}
