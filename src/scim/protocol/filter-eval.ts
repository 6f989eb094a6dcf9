// Evaluates a value filter against one element in memory (PATCH paths such as
// `emails[type eq "work"]`), with the same type rules the SQL compiler applies.

import { invalidFilter } from './errors.ts';
import { coerceBoolean, findKey, isPlainObject } from './lenient.ts';
import type { CompareNode, FilterNode } from './filter-parse.ts';
import { findAttr, type AttrDef } from './schemas.ts';

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function subValue(element: unknown, owner: AttrDef, node: { path: { urn?: string; attr: string; sub?: string } }): { def: AttrDef; value: unknown } {
  if (node.path.urn !== undefined || node.path.sub !== undefined) {
    throw invalidFilter(`Value filter of "${owner.name}" must name its sub-attributes directly.`);
  }
  if (owner.type !== 'complex') {
    // Simple multi-valued attributes (e.g. schemas) are filtered as `value`.
    if (node.path.attr.toLowerCase() !== 'value') throw invalidFilter(`Unknown sub-attribute of "${owner.name}".`);
    return { def: { ...owner, multiValued: false }, value: element };
  }
  const def = findAttr(owner.subAttributes, node.path.attr);
  if (!def) throw invalidFilter(`Unknown sub-attribute "${node.path.attr.slice(0, 64)}" of "${owner.name}".`);
  if (!isPlainObject(element)) return { def, value: undefined };
  const key = findKey(element, def.name);
  return { def, value: key === undefined ? undefined : element[key] };
}

function compare(def: AttrDef, actual: unknown, node: CompareNode): boolean {
  const { op, value } = node;
  if (value === null) {
    if (op === 'eq') return !isPresent(actual);
    if (op === 'ne') return isPresent(actual);
    throw invalidFilter(`"${op}" cannot compare with null.`);
  }
  if (def.type === 'boolean') {
    const want = coerceBoolean(value);
    if (want === undefined) throw invalidFilter(`"${def.name}" compares with true or false.`);
    if (op !== 'eq' && op !== 'ne') throw invalidFilter(`"${op}" is not defined for boolean "${def.name}".`);
    const equal = coerceBoolean(actual) === want;
    return op === 'eq' ? equal : !equal;
  }
  if (actual === undefined || actual === null || typeof actual === 'object') return op === 'ne';

  let a: string | number;
  let b: string | number;
  if (def.type === 'dateTime') {
    a = Date.parse(String(actual));
    b = Date.parse(String(value));
    if (Number.isNaN(b)) throw invalidFilter(`"${def.name}" compares with a date-time.`);
  } else if (def.type === 'integer' || def.type === 'decimal') {
    a = Number(actual);
    b = Number(value);
  } else {
    a = String(actual);
    b = typeof value === 'string' ? value : (node.raw ?? String(value));
    if (!def.caseExact) {
      a = a.toLowerCase();
      b = b.toLowerCase();
    }
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return String(a).includes(String(b));
    case 'sw':
      return String(a).startsWith(String(b));
    case 'ew':
      return String(a).endsWith(String(b));
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

/** True when `element` (one entry of the multi-valued attribute `owner`) satisfies `node`. */
export function matchesElement(node: FilterNode, element: unknown, owner: AttrDef): boolean {
  switch (node.op) {
    case 'and':
      return node.filters.every((f) => matchesElement(f, element, owner));
    case 'or':
      return node.filters.some((f) => matchesElement(f, element, owner));
    case 'not':
      return !matchesElement(node.filter, element, owner);
    case '[]':
      throw invalidFilter('Value filters cannot be nested.');
    case 'pr':
      return isPresent(subValue(element, owner, node).value);
    default: {
      const { def, value } = subValue(element, owner, node);
      return compare(def, value, node);
    }
  }
}
