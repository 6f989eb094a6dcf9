// Extension schemas an identity provider uses without this service declaring them: an Entra
// custom attribute mapping or an Okta app-profile attribute arrives as
// `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User` with attributes nobody told us about.
// Refusing the whole user for it breaks provisioning, so each configuration learns them: the first
// value of an attribute fixes its definition (type from the JSON value, readWrite, returned by
// default), later requests are coerced to it like any declared attribute, and /Schemas and
// /ResourceTypes of that configuration list what was learned. Core attributes are never learned:
// an unknown core attribute follows the configuration's policy (ignore or reject).
import { invalidValue } from './errors.ts';
import { isPlainObject } from './lenient.ts';
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA, RESOURCE_TYPES, type AttrDef, type ResourceType, type SchemaDef } from './schemas.ts';

/** What to do with an attribute of the core schema that it does not define. */
export type UnknownAttributePolicy = 'ignore' | 'reject';

/** One learned attribute as stored (scim_configurations.learned_schemas, keyed by `storedKey`). */
export interface LearnedAttribute {
  resourceType: ResourceType;
  /** The schema URN as the identity provider first spelled it. */
  schema: string;
  attribute: AttrDef;
}

/** Bounds on what one configuration may learn: a hostile client must not grow it without end. */
const MAX_SCHEMAS = 20;
const MAX_ATTRIBUTES = 200;
const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;

/** A URN that may name an undeclared extension: not the core schemas, not SCIM's own messages. */
export function isExtensionUrn(text: string): boolean {
  const lower = text.toLowerCase();
  return (
    /^urn:[a-z0-9][a-z0-9._:-]{2,254}$/i.test(text) &&
    !lower.startsWith('urn:ietf:params:scim:api:') &&
    !lower.startsWith('urn:ietf:params:scim:schemas:core:') &&
    lower !== CORE_USER_SCHEMA.toLowerCase() &&
    lower !== CORE_GROUP_SCHEMA.toLowerCase()
  );
}

const storedKey = (a: Pick<LearnedAttribute, 'resourceType' | 'schema'> & { name: string }) =>
  `${a.resourceType}|${a.schema.toLowerCase()}|${a.name.toLowerCase()}`;

function scalarDef(name: string, sample: unknown, multi: boolean): AttrDef | undefined {
  const type =
    typeof sample === 'string'
      ? 'string'
      : typeof sample === 'boolean'
        ? 'boolean'
        : typeof sample === 'number' && Number.isFinite(sample)
          ? Number.isInteger(sample)
            ? 'integer'
            : 'decimal'
          : undefined;
  if (!type) return undefined;
  return {
    name,
    type,
    multiValued: multi,
    description: 'Learned from the identity provider (not declared by this service).',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
  };
}

function complexDef(name: string, sample: Record<string, unknown>, multi: boolean): AttrDef {
  const subAttributes: AttrDef[] = [];
  for (const [key, v] of Object.entries(sample)) {
    if (v === null || v === undefined) continue;
    if (!NAME_RE.test(key)) throw invalidValue(`"${name}.${key.slice(0, 64)}" is not a valid attribute name.`);
    const sub = scalarDef(key, v, false);
    if (!sub) throw invalidValue(`"${name}.${key}" must be a string, number or boolean (sub-attributes cannot nest).`);
    subAttributes.push(sub);
  }
  return { ...(scalarDef(name, '', multi) as AttrDef), type: 'complex', subAttributes };
}

/** The definition a first value implies; undefined when it implies nothing (null, []). */
function inferDef(name: string, sample: unknown): AttrDef | undefined {
  if (!NAME_RE.test(name)) throw invalidValue(`"${name.slice(0, 64)}" is not a valid attribute name.`);
  if (Array.isArray(sample)) {
    const first = sample.find((v) => v !== null && v !== undefined);
    if (first === undefined) return undefined;
    if (isPlainObject(first)) return complexDef(name, Object.assign({}, ...sample.filter(isPlainObject)), true);
    const def = scalarDef(name, first, true);
    if (!def) throw invalidValue(`"${name}" must hold strings, numbers, booleans or objects.`);
    return def;
  }
  if (isPlainObject(sample)) return complexDef(name, sample, false);
  if (sample === null || sample === undefined) return undefined;
  return scalarDef(name, sample, false);
}

