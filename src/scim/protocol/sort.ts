// sortBy/sortOrder (RFC 7644 §3.4.2.3) to an ORDER BY list over the same allow-listed
// attribute mapping the filter compiler uses. Unassigned values sort last ascending and first
// descending, as the RFC asks; `id` breaks ties so paging is stable.

import { ScimError } from './errors.ts';
import type { LearnedSchemas } from './learned.ts';
import { parseAttrPath, resolveAttrPath } from './paths.ts';
import { findAttr, type ResourceType } from './schemas.ts';
import { columnFor, jsonAt, jsonOperand } from './sql-operands.ts';

type SortOrder = 'ascending' | 'descending';

function invalidSort(detail: string): ScimError {
  return new ScimError(400, 'invalidValue', detail);
}

function normalizeSortOrder(sortOrder: string | undefined): SortOrder {
  if (sortOrder === undefined || sortOrder.trim() === '') return 'ascending';
  const lower = sortOrder.trim().toLowerCase();
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw invalidSort('sortOrder must be "ascending" or "descending".');
}

function sortExpression(sortBy: string, rt: ResourceType, learned: LearnedSchemas | undefined): string {
  const ref = sortBy.length <= 512 ? parseAttrPath(sortBy.trim()) : undefined;
  const r = ref ? resolveAttrPath(rt, ref, learned) : undefined;
  if (!r || !r.attr) throw invalidSort('sortBy names an unknown attribute.');

  const column = columnFor(rt, r.jsonPath);
  if (column) {
    const def = r.sub ?? r.attr;
    return column.kind === 'text' && !def.caseExact ? `lower(${column.sql})` : column.sql;
  }
  if ((rt === 'Group' && r.attr.name === 'members') || (rt === 'User' && r.attr.name === 'groups')) {
    throw invalidSort(`sortBy cannot use "${r.attr.name}".`);
  }

  const target = r.sub ?? (r.attr.type === 'complex' ? findAttr(r.attr.subAttributes, 'value') : r.attr);
  if (!target || target.type === 'complex') throw invalidSort('sortBy must name a sub-attribute of a complex attribute.');
  const lowered = (sql: string) => (target.type === 'string' && !target.caseExact ? `lower(${sql})` : sql);

  if (r.attr.multiValued) {
    // RFC 7644: a multi-valued attribute sorts by its primary value, else its first value.
    const arrayPath = r.sub ? r.jsonPath.slice(0, -1) : r.jsonPath;
    const arr = jsonAt(arrayPath);
    const pick = r.attr.type === 'complex' ? `s.v ->> '${target.name}'` : `s.v #>> '{}'`;
    return (
      `(SELECT ${lowered(pick)} FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${arr}) = 'array' THEN ${arr} ELSE '[]'::jsonb END)` +
      ` WITH ORDINALITY AS s(v, n) ORDER BY (s.v -> 'primary') = 'true'::jsonb DESC NULLS LAST, s.n LIMIT 1)`
    );
  }
  const path = r.sub ? r.jsonPath : target === r.attr ? r.jsonPath : [...r.jsonPath, target.name];
  const operand = jsonOperand(target, path);
  return target.type === 'string' || target.type === 'reference' || target.type === 'dateTime' ? lowered(operand.sql) : (operand.jsonSql as string);
}

/**
 * An ORDER BY list (without the keywords) for `sortBy`/`sortOrder`; with no sortBy the
 * creation order. Throws ScimError invalidValue for an unknown attribute or order.
 */
export function compileSort(sortBy: string | undefined, sortOrder: string | undefined, resourceType: ResourceType, learned?: LearnedSchemas): string {
  const order = normalizeSortOrder(sortOrder);
  if (sortBy === undefined || sortBy.trim() === '') {
    return order === 'ascending' ? 'created_at ASC, id ASC' : 'created_at DESC, id DESC';
  }
  const expr = sortExpression(sortBy, resourceType, learned);
  return order === 'ascending' ? `${expr} ASC NULLS LAST, id ASC` : `${expr} DESC NULLS FIRST, id DESC`;
}
