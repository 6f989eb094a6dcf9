// The query behind GET /Users and /Groups: the SCIM filter compiled to SQL over indexed columns
// (never "load everything and filter in JavaScript"), the sort, and one page.
import type { Queryable, Row } from '../../db/database.ts';
import { compileSort, filterToSql, type ResourceType, ScimError } from '../protocol/index.ts';
import { GROUP_COLUMNS } from './groups.ts';
import { userColumns } from './users.ts';

const TABLES: Record<ResourceType, string> = { User: 'scim_users', Group: 'scim_groups' };

export interface ListQuery {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  /** SQL OFFSET and LIMIT (already capped). */
  offset: number;
  count: number;
  /** Users: select the `groups` attribute too. */
  groups?: boolean;
}

export async function listResources<T extends Row>(
  q: Queryable,
  rt: ResourceType,
  configurationId: string,
  query: ListQuery,
): Promise<{ rows: T[]; total: number }> {
  const table = TABLES[rt];
  const columns = rt === 'User' ? userColumns(query.groups === true) : GROUP_COLUMNS;
  // A /.search body is JSON, so these may arrive as any type (a query string is always a string).
  if (query.filter !== undefined && typeof query.filter !== 'string') throw new ScimError(400, 'invalidFilter', 'filter must be a string.');
  if (query.sortBy !== undefined && typeof query.sortBy !== 'string') throw new ScimError(400, 'invalidValue', 'sortBy must be a string.');
  // Compile before touching the database: a bad filter or sortBy is a 400, not a failed query.
  const where = query.filter !== undefined && query.filter.trim() !== '' ? filterToSql(query.filter, rt, 2, { tableRef: table, foldedColumns: true }) : null;
  const orderBy = compileSort(query.sortBy, query.sortOrder, rt);
  const params: unknown[] = [configurationId, ...(where?.params ?? [])];
  const condition = `configuration_id = $1${where ? ` AND (${where.sql})` : ''}`;
  const countTotal = async () => {
    const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${condition}`, params);
    return Number(c.n);
  };
  if (query.count === 0) return { rows: [], total: await countTotal() };
  const rows = await q.query<T>(
    `SELECT ${columns} FROM ${table} WHERE ${condition} ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.count, query.offset],
  );
  // A short page that starts inside the result already tells the total: skip the count (the
  // common `userName eq "…"` lookup is then one indexed query).
  const total = rows.length < query.count && (rows.length > 0 || query.offset === 0) ? query.offset + rows.length : await countTotal();
  return { rows, total };
}
