import { randomUUID } from 'node:crypto';
import { trimSlash } from './endpoints.ts';
import { MicrosoftProviderError, mapGraphError, mapTransportError } from './errors.ts';
import type { RawResponse, RetryPolicy, TransportOptions } from './http.ts';
import { DEFAULT_TIMEOUT_MS, defaultRetryPolicy, exchangeWithRetries } from './http.ts';
import { budgetGate, type ThrottleBudget } from './throttle.ts';

// Reads from Microsoft Graph: bounded retries on throttling and outages (paced and held back by the
// app's throttle budget in the tenant when given one), one token refresh when
// Graph rejects a token, and collections walked page by page through @odata.nextLink so memory
// holds one page at a time however large the tenant.

export interface GraphAuth {
  /** A valid access token (normally served from the token cache). */
  token(): Promise<string>;
  /** A freshly requested token, after Graph answered 401 to the cached one. */
  refresh(): Promise<string>;
}

export interface GraphClientOptions {
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Values to strip from any Graph text that ends up in an error message. */
  redact?: readonly string[];
  /** The app's budget in this tenant, shared with every other caller (throttle.ts); without it, only this client's retries hold back. */
  budget?: ThrottleBudget;
}

interface GraphRequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Named in the error's next steps when Graph answers 403. */
  requiredPermissions?: readonly string[];
}

interface GraphPage<T> {
  items: T[];
  /** 0-based page number. */
  index: number;
  /** `@odata.count` when Graph returned one (first page only). */
  totalCount?: number;
}

export interface GraphClient {
  get<T = unknown>(pathOrUrl: string, options?: GraphRequestOptions): Promise<T>;
  pages<T = Record<string, unknown>>(pathOrUrl: string, options?: GraphRequestOptions): AsyncGenerator<GraphPage<T>, void, undefined>;
}

export function createGraphClient(args: { graphBaseUrl: string; auth: GraphAuth } & GraphClientOptions): GraphClient {
  const base = trimSlash(args.graphBaseUrl);
  const origin = new URL(base).origin;
  const retry = defaultRetryPolicy(args.retry);
  const transport: TransportOptions = {
    timeoutMs: args.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry,
    fetch: args.fetch ?? globalThis.fetch,
    ...(args.budget ? { gate: budgetGate(args.budget, retry) } : {}),
  };

  function resolve(pathOrUrl: string): string {
    if (!/^https?:\/\//i.test(pathOrUrl)) return `${base}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
    // nextLinks come from the response; the bearer token must never follow one off Graph's origin.
    if (new URL(pathOrUrl).origin !== origin) {
      throw new MicrosoftProviderError({
        reasonCode: 'invalid_state',
        message: 'Microsoft Graph returned a link to another host; it was not followed.',
        nextSteps: ['Check the configured Microsoft Graph base URL.'],
      });
    }
    return pathOrUrl;
  }

  async function send(url: string, options: GraphRequestOptions, token: string): Promise<RawResponse> {
    return exchangeWithRetries(
      url,
      () => ({
        method: 'GET',
        headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'client-request-id': randomUUID(), ...options.headers },
      }),
      'Microsoft Graph',
      transport,
      options.signal,
    );
  }

  async function get<T>(pathOrUrl: string, options: GraphRequestOptions = {}): Promise<T> {
    const url = resolve(pathOrUrl);
    let response = await send(url, options, await args.auth.token());
    if (response.status === 401) response = await send(url, options, await args.auth.refresh());
    if (response.status !== 200) {
      throw new MicrosoftProviderError(
        mapGraphError({
          status: response.status,
          body: response.body,
          retryAfterSeconds: response.retryAfterSeconds,
          requiredPermissions: options.requiredPermissions,
          secrets: args.redact,
        }),
      );
    }
    if (typeof response.body !== 'object' || response.body === null) {
      throw new MicrosoftProviderError(mapTransportError('invalid_response', 'Microsoft Graph'));
    }
    return response.body as T;
  }

  async function* pages<T>(pathOrUrl: string, options: GraphRequestOptions = {}): AsyncGenerator<GraphPage<T>, void, undefined> {
    let next: string | undefined = pathOrUrl;
    for (let index = 0; next !== undefined; index++) {
      const body: Record<string, unknown> = await get<Record<string, unknown>>(next, options);
      if (!Array.isArray(body.value)) throw new MicrosoftProviderError(mapTransportError('invalid_response', 'Microsoft Graph'));
      const link = body['@odata.nextLink'];
      next = typeof link === 'string' && link ? link : undefined;
      const count = body['@odata.count'];
      yield { items: body.value as T[], index, ...(typeof count === 'number' ? { totalCount: count } : {}) };
    }
  }

  return { get, pages };
}
