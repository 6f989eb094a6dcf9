// SCIM PATCH (RFC 7644 §3.5.2) applied to a stored resource object, plus the identity-provider
// quirks seen in the field (Entra ID, Okta): see docs/decisions-scim.md for the list and for
// why this is not the scim-patch package. Group members never live in the resource: their
// changes come back as set operations for scim_group_members.

import { ScimError, invalidPath, invalidSyntax, invalidValue, mutability, noTarget } from './errors.ts';
import { parsePatchPath, type FilterNode, type PatchPath } from './filter-parse.ts';
import { matchesElement } from './filter-eval.ts';
import { findKey, isPlainObject, normalizeOp, type PatchOpName } from './lenient.ts';
import { MemberTracker, toMemberRef, type MemberChanges } from './members.ts';
import { isExtensionUrn, type LearnedSchemas, type UnknownAttributePolicy } from './learned.ts';
import { coreSchemaId, extensionSchemas, findExtensionSchema, formatAttrPath, resolveAttrPath, type ResolvedAttr } from './paths.ts';
import { RESOURCE_TYPES, findAttr, type AttrDef, type ResourceType } from './schemas.ts';
import { coerceSingle, coerceValue, deepEqual, deleteKey, getKey, isStorable, setKey, type CoerceOptions } from './values.ts';

export type { MemberChanges, MemberRef } from './members.ts';

export type JsonObject = Record<string, unknown>;

interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export interface PatchOptions {
  /** Core attributes the schema does not define: dropped (default) or 400 naming them. */
  unknownAttributes?: UnknownAttributePolicy;
  /** The configuration's undeclared extensions; attributes of new ones are learned into it. */
  learned?: LearnedSchemas;
}

export interface PatchResult {
  resource: JsonObject;
  /** Groups only: membership set operations (remove first, then add); undefined when untouched. */
  members?: MemberChanges;
  /** False when the operations changed nothing (no version bump needed). */
  modified: boolean;
}

/** Where an op came from: path-less values are lenient about read-only attributes. */
type Origin = 'path' | 'pathless';

interface Target extends ResolvedAttr {
  attr: AttrDef;
}

function asPathError(err: unknown): never {
  if (err instanceof ScimError && err.scimType === 'invalidFilter') throw invalidPath(err.detail);
  throw err;
}

/** `value eq "id"` joined by `or`: the only member filters answerable without loading members. */
function memberIdsOf(filter: FilterNode): string[] {
  if (filter.op === 'or') return filter.filters.flatMap(memberIdsOf);
  if (filter.op === 'eq' && !filter.path.urn && !filter.path.sub && filter.path.attr.toLowerCase() === 'value') {
    return [String(filter.value)];
  }
  throw invalidPath('A members filter must compare "value" with eq (optionally joined by or).');
}