export class LearnedSchemas {
  private readonly schemas: Record<ResourceType, Map<string, SchemaDef>> = { User: new Map(), Group: new Map() };
  private count = 0;
  /** Definitions learned (or widened) during this request and not stored yet. */
  readonly added = new Map<string, LearnedAttribute>();

  constructor(stored: Record<string, LearnedAttribute> = {}) {
    for (const entry of Object.values(stored)) {
      if (!entry || !(entry.resourceType in RESOURCE_TYPES) || typeof entry.schema !== 'string' || !entry.attribute) continue;
      this.put(entry.resourceType, entry.schema, entry.attribute);
    }
  }

  /** The learned extension schemas of a resource type (each with at least one attribute). */
  extensions(rt: ResourceType): SchemaDef[] {
    return [...this.schemas[rt].values()].filter((s) => s.attributes.length > 0);
  }

  schema(rt: ResourceType, urn: string): SchemaDef | undefined {
    return this.schemas[rt].get(urn.toLowerCase());
  }

  /**
   * The definition of `name` in the extension `urn`, learning (or widening, for new sub-attributes
   * of a learned complex attribute) from `sample`; undefined when the value implies nothing.
   */
  learn(rt: ResourceType, urn: string, name: string, sample: unknown): AttrDef | undefined {
    const existing = this.schema(rt, urn)?.attributes.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (existing) return this.widen(rt, urn, existing, sample);
    const def = inferDef(name, sample);
    if (!def) return undefined;
    if (!this.schema(rt, urn) && this.schemas[rt].size >= MAX_SCHEMAS) {
      throw invalidValue(`This configuration already uses ${MAX_SCHEMAS} undeclared extension schemas; "${urn.slice(0, 128)}" is one too many.`);
    }
    if (this.count >= MAX_ATTRIBUTES) throw invalidValue(`This configuration already uses ${MAX_ATTRIBUTES} undeclared extension attributes.`);
    const schemaId = this.put(rt, urn, def);
    this.added.set(storedKey({ resourceType: rt, schema: schemaId, name: def.name }), { resourceType: rt, schema: schemaId, attribute: def });
    return def;
  }

  private widen(rt: ResourceType, urn: string, def: AttrDef, sample: unknown): AttrDef {
    if (def.type !== 'complex' || !def.subAttributes) return def;
    const values = Array.isArray(sample) ? sample.filter(isPlainObject) : isPlainObject(sample) ? [sample] : [];
    const known = new Set(def.subAttributes.map((s) => s.name.toLowerCase()));
    const fresh = values.flatMap((v) => Object.entries(v)).filter(([k, v]) => !known.has(k.toLowerCase()) && v !== null && v !== undefined);
    if (fresh.length === 0) return def;
    const extra = complexDef(def.name, Object.fromEntries(fresh), def.multiValued).subAttributes ?? [];
    def.subAttributes = [...def.subAttributes, ...extra.filter((s, i, all) => all.findIndex((x) => x.name.toLowerCase() === s.name.toLowerCase()) === i)];
    const schemaId = (this.schema(rt, urn) as SchemaDef).id;
    this.added.set(storedKey({ resourceType: rt, schema: schemaId, name: def.name }), { resourceType: rt, schema: schemaId, attribute: def });
    return def;
  }

  private put(rt: ResourceType, urn: string, attribute: AttrDef): string {
    let schema = this.schemas[rt].get(urn.toLowerCase());
    if (!schema) {
      const name = urn.split(':').slice(-3).join(':');
      schema = { id: urn, name, description: 'Extension learned from the identity provider (not declared by this service).', attributes: [] };
      this.schemas[rt].set(urn.toLowerCase(), schema);
    }
    const at = schema.attributes.findIndex((a) => a.name.toLowerCase() === attribute.name.toLowerCase());
    if (at >= 0) schema.attributes[at] = attribute;
    else {
      schema.attributes.push(attribute);
      this.count++;
    }
    return schema.id;
  }
}
