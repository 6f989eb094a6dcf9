// Compiles a parsed SCIM filter into a PostgreSQL WHERE fragment over scim_users / scim_groups.
// Values always travel as $n parameters; identifiers come only from the schema table and the
// column allow-list in sql-operands.ts.

import { invalidFilter } from './errors.ts';
import { isUuid } from '../../lib/uuid.ts';
import { coerceBoolean } from './lenient.ts';
import type { CompareNode, FilterNode, FilterValue } from './filter-parse.ts';
import type { LearnedSchemas } from './learned.ts';
import { formatAttrPath, resolveAttrPath, type AttrPathRef, type ResolvedAttr } from './paths.ts';
import { findAttr, type AttrDef, type ResourceType } from './schemas.ts';
import { MEMBERS_TABLE, TABLES, arrayElements, checkIdentifier, columnFor, elementOperand, jsonAt, jsonOperand, type Operand } from './sql-operands.ts';

export interface CompiledSql {
  sql: string;
  params: unknown[];
}

export interface CompileOptions {
  /**
   * How the outer query names the resource table (default `scim_users` / `scim_groups`);
   * membership sub-queries correlate on `<tableRef>.id`.
   */
  tableRef?: string;
  /**
   * The tables have lower-cased twin columns (user_name_folded, display_name_folded): compare
   * those instead of lower(column), so an index on them serves the filter under row-level security.
   */
  foldedColumns?: boolean;
  /** The configuration's learned extensions (filterable by their full path). */
  learned?: LearnedSchemas;
}