/** The `attr eq value` assertions of a filter made only of eq joined by and. */
function eqAssertions(filter: FilterNode): [string, unknown][] | undefined {
  if (filter.op === 'and') {
    const parts = filter.filters.map(eqAssertions);
    return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  if (filter.op === 'eq' && !filter.path.urn && !filter.path.sub && filter.value !== null) {
    return [[filter.path.attr, filter.value]];
  }
  return undefined;
}

export class PatchEngine {
  readonly resource: JsonObject;
  readonly members = new MemberTracker();
  private readonly rt: ResourceType;
  private readonly coerce: CoerceOptions;
  private readonly learned: LearnedSchemas | undefined;

  constructor(resource: JsonObject, rt: ResourceType, options: PatchOptions = {}) {
    this.resource = resource;
    this.rt = rt;
    this.coerce = { unknownAttributes: options.unknownAttributes ?? 'ignore' };
    this.learned = options.learned;
  }

  apply(raw: unknown): void {
    if (!isPlainObject(raw)) throw invalidSyntax('Each PATCH operation must be an object.');
    const field = (name: string) => {
      const k = findKey(raw, name);
      return k === undefined ? undefined : raw[k];
    };
    const op = normalizeOp(field('op'));
    if (!op) throw invalidSyntax('A PATCH operation "op" must be add, replace or remove.');
    const path = field('path');
    const hasValue = findKey(raw, 'value') !== undefined;
    const value = field('value');

    if (path === undefined || path === null || (typeof path === 'string' && path.trim() === '')) {
      if (op === 'remove') throw noTarget('A remove operation needs a "path".');
      if (!isPlainObject(value)) throw invalidValue(`A path-less ${op} needs an object "value".`);
      this.applyObject(op, value, undefined);
      return;
    }
    if (typeof path !== 'string') throw invalidPath('"path" must be a string.');
    if ((op === 'add' || op === 'replace') && !hasValue) throw invalidValue(`The ${op} operation needs a "value".`);
    let parsed: PatchPath;
    try {
      parsed = parsePatchPath(path);
    } catch (err) {
      asPathError(err);
    }
    this.applyPath(op, parsed, value, hasValue, 'path');
  }

  /** A key or path naming nothing this resource type has: dropped, or refused naming it. */
  private unknown(name: string, origin: Origin): undefined {
    if (this.coerce.unknownAttributes === 'ignore') return undefined;
    const label = name.slice(0, 128);
    // invalidPath is the scimType for a PATCH path; a body attribute is an invalid value.
    if (origin === 'path') throw invalidPath(`Unknown attribute "${label}" for ${this.rt}.`);
    throw invalidValue(`Unknown attribute "${label}" for ${this.rt} (this configuration rejects attributes its schemas do not define).`);
  }

  /** Path-less add/replace: each key is a path (Entra sends `name.givenName`, URN-qualified keys). */
  applyObject(op: PatchOpName, value: JsonObject, extension: string | undefined): void {
    for (const [key, v] of Object.entries(value)) {
      let ext = extension === undefined ? findExtensionSchema(this.rt, key, this.learned) : undefined;
      if (!ext && extension === undefined && this.learned && isPlainObject(v) && isExtensionUrn(key)) {
        // An undeclared extension object: each attribute is learned from its value below.
        this.applyLearnedObject(op, key, v);
        continue;
      }
      if (ext) {
        if (v === null) this.removeWhole(ext.id);
        else if (isPlainObject(v)) this.applyObject(op, v, ext.id);
        else throw invalidValue(`"${ext.id}" must be an object.`);
        continue;
      }
      if (extension === undefined && key.toLowerCase() === coreSchemaId(this.rt).toLowerCase() && isPlainObject(v)) {
        this.applyObject(op, v, undefined);
        continue;
      }
      let parsed: PatchPath;
      try {
        parsed = parsePatchPath(extension === undefined ? key : `${extension}:${key}`);
      } catch {
        this.unknown(extension === undefined ? key : `${extension}:${key}`, 'pathless');
        continue;
      }
      this.applyPath(op, parsed, v, true, 'pathless');
    }
  }

  /** Each attribute goes through resolve(), which learns it from its value. */
  private applyLearnedObject(op: PatchOpName, urn: string, value: JsonObject): void {
    for (const [key, v] of Object.entries(value)) {
      let parsed: PatchPath;
      try {
        parsed = parsePatchPath(`${urn}:${key}`);
      } catch {
        throw invalidValue(`"${urn.slice(0, 128)}:${key.slice(0, 64)}" is not a valid attribute name.`);
      }
      this.applyPath(op, parsed, v, true, 'pathless');
    }
  }

  private removeWhole(extensionId: string): void {
    deleteKey(this.resource, extensionId);
  }

  private resolve(parsed: PatchPath, value: unknown, origin: Origin): Target | 'whole-schema' | undefined {
    let r = resolveAttrPath(this.rt, parsed.path, this.learned);
    const { urn, attr, sub } = parsed.path;
    const undeclared = urn !== undefined && isExtensionUrn(urn) && !findExtensionSchema(this.rt, urn);
    if (this.learned && undeclared && sub === undefined && !parsed.filter && value !== undefined) {
      // A path into an undeclared extension (`urn:…:extension:Custom:2.0:User:costCode`): learn
      // the attribute from the value (or widen a learned complex one with new sub-attributes).
      if (this.learned.learn(this.rt, urn as string, attr, value)) r = resolveAttrPath(this.rt, parsed.path, this.learned);
    }
    if (!r) return this.unknown(formatAttrPath(parsed.path), origin);
    if (!r.attr) return 'whole-schema';
    return r as Target;
  }

  applyPath(op: PatchOpName, parsed: PatchPath, value: unknown, hasValue: boolean, origin: Origin): void {
    const t = this.resolve(parsed, op === 'remove' ? undefined : value, origin);
    if (t === undefined) return;
    if (t === 'whole-schema') {
      this.applyWholeSchema(op, parsed, value);
      return;
    }
    const name = t.attr.name;

    if (t.common && (name === 'id' || name === 'meta' || name === 'schemas')) {
      // Okta repeats `id` in path-less replaces; schemas are recomputed after the patch.
      if (origin === 'pathless' || name === 'schemas') return;
      throw mutability(`"${name}" is read-only.`);
    }
    if (this.rt === 'Group' && name === 'members' && !t.extension) {
      this.applyMembers(op, parsed, t, value, hasValue, origin);
      return;
    }
    if (t.attr.mutability === 'writeOnly' || t.sub?.mutability === 'writeOnly') return; // e.g. password: never stored
    if (t.attr.mutability === 'readOnly' || t.sub?.mutability === 'readOnly') {
      if (origin === 'pathless') return;
      throw mutability(`"${name}${t.sub ? `.${t.sub.name}` : ''}" is read-only.`);
    }

    if (parsed.filter) {
      this.applyFiltered(op, t, parsed.filter, parsed.subAttr, value);
      return;
    }
    if (parsed.subAttr !== undefined) throw invalidPath('A sub-attribute after "]" needs a value filter.');

    if (op === 'remove' || value === null) {
      // Replacing or adding null unassigns the attribute (RFC 7643 §2.5).
      if (op === 'remove' && hasValue && value !== null && t.attr.multiValued && !t.sub) {
        this.removeValues(t, value);
      } else {
        this.unassign(t);
      }
      return;
    }
    if (t.sub) this.setSub(op, t, value);
    else if (t.attr.multiValued) this.setMulti(op, t, value);
    else if (t.attr.type === 'complex') this.mergeComplex(t, value);
    else setKey(this.container(t, true) as JsonObject, name, coerceSingle(t.attr, value, this.coerce));
  }

  /** The object holding the attribute: the resource, or its extension object. */
  private container(t: ResolvedAttr, create: boolean): JsonObject | undefined {
    if (!t.extension) return this.resource;
    const existing = getKey(this.resource, t.schemaId);
    if (isPlainObject(existing)) return existing;
    if (!create) return undefined;
    const fresh: JsonObject = {};
    setKey(this.resource, t.schemaId, fresh);
    return fresh;
  }

  private applyWholeSchema(op: PatchOpName, parsed: PatchPath, value: unknown): void {
    const r = resolveAttrPath(this.rt, parsed.path, this.learned);
    if (!r || parsed.filter || parsed.subAttr) throw invalidPath('Invalid path.');
    if (!r.extension) {
      if (op === 'remove') throw mutability('The core schema cannot be removed.');
      if (!isPlainObject(value)) throw invalidValue('The value must be an object.');
      this.applyObject(op, value, undefined);
      return;
    }
    if (op === 'remove' || value === null) {
      this.removeWhole(r.schemaId);
      return;
    }
    if (!isPlainObject(value)) throw invalidValue(`"${r.schemaId}" must be an object.`);
    this.applyObject(op, value, r.schemaId);
  }

  private unassign(t: Target): void {
    const c = this.container(t, false);
    if (!c) return;
    if (!t.sub) {
      deleteKey(c, t.attr.name);
    } else {
      const current = getKey(c, t.attr.name);
      const elements = Array.isArray(current) ? current : [current];
      for (const el of elements) if (isPlainObject(el)) deleteKey(el, t.sub.name);
      if (isPlainObject(current) && Object.keys(current).length === 0) deleteKey(c, t.attr.name);
    }
    this.dropEmptyExtension(t);
  }

  private dropEmptyExtension(t: ResolvedAttr): void {
    if (!t.extension) return;
    const ext = getKey(this.resource, t.schemaId);
    if (isPlainObject(ext) && Object.keys(ext).length === 0) deleteKey(this.resource, t.schemaId);
  }

  /** `{"op":"remove","path":"emails","value":[{"value":"x"}]}`: remove just those entries. */
  private removeValues(t: Target, value: unknown): void {
    const c = this.container(t, false);
    const current = c ? getKey(c, t.attr.name) : undefined;
    if (!c || !Array.isArray(current)) return;
    const targets = coerceValue(t.attr, value, this.coerce) as unknown[];
    const valueDef = findAttr(t.attr.subAttributes, 'value');
    const same = (el: unknown, target: unknown): boolean => {
      if (valueDef && isPlainObject(target) && target[valueDef.name] !== undefined && isPlainObject(el)) {
        const a = getKey(el, valueDef.name);
        const b = target[valueDef.name];
        return valueDef.caseExact ? a === b : String(a).toLowerCase() === String(b).toLowerCase();
      }
      return deepEqual(el, target);
    };
    const kept = current.filter((el) => !targets.some((target) => same(el, target)));
    if (kept.length === 0) deleteKey(c, t.attr.name);
    else setKey(c, t.attr.name, kept);
    this.dropEmptyExtension(t);
  }

  /** `name.givenName`, and (rarely) `emails.value` meaning every element. */
  private setSub(op: PatchOpName, t: Target, value: unknown): void {
    const sub = t.sub as AttrDef;
    const coerced = coerceSingle(sub, value, this.coerce);
    const c = this.container(t, true) as JsonObject;
    const current = getKey(c, t.attr.name);
    if (t.attr.multiValued) {
      if (!Array.isArray(current) || current.length === 0) {
        if (op === 'replace') throw noTarget(`"${t.attr.name}" has no values.`);
        setKey(c, t.attr.name, [{ [sub.name]: coerced }]);
        return;
      }
      for (const el of current) if (isPlainObject(el)) setKey(el, sub.name, coerced);
      if (sub.name === 'primary' && coerced === true) this.onePrimary(current, current[current.length - 1]);
      return;
    }
    const obj = isPlainObject(current) ? current : {};
    setKey(obj, sub.name, coerced);
    setKey(c, t.attr.name, obj);
  }

  private setMulti(op: PatchOpName, t: Target, value: unknown): void {
    const incoming = coerceValue(t.attr, value, this.coerce) as unknown[];
    const c = this.container(t, true) as JsonObject;
    const current = getKey(c, t.attr.name);
    let next: unknown[];
    if (op === 'replace' || !Array.isArray(current)) {
      next = incoming;
    } else {
      next = [...current];
      for (const el of incoming) if (!next.some((x) => deepEqual(x, el))) next.push(el);
    }
    const newPrimary = incoming.find((el) => isPlainObject(el) && el.primary === true);
    if (newPrimary) this.onePrimary(next, newPrimary);
    if (next.length === 0) deleteKey(c, t.attr.name);
    else setKey(c, t.attr.name, next);
    this.dropEmptyExtension(t);
  }

  /** RFC 7643 §2.4: at most one element is primary; the newest wins. */
  private onePrimary(list: unknown[], keep: unknown): void {
    for (const el of list) if (el !== keep && isPlainObject(el) && el.primary === true) el.primary = false;
  }

  /**
   * add/replace on a single complex attribute merges sub-attributes (RFC 7644 §3.5.2.3); when
   * its "value" changes (a new manager) the old server-filled sub-attributes go with it.
   */
  private mergeComplex(t: Target, value: unknown): void {
    const incoming = coerceSingle(t.attr, value, this.coerce) as JsonObject;
    const c = this.container(t, true) as JsonObject;
    const current = getKey(c, t.attr.name);
    const valueDef = findAttr(t.attr.subAttributes, 'value');
    const valueChanged =
      valueDef !== undefined && incoming[valueDef.name] !== undefined && isPlainObject(current) && getKey(current, valueDef.name) !== incoming[valueDef.name];
    const base = isPlainObject(current) && !valueChanged ? current : {};
    for (const [k, v] of Object.entries(incoming)) setKey(base, k, v);
    if (Object.keys(base).length === 0) deleteKey(c, t.attr.name);
    else setKey(c, t.attr.name, base);
    this.dropEmptyExtension(t);
  }

  private applyFiltered(op: PatchOpName, t: Target, filter: FilterNode, subAttr: string | undefined, value: unknown): void {
    if (!t.attr.multiValued || t.sub) throw invalidPath(`"${t.attr.name}" does not take a value filter.`);
    let sub: AttrDef | undefined;
    if (subAttr !== undefined) {
      sub = findAttr(t.attr.subAttributes, subAttr);
      if (!sub) throw invalidPath(`"${t.attr.name}" has no sub-attribute "${subAttr}".`);
      if (!isStorable(sub)) throw mutability(`"${t.attr.name}.${sub.name}" is read-only.`);
    }
    const c = this.container(t, op !== 'remove');
    const current = c ? getKey(c, t.attr.name) : undefined;
    const list: unknown[] = Array.isArray(current) ? [...current] : [];
    let matched: unknown[];
    try {
      matched = list.filter((el) => matchesElement(filter, el, t.attr));
    } catch (err) {
      asPathError(err);
    }

    if (op === 'remove' || value === null) {
      if (!c) return;
      if (sub) {
        for (const el of matched) if (isPlainObject(el)) deleteKey(el, sub.name);
        setKey(c, t.attr.name, list);
      } else {
        const kept = list.filter((el) => !matched.includes(el));
        if (kept.length === 0) deleteKey(c, t.attr.name);
        else setKey(c, t.attr.name, kept);
      }
      this.dropEmptyExtension(t);
      return;
    }

    const container = c as JsonObject;
    const elementDef: AttrDef = { ...t.attr, multiValued: false };
    if (matched.length === 0) {
      // Entra replaces `emails[type eq "work"].value` on users with no work email yet: an
      // eq-only filter describes the element to create (RFC's noTarget otherwise).
      const assertions = eqAssertions(filter);
      if (!assertions) throw noTarget(`No "${t.attr.name}" value matches the filter.`);
      const seed: JsonObject = {};
      for (const [k, v] of assertions) seed[k] = v;
      const created = coerceSingle(elementDef, seed, this.coerce) as JsonObject;
      if (sub) setKey(created, sub.name, coerceSingle(sub, value, this.coerce));
      else for (const [k, v] of Object.entries(coerceSingle(elementDef, value, this.coerce) as JsonObject)) setKey(created, k, v);
      list.push(created);
      if (created.primary === true) this.onePrimary(list, created);
      setKey(container, t.attr.name, list);
      this.dropEmptyExtension(t);
      return;
    }

    let primary: unknown;
    for (let i = 0; i < list.length; i++) {
      const el = list[i];
      if (!matched.includes(el)) continue;
      if (sub) {
        const obj = isPlainObject(el) ? el : {};
        setKey(obj, sub.name, coerceSingle(sub, value, this.coerce));
        list[i] = obj;
      } else {
        const incoming = coerceSingle(elementDef, value, this.coerce) as JsonObject;
        if (op === 'replace') list[i] = incoming;
        else list[i] = { ...(isPlainObject(el) ? el : {}), ...incoming };
      }
      const updated = list[i];
      if (isPlainObject(updated) && updated.primary === true) primary = updated;
    }
    if (primary) this.onePrimary(list, primary);
    setKey(container, t.attr.name, list);
  }

  private applyMembers(op: PatchOpName, parsed: PatchPath, t: Target, value: unknown, hasValue: boolean, origin: Origin): void {
    if (t.sub || parsed.subAttr !== undefined) throw invalidPath('Member sub-attributes cannot be patched; remove and add the member.');
    if (parsed.filter) {
      if (op !== 'remove') throw invalidPath('Members are added with path "members", not a filtered path.');
      let ids: string[];
      try {
        ids = memberIdsOf(parsed.filter);
      } catch (err) {
        asPathError(err);
      }
      for (const id of ids) this.members.remove(id);
      return;
    }
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined).map(toMemberRef);

    if (op === 'remove') {
      // Entra: `{"op":"remove","path":"members","value":[{"value":"id"}]}` removes just those.
      if (hasValue && value !== null && !(Array.isArray(value) && value.length === 0)) {
        for (const m of list(value)) this.members.remove(m.value);
      } else {
        this.members.clear();
      }
      return;
    }
    if (value === null || value === undefined) {
      // A rename sent as `{"displayName":"New","members":null}` must leave members alone.
      if (origin === 'pathless' || op === 'add') return;
      this.members.clear();
      return;
    }
    if (op === 'replace') this.members.clear();
    for (const m of list(value)) this.members.add(m);
  }
}

