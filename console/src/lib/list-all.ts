// The management API pages every list (`{ items, next_cursor }`, src/core/pagination.ts); the
// console's pickers want the whole list, so this walks the pages, 200 items at a time.
import type { Api } from './api.ts';

export async function listAll<P extends { items: unknown[]; next_cursor: string | null }>(api: Api, path: string, signal?: AbortSignal): Promise<P['items']> {
  const all: P['items'] = [];
  let cursor: string | null = null;
  do {
    const page: P = await api.get<P>(path, { signal, query: { limit: 200, cursor } });
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}
