// The console's only door to the service: fetch against the public API on the same origin, with
// the signed-in bearer token. Errors come back as ApiError carrying the service's stable code.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}, requestId: string | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  query?: Record<string, string | number | boolean | undefined | null>;
}

export interface Api {
  token: string;
  get<T = unknown>(path: string, opts?: RequestOptions): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  put<T = unknown>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  del<T = unknown>(path: string, opts?: RequestOptions): Promise<T>;
}

function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // not JSON: keep the status line
  }
  const code = typeof body.error === 'string' ? body.error : `http.${res.status}`;
  const message = typeof body.message === 'string' ? body.message : res.statusText || `request failed (${res.status})`;
  return new ApiError(res.status, code, message, body, res.headers.get('x-request-id'));
}

/** `onUnauthorized` runs when the token stops being accepted (revoked, expired) so the shell can sign out. */
export function createApi(token: string, onUnauthorized?: (err: ApiError) => void): Api {
  async function call<T>(method: string, path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}`, ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!res.ok) {
      const err = await toError(res);
      if (res.status === 401) onUnauthorized?.(err);
      throw err;
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    token,
    get: (path, opts) => call('GET', path, undefined, opts),
    post: (path, body, opts) => call('POST', path, body ?? {}, opts),
    put: (path, body, opts) => call('PUT', path, body ?? {}, opts),
    patch: (path, body, opts) => call('PATCH', path, body ?? {}, opts),
    del: (path, opts) => call('DELETE', path, undefined, opts),
  };
}

/** Unauthenticated reads (the console's own configuration). */
export async function getPublic<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' });
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return `${err.message} (${err.code})`;
  if (err instanceof Error) return err.message;
  return String(err);
}

// The management API pages every list (`{ items, next_cursor }`, src/core/pagination.ts); the
// console's pickers want the whole list, so this walks the pages, 200 items at a time.
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
