// attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9) over a full resource. Names are
// case-insensitive and may be URN-qualified or name sub-attributes (`name.givenName`).
// `returned: always` attributes (id, schemas, meta, userName) survive both lists;
// `returned: never` (password) never leaves.

import { isPlainObject, splitAttributeList } from './lenient.ts';
import type { LearnedSchemas } from './learned.ts';
import { extensionSchemas, parseAttrPath, resolveAttrPath, type ResolvedAttr } from './paths.ts';
import { COMMON_ATTRIBUTES, RESOURCE_TYPES, findAttr, type AttrDef, type ResourceType, type SchemaDef } from './schemas.ts';
import { getKey } from './values.ts';

export interface ProjectionOptions {
  attributes?: string | readonly string[];
  excludedAttributes?: string | readonly string[];
}

type JsonObject = Record<string, unknown>;

function resolveList(value: string | readonly string[] | undefined, rt: ResourceType, learned: LearnedSchemas | undefined): ResolvedAttr[] {
  const out: ResolvedAttr[] = [];
  for (const text of splitAttributeList(value)) {
    // Unknown names are ignored, as most service providers do, rather than failing a read.
    const ref = text.length <= 512 ? parseAttrPath(text) : undefined;
    const r = ref ? resolveAttrPath(rt, ref, learned) : undefined;
    if (r) out.push(r);
  }
  return out;
}

interface Holder {
  /** undefined for the resource root, else the extension URN. */
  ext: string | undefined;
  schema: SchemaDef | undefined;
  attributes: AttrDef[];
}

function holders(rt: ResourceType, learned: LearnedSchemas | undefined): Holder[] {
  const def = RESOURCE_TYPES[rt];
  return [
    { ext: undefined, schema: def.schema, attributes: [...COMMON_ATTRIBUTES, ...def.schema.attributes] },
    ...extensionSchemas(rt, learned).map((schema) => ({ ext: schema.id, schema, attributes: schema.attributes })),
  ];
}

function holderOf(r: ResolvedAttr): string | undefined {
  return r.extension ? r.schemaId : undefined;
}

/** Copy of `value` without sub-attributes whose `returned` rule says so. */
function stripSubs(def: AttrDef, value: unknown, drop: (sub: AttrDef) => boolean): unknown {
  if (def.type !== 'complex' || !def.subAttributes) return value;
  const one = (v: unknown) => {
    if (!isPlainObject(v)) return v;
    const out: JsonObject = {};
    for (const [k, sv] of Object.entries(v)) {
      const sub = findAttr(def.subAttributes, k);
      if (sub && drop(sub)) continue;
      out[k] = sv;
    }
    return out;
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

function pickSubs(value: unknown, subs: Set<string>): unknown {
  const one = (v: unknown) => {
    if (!isPlainObject(v)) return v;
    const out: JsonObject = {};
    for (const [k, sv] of Object.entries(v)) if (subs.has(k.toLowerCase())) out[k] = sv;
    return out;
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** Per holder and attribute: `true` for the whole attribute, or the chosen sub-attribute names. */
type Selection = Map<string | undefined, Map<string, true | Set<string>>>;

function select(sel: Selection, holder: string | undefined, attr: string, sub: string | undefined): void {
  let attrs = sel.get(holder);
  if (!attrs) sel.set(holder, (attrs = new Map()));
  const key = attr.toLowerCase();
  const cur = attrs.get(key);
  if (cur === true) return;
  if (sub === undefined) attrs.set(key, true);
  else attrs.set(key, new Set([...(cur ?? []), sub.toLowerCase()]));
}

export function project(resource: JsonObject, options: ProjectionOptions, resourceType: ResourceType, learned?: LearnedSchemas): JsonObject {
  const hs = holders(resourceType, learned);
  const requested = resolveList(options.attributes, resourceType, learned);
  const excluded = requested.length > 0 ? [] : resolveList(options.excludedAttributes, resourceType, learned);

  const sel: Selection = new Map();
  for (const r of requested) {
    if (r.attr === undefined) {
      const h = hs.find((x) => x.ext === holderOf(r));
      for (const a of h?.attributes ?? []) select(sel, holderOf(r), a.name, undefined);
    } else {
      select(sel, holderOf(r), r.attr.name, r.sub?.name);
    }
  }
  const excludedSel: Selection = new Map();
  for (const r of excluded) {
    if (r.attr === undefined) {
      if (r.extension) excludedSel.set(r.schemaId, new Map([['*', true]]));
    } else {
      select(excludedSel, holderOf(r), r.attr.name, r.sub?.name);
    }
  }

  const out: JsonObject = {};
  for (const h of hs) {
    const source = h.ext === undefined ? resource : getKey(resource, h.ext);
    if (!isPlainObject(source)) continue;
    const target: JsonObject = {};
    const wholeExcluded = excludedSel.get(h.ext)?.get('*') === true;
    for (const [key, value] of Object.entries(source)) {
      const def = findAttr(h.attributes, key);
      if (!def) {
        // Keys the table does not know (the extension objects themselves at the root) are
        // handled by their own holder; anything else is passed through only by default.
        if (h.ext === undefined && hs.some((x) => x.ext !== undefined && x.ext.toLowerCase() === key.toLowerCase())) continue;
        if (requested.length === 0) target[key] = value;
        continue;
      }
      if (def.returned === 'never') continue;
      const always = def.returned === 'always';
      const dropNever = (sub: AttrDef) => sub.returned === 'never';
      if (requested.length > 0) {
        const choice = sel.get(h.ext)?.get(def.name.toLowerCase());
        if (always || choice === true) target[key] = stripSubs(def, value, dropNever);
        else if (choice instanceof Set) target[key] = pickSubs(stripSubs(def, value, dropNever), choice);
        continue;
      }
      if (def.returned === 'request') continue;
      const choice = wholeExcluded ? true : excludedSel.get(h.ext)?.get(def.name.toLowerCase());
      if (!always && choice === true) continue;
      if (!always && choice instanceof Set) {
        target[key] = stripSubs(def, value, (sub) => dropNever(sub) || (sub.returned !== 'always' && choice.has(sub.name.toLowerCase())));
        continue;
      }
      target[key] = stripSubs(def, value, dropNever);
    }
    if (h.ext === undefined) Object.assign(out, target);
    else if (Object.keys(target).length > 0) out[h.ext] = target;
  }
  return out;
}

/**
 * Whether a response with these options includes `attribute` (e.g. Group `members`), so the
 * caller can skip loading what will not be returned (Entra lists groups with
 * `excludedAttributes=members`).
 */
export function isAttributeRequested(options: ProjectionOptions, resourceType: ResourceType, attribute: string): boolean {
  const ref = parseAttrPath(attribute);
  const target = ref ? resolveAttrPath(resourceType, ref) : undefined;
  if (!target || !target.attr) return false;
  if (target.attr.returned === 'never') return false;
  if (target.attr.returned === 'always') return true;
  const same = (r: ResolvedAttr) => r.attr?.name === target.attr?.name && r.schemaId === target.schemaId;
  const requested = resolveList(options.attributes, resourceType, undefined);
  if (requested.length > 0) {
    return requested.some((r) => same(r) || (r.attr === undefined && r.schemaId === target.schemaId));
  }
  if (target.attr.returned === 'request') return false;
  const excluded = resolveList(options.excludedAttributes, resourceType, undefined);
  return !excluded.some((r) => (same(r) && !r.sub) || (r.attr === undefined && r.extension && r.schemaId === target.schemaId));
}
