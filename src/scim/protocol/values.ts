// Coerces client-sent attribute values to the schema's types and canonical attribute names,
// so what is stored is always canonical JSON whatever casing or quirks the client used.

import { invalidValue } from './errors.ts';
import { coerceBoolean, findKey, isPlainObject } from './lenient.ts';
import { findAttr, type AttrDef } from './schemas.ts';

export interface CoerceOptions {
  /** What to do with sub-attributes the schema does not define. */
  unknownAttributes: 'reject' | 'ignore';
}

/** Read-only and write-only (password) values are never stored: dropped silently. */
export function isStorable(def: AttrDef): boolean {
  return def.mutability !== 'readOnly' && def.mutability !== 'writeOnly';
}

/** One value of `def` (an element, for multi-valued attributes). */
export function coerceSingle(def: AttrDef, value: unknown, opts: CoerceOptions): unknown {
  const label = def.name;
  switch (def.type) {
    case 'complex': {
      // A bare scalar for a complex attribute means its "value" (Entra sends manager: "id").
      if (typeof value === 'string' || typeof value === 'number') {
        const v = findAttr(def.subAttributes, 'value');
        if (v) return { [v.name]: coerceSingle(v, value, opts) };
      }
      if (!isPlainObject(value)) throw invalidValue(`"${label}" must be an object.`);
      const out: Record<string, unknown> = {};
      for (const [key, sv] of Object.entries(value)) {
        const sub = findAttr(def.subAttributes, key);
        if (!sub) {
          if (opts.unknownAttributes === 'ignore') continue;
          throw invalidValue(`"${label}" has no sub-attribute "${key.slice(0, 64)}".`);
        }
        if (!isStorable(sub) || sv === null || sv === undefined) continue;
        out[sub.name] = coerceSingle(sub, sv, opts);
      }
      return out;
    }
    case 'boolean': {
      const b = coerceBoolean(value);
      if (b === undefined) throw invalidValue(`"${label}" must be true or false.`);
      return b;
    }
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || (def.type === 'integer' && !Number.isInteger(n))) {
        throw invalidValue(`"${label}" must be ${def.type === 'integer' ? 'an integer' : 'a number'}.`);
      }
      return n;
    }
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalidValue(`"${label}" must be a date-time.`);
      return value;
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw invalidValue(`"${label}" must be a string.`);
  }
}

/** A full attribute value: multi-valued attributes always become arrays. */
export function coerceValue(def: AttrDef, value: unknown, opts: CoerceOptions): unknown {
  if (!def.multiValued) return coerceSingle(def, value, opts);
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== null && v !== undefined).map((v) => coerceSingle({ ...def, multiValued: false }, v, opts));
}

export function getKey(obj: Record<string, unknown>, name: string): unknown {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** Sets `name` and drops any differently-cased duplicates a client may have left behind. */
export function setKey(obj: Record<string, unknown>, name: string, value: unknown): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key !== name && key.toLowerCase() === lower) delete obj[key];
  obj[name] = value;
}

export function deleteKey(obj: Record<string, unknown>, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) delete obj[key];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
