// Where each SCIM attribute lives in PostgreSQL, shared by the filter and sort compilers.
// Every SQL identifier emitted comes from this allow-list or the schema table, never from input.

import { invalidFilter } from './errors.ts';
import type { AttrDef, ResourceType } from './schemas.ts';

/** How an operand is stored, which decides the SQL comparison used. */
export type OperandKind = 'text' | 'uuid' | 'bool' | 'timestamptz' | 'json';

export interface Operand {
  def: AttrDef;
  kind: OperandKind;
  /** Scalar SQL: the column, or the text extraction (`#>>`, `->>`) for json operands. */
  sql: string;
  /** json operands only: the jsonb value itself (`#>`, `->`). */
  jsonSql?: string;
  /**
   * A column holding lower(sql), when the storage has one and the caller opted in
   * (CompileOptions.foldedColumns). Under row-level security a qual like lower(user_name) = …
   * is "leaky" (lower() is not LEAKPROOF), so PostgreSQL evaluates it after the policy on every
   * row instead of using the index; a plain column comparison keeps the index usable.
   */
  folded?: string;
}

export const TABLES: Record<ResourceType, string> = { User: 'scim_users', Group: 'scim_groups' };
export const MEMBERS_TABLE = 'scim_group_members';

const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkIdentifier(name: string): string {
  if (!IDENT_RE.test(name)) throw new TypeError('tableRef must be a plain SQL identifier');
  return name;
}

/** Attributes kept in their own columns; keyed by the canonical dotted path. */
const COLUMNS: Record<ResourceType, Record<string, { kind: OperandKind; sql: string; folded?: string }>> = {
  User: {
    id: { kind: 'uuid', sql: 'id' },
    externalId: { kind: 'text', sql: 'external_id' },
    userName: { kind: 'text', sql: 'user_name', folded: 'user_name_folded' },
    displayName: { kind: 'text', sql: 'display_name' },
    active: { kind: 'bool', sql: 'active' },
    'meta.created': { kind: 'timestamptz', sql: 'created_at' },
    'meta.lastModified': { kind: 'timestamptz', sql: 'updated_at' },
    'meta.resourceType': { kind: 'text', sql: `'User'::text` },
    'meta.version': { kind: 'text', sql: `('W/"' || version::text || '"')` },
  },
  Group: {
    id: { kind: 'uuid', sql: 'id' },
    externalId: { kind: 'text', sql: 'external_id' },
    displayName: { kind: 'text', sql: 'display_name', folded: 'display_name_folded' },
    'meta.created': { kind: 'timestamptz', sql: 'created_at' },
    'meta.lastModified': { kind: 'timestamptz', sql: 'updated_at' },
    'meta.resourceType': { kind: 'text', sql: `'Group'::text` },
    'meta.version': { kind: 'text', sql: `('W/"' || version::text || '"')` },
  },
};

export function columnFor(rt: ResourceType, jsonPath: string[]): { kind: OperandKind; sql: string; folded?: string } | undefined {
  return COLUMNS[rt][jsonPath.join('.')];
}

function pathLiteral(jsonPath: string[]): string {
  // Names come from the schema table or from extensions learned from a client (learned.ts, which
  // admits only these characters); quoting keeps URNs unambiguous inside the text[] literal.
  // Anything else never reaches the SQL text.
  if (!jsonPath.every((p) => /^[A-Za-z0-9_$.:-]+$/.test(p))) throw invalidFilter('Unsupported attribute name.');
  const parts = jsonPath.map((p) => (/^[A-Za-z0-9_$]+$/.test(p) ? p : `"${p}"`));
  return `'{${parts.join(',')}}'`;
}

export function jsonOperand(def: AttrDef, jsonPath: string[]): Operand {
  const lit = pathLiteral(jsonPath);
  return { def, kind: 'json', sql: `resource #>> ${lit}`, jsonSql: `resource #> ${lit}` };
}

/** The jsonb value at a path from the resource root. */
export function jsonAt(jsonPath: string[]): string {
  return `resource #> ${pathLiteral(jsonPath)}`;
}

/** A sub-attribute of a jsonb element bound to `alias.v`. */
export function elementOperand(def: AttrDef, alias: string, key: string | undefined): Operand {
  if (key === undefined) return { def, kind: 'json', sql: `${alias}.v #>> '{}'`, jsonSql: `${alias}.v` };
  if (!/^[A-Za-z0-9_$]+$/.test(key)) throw invalidFilter('Unsupported attribute name.');
  return { def, kind: 'json', sql: `${alias}.v ->> '${key}'`, jsonSql: `${alias}.v -> '${key}'` };
}

/** `jsonb_array_elements` over a value that may be missing or (in bad data) not an array. */
export function arrayElements(jsonSql: string, alias: string): string {
  return `jsonb_array_elements(CASE WHEN jsonb_typeof(${jsonSql}) = 'array' THEN ${jsonSql} ELSE '[]'::jsonb END) AS ${alias}(v)`;
}
