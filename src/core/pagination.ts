// One pagination style for every list of the management API (/api/v1): `?limit=&cursor=` in,
// `{ items, next_cursor }` out, keyset underneath — the cursor is the sort key of the last item
// (opaque to clients: base64url of JSON), so a page never shifts when rows are added before it
// and the database walks an index instead of an OFFSET. `next_cursor` is null on the last page.
// The contract surfaces keep what their contracts say (bare arrays, SCIM startIndex/count).
import { AppError } from './errors.ts';

const DEFAULT_PAGE_LIMIT = 50;
const MAX_PAGE_LIMIT = 200;

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** The sort key of a row, as text (e.g. [created_at ISO, id]); the repository compares it in SQL. */
export type PageKey = string[];

export interface Keyset {
  /** Rows strictly after this key; null for the first page. */
  after: PageKey | null;
  /** How many rows to read: one more than the page, to know whether another page follows. */
  fetch: number;
  limit: number;
}

/** What each part of a sort key must look like: checked before it reaches SQL as a parameter. */
type KeyPart = 'timestamp' | 'uuid' | 'integer';
const PART: Record<KeyPart, RegExp> = {
  // created_at::text as PostgreSQL writes it (microseconds, offset); never 'yesterday' or 'now'
  timestamp: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  integer: /^\d{1,18}$/,
};

/** Creation order: (created_at, id) with a UUID id. */
export const BY_CREATION: readonly KeyPart[] = ['timestamp', 'uuid'];
/** Sequence order: a bigint id. */
export const BY_SEQUENCE: readonly KeyPart[] = ['integer'];

export function keysetOf(req: PageRequest, shape: readonly KeyPart[]): Keyset {
  const limit = Math.min(Math.max(req.limit ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT);
  return { after: req.cursor ? decodeCursor(req.cursor, shape) : null, fetch: limit + 1, limit };
}

export function pageOf<R, V>(rows: R[], keyset: Keyset, keyOf: (row: R) => PageKey, view: (row: R) => V): Page<V> {
  const items = rows.slice(0, keyset.limit);
  const more = rows.length > keyset.limit && items.length > 0;
  return { items: items.map(view), next_cursor: more ? encodeCursor(keyOf(items[items.length - 1])) : null };
}

function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, shape: readonly KeyPart[]): PageKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || !key.every((k, i) => typeof k === 'string' && PART[shape[i]].test(k))) {
    throw new AppError('pagination.cursor_invalid', 'the cursor is not valid: pass the next_cursor of the previous page unchanged');
  }
  return key as PageKey;
}