/** Resolves one sub-attribute name inside a value filter (`emails[type eq "work"]`). */
interface ElementScope {
  owner: AttrDef;
  operand(sub: AttrDef): Operand;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function pathName(ref: AttrPathRef): string {
  const text = formatAttrPath(ref);
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

class FilterCompiler {
  readonly params: unknown[] = [];
  private readonly rt: ResourceType;
  private readonly first: number;
  private readonly tableRef: string;
  private readonly folded: boolean;
  private aliasCount = 0;
  private readonly learned: LearnedSchemas | undefined;

  constructor(rt: ResourceType, firstParamIndex: number, tableRef: string, folded = false, learned?: LearnedSchemas) {
    this.learned = learned;
    this.rt = rt;
    this.first = firstParamIndex;
    this.tableRef = tableRef;
    this.folded = folded;
  }

  param(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.first + this.params.length - 1}::${cast}`;
  }

  alias(prefix: string): string {
    this.aliasCount++;
    return `${prefix}${this.aliasCount}`;
  }

  node(n: FilterNode, scope: ElementScope | undefined): string {
    switch (n.op) {
      case 'and':
      case 'or':
        return `(${n.filters.map((f) => this.node(f, scope)).join(n.op === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        // NOT of an unknown (absent attribute) must still match, hence the coalesce.
        return `(NOT coalesce(${this.node(n.filter, scope)}, false))`;
      case '[]':
        if (scope) throw invalidFilter('Value filters cannot be nested.');
        return this.valuePath(n.path, n.filter);
      case 'pr':
        return scope ? this.present(this.elementOperand(scope, n.path)) : this.attribute(n);
      default:
        return scope ? this.compare(this.elementOperand(scope, n.path), n) : this.attribute(n);
    }
  }

  resolve(ref: AttrPathRef): ResolvedAttr & { attr: AttrDef } {
    const r = resolveAttrPath(this.rt, ref, this.learned);
    if (!r) throw invalidFilter(`Unknown attribute "${pathName(ref)}" for ${this.rt}.`);
    if (!r.attr) throw invalidFilter(`"${pathName(ref)}" names a schema, not an attribute.`);
    return r as ResolvedAttr & { attr: AttrDef };
  }

  elementOperand(scope: ElementScope, ref: AttrPathRef): Operand {
    const sub = ref.urn === undefined && ref.sub === undefined ? findAttr(scope.owner.subAttributes, ref.attr) : undefined;
    if (!sub) throw invalidFilter(`Unknown sub-attribute "${pathName(ref)}" of "${scope.owner.name}".`);
    return scope.operand(sub);
  }

  /** An expression on an attribute at resource level: `title pr`, `emails.value co "x"`. */
  attribute(n: Exclude<FilterNode, { op: 'and' | 'or' | 'not' | '[]' }>): string {
    const r = this.resolve(n.path);
    const column = columnFor(this.rt, r.jsonPath);
    if (column) {
      const operand: Operand = { def: r.sub ?? r.attr, kind: column.kind, sql: column.sql };
      if (this.folded && column.folded) operand.folded = column.folded;
      return n.op === 'pr' ? this.present(operand) : this.compare(operand, n);
    }
    if (r.common && r.attr.name === 'meta') {
      if (!r.sub && n.op === 'pr') return 'TRUE';
      throw invalidFilter(`"${pathName(n.path)}" cannot be filtered on.`);
    }

    const scope = this.scopeFor(r);
    if (scope) {
      // Multi-valued: one element must satisfy the expression. With no sub-attribute named,
      // a complex attribute compares its "value" (RFC 7644: `emails co "example.com"`).
      const target = r.sub ?? (r.attr.type === 'complex' ? findAttr(r.attr.subAttributes, 'value') : r.attr);
      if (!r.sub && n.op === 'pr') return scope.exists('');
      if (!target) throw invalidFilter(`"${pathName(n.path)}" needs a sub-attribute.`);
      return scope.exists(n.op === 'pr' ? this.present(scope.operand(target)) : this.compare(scope.operand(target), n));
    }

    if (r.attr.type === 'complex' && !r.sub) {
      if (n.op === 'pr') return this.present(jsonOperand(r.attr, r.jsonPath));
      const value = findAttr(r.attr.subAttributes, 'value');
      if (!value) throw invalidFilter(`"${pathName(n.path)}" needs a sub-attribute.`);
      return this.compare(jsonOperand(value, [...r.jsonPath, value.name]), n);
    }
    const operand = jsonOperand(r.sub ?? r.attr, r.jsonPath);
    return n.op === 'pr' ? this.present(operand) : this.compare(operand, n);
  }

  valuePath(ref: AttrPathRef, inner: FilterNode): string {
    const r = this.resolve(ref);
    if (r.sub) throw invalidFilter(`"${pathName(ref)}": a value filter applies to an attribute, not a sub-attribute.`);
    const scope = this.scopeFor(r);
    if (scope) return scope.exists(this.node(inner, scope));
    if (r.attr.type !== 'complex' || r.attr.name === 'meta') {
      throw invalidFilter(`"${pathName(ref)}" does not take a value filter.`);
    }
    // A single-valued complex attribute: `name[givenName eq "x"]` reads its own sub-attributes.
    return this.node(inner, {
      owner: r.attr,
      operand: (sub) => jsonOperand(sub, [...r.jsonPath, sub.name]),
    });
  }

  /** For multi-valued attributes: an element scope plus how to wrap a condition in EXISTS. */
  scopeFor(r: ResolvedAttr & { attr: AttrDef }): (ElementScope & { exists(cond: string): string }) | undefined {
    if (!r.attr.multiValued) return undefined;
    const where = (base: string, cond: string) => `EXISTS (${base}${cond ? ` AND (${cond})` : ''})`;

    if (this.rt === 'Group' && r.attr.name === 'members' && !r.extension) {
      const m = this.alias('m');
      const base = `SELECT 1 FROM ${MEMBERS_TABLE} ${m} WHERE ${m}.group_id = ${this.tableRef}.id`;
      return {
        owner: r.attr,
        exists: (cond) => where(base, cond),
        operand: (sub) => {
          if (sub.name === 'value') return { def: sub, kind: 'uuid', sql: `${m}.member_id` };
          if (sub.name === 'type') return { def: sub, kind: 'text', sql: `${m}.member_type` };
          if (sub.name === 'display') return { def: sub, kind: 'text', sql: `${m}.display` };
          throw invalidFilter(`"members.${sub.name}" cannot be filtered on.`);
        },
      };
    }
    if (this.rt === 'User' && r.attr.name === 'groups' && !r.extension) {
      const m = this.alias('m');
      const base = `SELECT 1 FROM ${MEMBERS_TABLE} ${m} WHERE ${m}.member_id = ${this.tableRef}.id`;
      return {
        owner: r.attr,
        exists: (cond) => where(base, cond),
        operand: (sub) => {
          if (sub.name === 'value') return { def: sub, kind: 'uuid', sql: `${m}.group_id` };
          if (sub.name === 'display') {
            const g = this.alias('g');
            return { def: sub, kind: 'text', sql: `(SELECT ${g}.display_name FROM ${TABLES.Group} ${g} WHERE ${g}.id = ${m}.group_id)` };
          }
          if (sub.name === 'type') return { def: sub, kind: 'text', sql: `'direct'::text` };
          throw invalidFilter(`"groups.${sub.name}" cannot be filtered on.`);
        },
      };
    }

    const e = this.alias('e');
    const arrayPath = r.sub ? r.jsonPath.slice(0, -1) : r.jsonPath;
    const base = `SELECT 1 FROM ${arrayElements(jsonAt(arrayPath), e)}`;
    const simple = r.attr.type !== 'complex';
    return {
      owner: r.attr,
      exists: (cond) => `EXISTS (${base}${cond ? ` WHERE ${cond}` : ''})`,
      operand: (sub) => (simple ? elementOperand({ ...sub, multiValued: false }, e, undefined) : elementOperand(sub, e, sub.name)),
    };
  }

  present(o: Operand): string {
    if (o.kind === 'json') {
      return `coalesce(${o.jsonSql} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`;
    }
    if (o.kind === 'text') return `(${o.sql} IS NOT NULL AND ${o.sql} <> '')`;
    return `(${o.sql} IS NOT NULL)`;
  }

  compare(o: Operand, n: CompareNode): string {
    const { op, value } = n;
    if (value === null) {
      // `eq null` / `ne null` read as absence / presence; ordering against null means nothing.
      if (op === 'eq') return `(NOT ${this.present(o)})`;
      if (op === 'ne') return this.present(o);
      throw invalidFilter(`"${op}" cannot compare with null.`);
    }
    const type = o.def.type;
    if (o.kind === 'bool' || type === 'boolean') return this.compareBoolean(o, op, value);
    if (type === 'complex') throw invalidFilter(`"${o.def.name}" needs a sub-attribute.`);
    if (type === 'integer' || type === 'decimal') return this.compareNumber(o, op, value);
    if (o.kind === 'uuid') return this.compareUuid(o, op, n.raw ?? String(value));
    if (o.kind === 'timestamptz') return this.compareTimestamp(o, op, n.raw ?? String(value));
    return this.compareText(o, op, typeof value === 'string' ? value : (n.raw ?? String(value)));
  }

  compareBoolean(o: Operand, op: string, value: FilterValue): string {
    const b = coerceBoolean(value);
    if (b === undefined) throw invalidFilter(`"${o.def.name}" compares with true or false.`);
    if (op !== 'eq' && op !== 'ne') throw invalidFilter(`"${op}" is not defined for boolean "${o.def.name}".`);
    if (o.kind === 'json') {
      const p = `to_jsonb(${this.param(b, 'boolean')})`;
      return op === 'eq' ? `(${o.jsonSql} = ${p})` : `(${o.jsonSql} IS DISTINCT FROM ${p})`;
    }
    const p = this.param(b, 'boolean');
    return op === 'eq' ? `(${o.sql} = ${p})` : `(${o.sql} IS DISTINCT FROM ${p})`;
  }

  compareNumber(o: Operand, op: string, value: FilterValue): string {
    const num = typeof value === 'number' ? value : Number(value);
    if (typeof value === 'boolean' || !Number.isFinite(num)) throw invalidFilter(`"${o.def.name}" compares with a number.`);
    const sql = `(CASE WHEN jsonb_typeof(${o.jsonSql}) = 'number' THEN (${o.sql})::numeric END)`;
    const p = this.param(num, 'numeric');
    switch (op) {
      case 'eq':
        return `(${sql} = ${p})`;
      case 'ne':
        return `(${sql} IS DISTINCT FROM ${p})`;
      case 'gt':
        return `(${sql} > ${p})`;
      case 'ge':
        return `(${sql} >= ${p})`;
      case 'lt':
        return `(${sql} < ${p})`;
      case 'le':
        return `(${sql} <= ${p})`;
      default:
        throw invalidFilter(`"${op}" is not defined for numeric "${o.def.name}".`);
    }
  }

  compareUuid(o: Operand, op: string, value: string): string {
    if (op === 'eq' || op === 'ne') {
      // A malformed id can match nothing; it must not reach a ::uuid cast and fail the query.
      if (!isUuid(value)) return op === 'eq' ? 'FALSE' : 'TRUE';
      return `(${o.sql} ${op === 'eq' ? '=' : '<>'} ${this.param(value.toLowerCase(), 'uuid')})`;
    }
    return this.compareText({ ...o, sql: `${o.sql}::text`, def: { ...o.def, caseExact: false } }, op, value);
  }

  compareTimestamp(o: Operand, op: string, value: string): string {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw invalidFilter(`"${o.def.name}" compares with a date-time.`);
    const sym = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' }[op];
    if (!sym) throw invalidFilter(`"${op}" is not defined for date-time "${o.def.name}".`);
    // Resources show milliseconds; compare at that precision so a value read back matches itself.
    return `(date_trunc('milliseconds', ${o.sql}) ${sym} ${this.param(new Date(ms).toISOString(), 'timestamptz')})`;
  }

  compareText(o: Operand, op: string, value: string): string {
    const ci = !o.def.caseExact;
    if (op === 'co' || op === 'sw' || op === 'ew') {
      const pattern = `${op === 'sw' ? '' : '%'}${likeEscape(value)}${op === 'ew' ? '' : '%'}`;
      return `(${o.sql} ${ci ? 'ILIKE' : 'LIKE'} ${this.param(pattern, 'text')})`;
    }
    const left = ci ? (o.folded ?? `lower(${o.sql})`) : o.sql;
    const p = this.param(value, 'text');
    const right = ci ? `lower(${p})` : p;
    switch (op) {
      case 'eq':
        return `(${left} = ${right})`;
      case 'ne':
        return `(${left} IS DISTINCT FROM ${right})`;
      case 'gt':
        return `(${left} > ${right})`;
      case 'ge':
        return `(${left} >= ${right})`;
      case 'lt':
        return `(${left} < ${right})`;
      case 'le':
        return `(${left} <= ${right})`;
      default:
        throw invalidFilter(`Unknown operator "${op}".`);
    }
  }
}

/**
 * A WHERE fragment for `ast` over the resource table of `resourceType`, numbering its
 * parameters from `$firstParamIndex`. Throws ScimError invalidFilter for unknown attributes
 * or operators that the attribute's type does not support.
 */
export function compileFilter(ast: FilterNode, resourceType: ResourceType, firstParamIndex = 1, options: CompileOptions = {}): CompiledSql {
  if (!Number.isInteger(firstParamIndex) || firstParamIndex < 1) throw new RangeError('firstParamIndex must be >= 1');
  const tableRef = checkIdentifier(options.tableRef ?? TABLES[resourceType]);
  const c = new FilterCompiler(resourceType, firstParamIndex, tableRef, options.foldedColumns === true, options.learned);
  const sql = c.node(ast, undefined);
  return { sql, params: c.params };
}
