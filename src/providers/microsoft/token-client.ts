import { createHmac, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { AssertionAlgorithm } from './client-assertion.ts';
import { createClientAssertion, prepareCertificate } from './client-assertion.ts';
import type { MicrosoftCredential } from './credentials.ts';
import { secretValuesOf } from './credentials.ts';
import type { MicrosoftEndpoints } from './endpoints.ts';
import { resolveEndpoints, tokenEndpointUrl } from './endpoints.ts';
import { MicrosoftProviderError, mapEntraError, mapTransportError } from './errors.ts';
import type { RetryPolicy, TransportOptions } from './http.ts';
import { DEFAULT_TIMEOUT_MS, defaultRetryPolicy, exchangeWithRetries } from './http.ts';
import { assertEntraTenantId } from './tenant-id.ts';

// App-only tokens for Microsoft Graph by the client-credentials grant. Tokens are cached per
// (authority, tenant, client id, credential) until shortly before expiry, and concurrent callers
// for the same key share one request: a burst of runs against one tenant costs one token call.

export interface AccessToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Application roles (Graph application permissions) granted in the tenant, from the token. */
  roles: string[];
  /** The tenant GUID the token was issued for (`tid`), when the token says. */
  tenantId?: string;
}

interface GetTokenOptions {
  /** Cancels this caller's wait; a request shared with other callers keeps going for them. */
  signal?: AbortSignal;
  /** Skip the cache (e.g. verification wants the roles granted right now). */
  forceRefresh?: boolean;
}

export interface TokenClient {
  readonly endpoints: Required<MicrosoftEndpoints>;
  getToken(entraTenantId: string, credential: MicrosoftCredential, options?: GetTokenOptions): Promise<AccessToken>;
  /** Drops a cached token, e.g. after Graph rejected it. */
  invalidate(entraTenantId: string, credential: MicrosoftCredential): void;
}

export interface TokenClientOptions {
  endpoints?: Partial<MicrosoftEndpoints>;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Refresh this long before expiry (capped at half the token's lifetime); default 5 minutes. */
  expirySkewMs?: number;
  retry?: Partial<RetryPolicy>;
  assertionAlgorithm?: AssertionAlgorithm;
  maxCacheEntries?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

interface CacheEntry {
  token: AccessToken;
  refreshAt: number;
}

export function createTokenClient(options: TokenClientOptions = {}): TokenClient {
  const endpoints = resolveEndpoints(options.endpoints);
  const now = options.now ?? Date.now;
  const skewMs = options.expirySkewMs ?? 5 * 60_000;
  const maxEntries = options.maxCacheEntries ?? 5_000;
  const algorithm = options.assertionAlgorithm ?? 'PS256';
  const transport: TransportOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: defaultRetryPolicy({ maxAttempts: 3, ...options.retry }),
    fetch: options.fetch ?? globalThis.fetch,
  };
  // Keys hold an HMAC of the credential under a per-process random key: the cache can tell a
  // rotated secret from the old one without the secret (or a guessable hash of it) in memory twice.
  const fingerprintKey = randomBytes(32);
  const cache = new Map<string, CacheEntry>();
  const inflight = new Map<string, Promise<AccessToken>>();

  function keyOf(entraTenantId: string, credential: MicrosoftCredential): string {
    const mac = createHmac('sha256', fingerprintKey).update(credential.kind).update('\0').update(credential.clientId);
    for (const part of secretValuesOf(credential)) mac.update('\0').update(part);
    if (credential.kind === 'certificate') mac.update('\0').update(credential.certificatePem);
    return [endpoints.authorityHost, entraTenantId.toLowerCase(), credential.clientId, mac.digest('base64url')].join('|');
  }

  function remember(key: string, token: AccessToken, issuedAt: number): void {
    const lifetime = token.expiresAt - issuedAt;
    const refreshAt = token.expiresAt - Math.min(skewMs, lifetime / 2);
    if (cache.size >= maxEntries) evict();
    cache.set(key, { token, refreshAt });
  }

  function evict(): void {
    const t = now();
    for (const [key, entry] of cache) if (entry.refreshAt <= t) cache.delete(key);
    while (cache.size >= maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function requestToken(key: string, entraTenantId: string, credential: MicrosoftCredential): Promise<AccessToken> {
    const url = tokenEndpointUrl(endpoints.authorityHost, entraTenantId);
    const prepared = credential.kind === 'certificate' ? prepareCertificate(credential) : undefined;
    // A fresh assertion per attempt: each carries its own jti and time window.
    const init = async (): Promise<RequestInit> => {
      const form = new URLSearchParams({ client_id: credential.clientId, scope: endpoints.graphScope, grant_type: 'client_credentials' });
      if (credential.kind === 'client_secret') {
        form.set('client_secret', credential.clientSecret);
      } else {
        form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
        form.set(
          'client_assertion',
          await createClientAssertion({
            prepared: prepared!,
            clientId: credential.clientId,
            tokenEndpoint: url,
            algorithm,
            nowSeconds: Math.floor(now() / 1000),
          }),
        );
      }
      return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() };
    };
    const issuedAt = now();
    const response = await exchangeWithRetries(url, init, 'Entra ID', transport);
    if (response.status !== 200) {
      throw new MicrosoftProviderError(
        mapEntraError({ status: response.status, body: response.body, retryAfterSeconds: response.retryAfterSeconds, secrets: secretValuesOf(credential) }),
      );
    }
    const token = parseTokenResponse(response.body, issuedAt);
    remember(key, token, issuedAt);
    return token;
  }

  return {
    endpoints,
    async getToken(entraTenantId, credential, opts = {}) {
      assertEntraTenantId(entraTenantId);
      opts.signal?.throwIfAborted();
      const key = keyOf(entraTenantId, credential);
      if (!opts.forceRefresh) {
        const cached = cache.get(key);
        if (cached && cached.refreshAt > now()) return cached.token;
      }
      let shared = inflight.get(key);
      if (!shared) {
        shared = requestToken(key, entraTenantId, credential).finally(() => inflight.delete(key));
        // Callers may all have gone (aborted); the outcome must still not be an unhandled rejection.
        shared.catch(() => {});
        inflight.set(key, shared);
      }
      return opts.signal ? raceAbort(shared, opts.signal) : shared;
    },
    invalidate(entraTenantId, credential) {
      cache.delete(keyOf(entraTenantId, credential));
    },
  };
}

function parseTokenResponse(body: unknown, issuedAt: number): AccessToken {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const accessToken = typeof b.access_token === 'string' ? b.access_token : '';
  const expiresIn = Number(b.expires_in);
  if (!accessToken || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new MicrosoftProviderError(mapTransportError('invalid_response', 'Entra ID'));
  }
  let roles: string[] = [];
  let tenantId: string | undefined;
  try {
    // Read, not verified: the token is for Graph, which verifies it. The roles tell verification
    // which permissions were consented without a Graph round trip.
    const claims = decodeJwt(accessToken);
    if (Array.isArray(claims.roles)) roles = claims.roles.filter((r): r is string => typeof r === 'string');
    if (typeof claims.tid === 'string') tenantId = claims.tid;
  } catch {
    // Opaque tokens are valid too; they just carry no readable roles.
  }
  return { accessToken, expiresAt: issuedAt + expiresIn * 1000, roles, ...(tenantId ? { tenantId } : {}) };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
