// The one way provider adapters talk to outside systems. It never follows a redirect (a 3xx is
// handed back to the adapter, whose credential stays home), only sends a credential to the
// origin the caller says it belongs to, refuses private/reserved destinations at connect time,
// bounds every call with a timeout and reads at most `maxResponseBytes` of a body.
import { Agent, fetch } from 'undici';
import { createAddressPolicy } from './address-policy.ts';
import type { AddressPolicyOptions } from './address-policy.ts';
import { createGuardedConnector } from './guarded-connector.ts';
import { OutboundError, findOutboundError } from './errors.ts';
import { readCapped } from './read-capped.ts';

export interface OutboundClientOptions extends AddressPolicyOptions {
  /** Whole-call timeout (connect, headers and body) unless a request overrides it. Default 10 s. */
  timeoutMs?: number;
  /** Largest body read from a response; the rest is dropped and `truncated` set. Default 1 MiB. */
  maxResponseBytes?: number;
  userAgent?: string;
}

interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * The origin (scheme://host:port) the attached credential was stored for. The request is
   * refused when the URL's origin differs. Required whenever a credential header is sent.
   */
  credentialOrigin?: string;
}

export interface OutboundResponse {
  url: string;
  status: number;
  headers: Headers;
  text: string;
  truncated: boolean;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json<T = unknown>(): T | undefined;
}

/** The call signature adapters depend on (test doubles only need this). */
export type OutboundRequestFn = (url: string | URL, init?: OutboundRequest) => Promise<OutboundResponse>;

export interface OutboundFetch extends OutboundRequestFn {
  /** Closes pooled connections. */
  close(): Promise<void>;
}

/** Header names that carry credentials in the providers we talk to. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'private-token',
  'dd-api-key',
  'dd-application-key',
  'x-goog-api-key',
  'x-jfrog-art-api',
  'cookie',
]);

function parseUrl(input: string | URL): URL {
  try {
    return new URL(String(input));
  } catch {
    throw new OutboundError('invalid_url', 'the request URL is not a valid absolute URL');
  }
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

export function createOutboundClient(options: OutboundClientOptions = {}): OutboundFetch {
  const policy = createAddressPolicy(options);
  const defaultTimeout = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  const agent = new Agent({
    connect: createGuardedConnector(policy, defaultTimeout),
    keepAliveTimeout: 4_000,
  });

  const outboundFetch = async (input: string | URL, init: OutboundRequest = {}): Promise<OutboundResponse> => {
    const url = parseUrl(input);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new OutboundError('unsupported_scheme', 'only http and https are supported');
    }
    if (url.username || url.password) {
      throw new OutboundError('invalid_url', 'URLs with embedded user information are refused');
    }
    const headers = init.headers ?? {};
    const carriesCredential = Object.keys(headers).some((name) => CREDENTIAL_HEADERS.has(name.toLowerCase()));
    if (init.credentialOrigin !== undefined || carriesCredential) {
      const bound = init.credentialOrigin === undefined ? undefined : originOf(init.credentialOrigin);
      if (!bound || bound !== url.origin) {
        throw new OutboundError('host_mismatch', 'the credential is not bound to the host of this request');
      }
    }

    const timeout = AbortSignal.timeout(init.timeoutMs ?? defaultTimeout);
    const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
    const headerList = { 'user-agent': options.userAgent ?? 'switchboard', ...headers };
    try {
      const response = await fetch(url, {
        method: init.method ?? 'GET',
        headers: headerList,
        body: init.body,
        redirect: 'manual',
        signal,
        dispatcher: agent,
      });
      const body = await readCapped(response.body as ReadableStream<Uint8Array> | null, maxBytes);
      return {
        url: url.href,
        status: response.status,
        headers: response.headers as unknown as Headers,
        text: body.text,
        truncated: body.truncated,
        json<T>() {
          try {
            return JSON.parse(body.text) as T;
          } catch {
            return undefined;
          }
        },
      };
    } catch (error) {
      const known = findOutboundError(error);
      if (known) throw known;
      if (timeout.aborted) throw new OutboundError('timeout', 'the request timed out');
      if (init.signal?.aborted) throw new OutboundError('aborted', 'the request was cancelled');
      throw new OutboundError('network', 'the destination could not be reached');
    }
  };

  return Object.assign(outboundFetch, { close: () => agent.close() });
}