/** `schemas` lists the core schema plus each extension the resource carries. */
export function ensureSchemas(resource: JsonObject, rt: ResourceType, learned?: LearnedSchemas): void {
  const schemas = [RESOURCE_TYPES[rt].schema.id];
  for (const ext of extensionSchemas(rt, learned).map((schema) => ({ schema }))) {
    const key = findKey(resource, ext.schema.id);
    if (key === undefined) continue;
    const v = resource[key];
    if (isPlainObject(v) && Object.keys(v).length > 0) {
      if (key !== ext.schema.id) {
        delete resource[key];
        resource[ext.schema.id] = v;
      }
      schemas.push(ext.schema.id);
    } else {
      delete resource[key];
    }
  }
  setKey(resource, 'schemas', schemas);
}

/** The required attribute that must never be removed: userName / displayName. */
export function requiredAttribute(rt: ResourceType): string {
  return rt === 'User' ? 'userName' : 'displayName';
}

function operationsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (!isPlainObject(body)) throw invalidSyntax('The PATCH body must be a PatchOp object.');
  const key = findKey(body, 'Operations');
  const ops = key === undefined ? undefined : body[key];
  if (!Array.isArray(ops)) throw invalidSyntax('The PATCH body needs an "Operations" array.');
  return ops;
}

/**
 * Applies a PatchOp body (or a bare operations array) to `resource` (not mutated) and returns
 * the new resource, the membership set operations for Groups, and whether anything changed.
 */
export function applyPatch(resource: JsonObject, body: unknown, resourceType: ResourceType, options: PatchOptions = {}): PatchResult {
  const ops = operationsOf(body);
  const before = structuredClone(resource);
  ensureSchemas(before, resourceType, options.learned);
  const engine = new PatchEngine(structuredClone(resource), resourceType, options);
  for (const op of ops) engine.apply(op);

  const required = requiredAttribute(resourceType);
  const had = getKey(before, required);
  const has = getKey(engine.resource, required);
  if (typeof had === 'string' && had !== '' && (typeof has !== 'string' || has === '')) {
    throw invalidValue(`"${required}" is required and cannot be removed.`);
  }
  ensureSchemas(engine.resource, resourceType, options.learned);

  const result: PatchResult = {
    resource: engine.resource,
    modified: !deepEqual(before, engine.resource) || !engine.members.isEmpty(),
  };
  if (resourceType === 'Group' && engine.members.touched) result.members = engine.members.result();
  return result;
}
