// The query behind GET /Users and /Groups: the SCIM filter compiled to SQL over indexed columns
// (never "load everything and filter in JavaScript"), the sort, and one page.
import type { Queryable, Row, Transaction } from '../../db/database.ts';
import { compileSort, filterToSql, type LearnedSchemas, type ResourceType, ScimError } from '../protocol/index.ts';
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
  /** The configuration's learned extensions, for filter and sortBy paths into them. */
  learned?: LearnedSchemas;
  /** Users: select the `groups` attribute too. */
  groups?: boolean;
  /** The transaction, when this is its last statement: it is then committed in the same round trip. */
  last?: Transaction;
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
  const where =
    query.filter !== undefined && query.filter.trim() !== ''
      ? filterToSql(query.filter, rt, 2, { tableRef: table, foldedColumns: true, learned: query.learned })
      : null;
  const orderBy = compileSort(query.sortBy, query.sortOrder, rt, query.learned);
  const params: unknown[] = [configurationId, ...(where?.params ?? [])];
  const condition = `configuration_id = $1${where ? ` AND (${where.sql})` : ''}`;
  const countSql = `SELECT count(*)::int FROM ${table} WHERE ${condition}`;
  if (query.count === 0) {
    const [c] = await q.query<{ count: number }>(countSql, params);
    return { rows: [], total: Number(c.count) };
  }
  if (!query.last?.remote) {
    // In-process (PGlite), or not the transaction's last statement: two simple statements (the
    // count only when the page does not tell the total) cost less than planning the combined one.
    const rows = await q.query<T>(
      `SELECT ${columns} FROM ${table} WHERE ${condition} ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.count, query.offset],
    );
    const short = rows.length < query.count && (rows.length > 0 || query.offset === 0);
    const total = short ? query.offset + rows.length : Number((await q.query<{ count: number }>(countSql, params))[0].count);
    return { rows, total };
  }
  // To a server, as the last statement: one statement, committed in the same round trip, with the
  // page and the total from the same snapshot. A short page that starts inside the result already
  // tells the total; only otherwise is the count run (CASE evaluates
  // it lazily), so the common `userName eq "…"` lookup is one indexed query. The LEFT JOIN keeps
  // one row when the page is empty (to carry the total); page_position keeps the page's order.
  const limit = `$${params.length + 1}`;
  const offset = `$${params.length + 2}`;
  const sql = `WITH page AS MATERIALIZED (SELECT ${columns} FROM ${table} WHERE ${condition} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}),
     numbered AS (SELECT page.*, row_number() OVER () AS page_position FROM page),
     counted AS (SELECT count(*)::int AS n FROM page)
   SELECT numbered.*, (CASE WHEN counted.n < ${limit} AND (counted.n > 0 OR ${offset} = 0) THEN ${offset} + counted.n ELSE (${countSql}) END)::int AS page_total
   FROM counted LEFT JOIN numbered ON true ORDER BY numbered.page_position`;
  const values = [...params, query.count, query.offset];
  const result = await query.last.queryAndCommit<T & PageColumns>(sql, values);
  const total = result.length ? Number(result[0].page_total) : 0;
  const rows = result.filter((r) => r.page_position !== null).map(({ page_position: _p, page_total: _t, ...row }) => row as unknown as T);
  return { rows, total };
}

interface PageColumns {
  page_position: number | null;
  page_total: number;
}
