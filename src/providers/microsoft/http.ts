import { MicrosoftProviderError, mapTransportError } from './errors.ts';

// One place for the transport rules both Entra and Graph calls follow: a per-request timeout,
// the caller's cancellation, and bounded retries of 429/5xx that honour Retry-After.

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Upper bound for one wait, whatever Retry-After asks, so a run never sleeps unbounded. */
  maxRetryWaitMs: number;
  /** First backoff when the answer has no Retry-After; doubles per attempt. */
  baseBackoffMs: number;
  /** Injectable so tests can observe the waits instead of sleeping. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface TransportOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  fetch: typeof fetch;
  /** Asked before every attempt and told every answer (a throttle budget shared with other callers: throttle.ts). */
  gate?: RequestGate;
}

/** What holds requests back beyond this caller's own retries. */
export interface RequestGate {
  /** Resolves when the next attempt may be sent (or throws, having sent nothing). */
  before(signal?: AbortSignal): Promise<void>;
  /** Told every answer; true when it has taken over the wait before a retry (`before` will wait). */
  after(response: RawResponse): Promise<boolean>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function defaultRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { maxAttempts: 4, maxRetryWaitMs: 30_000, baseBackoffMs: 500, sleep: abortableSleep, ...overrides };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
  /** Seconds Microsoft asked to wait, when it said. */
  retryAfterSeconds?: number;
}

export type Target = 'Entra ID' | 'Microsoft Graph';

/** One HTTP exchange, body included, under the timeout. Never retries. */
export async function exchange(url: string, init: RequestInit, target: Target, opts: TransportOptions, signal?: AbortSignal): Promise<RawResponse> {
  signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await opts.fetch(url, { ...init, signal: combined, redirect: 'manual' });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: parseJson(text),
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) throw new MicrosoftProviderError(mapTransportError('timeout', target, opts.timeoutMs));
    throw new MicrosoftProviderError(mapTransportError('network', target));
  }
}

/** Repeats `exchange` while the answer is 429 or 5xx, up to the policy's bounds; returns the last answer. */
export async function exchangeWithRetries(
  url: string,
  init: () => RequestInit | Promise<RequestInit>,
  target: Target,
  opts: TransportOptions,
  signal?: AbortSignal,
): Promise<RawResponse> {
  const { retry, gate } = opts;
  for (let attempt = 1; ; attempt++) {
    await gate?.before(signal);
    const response = await exchange(url, await init(), target, opts, signal);
    // Told even on the last attempt: the other callers on the budget wait it out too.
    const gated = (await gate?.after(response)) ?? false;
    if (!isRetryable(response.status) || attempt >= retry.maxAttempts) return response;
    if (!gated) await retry.sleep(retryDelayMs(response, attempt, retry), signal);
  }
}

function isRetryable(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

function retryDelayMs(response: RawResponse, attempt: number, retry: RetryPolicy): number {
  const wanted =
    response.retryAfterSeconds !== undefined ? response.retryAfterSeconds * 1000 : retry.baseBackoffMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
  return Math.max(0, Math.min(wanted, retry.maxRetryWaitMs));
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
