// The issuer's endpoints for the console's OIDC sign-in, from its discovery document. Fetched
// by the server (no CORS needed for discovery), cached, and retried after a failure.
import type { OidcConfig } from '../../config.ts';

export interface OidcEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

const TTL_MS = 10 * 60_000;
const RETRY_MS = 30_000;

export function createOidcDiscovery(oidc: OidcConfig | undefined, fetchImpl: typeof fetch = fetch) {
  let cached: { at: number; value: OidcEndpoints | null; error?: string } | null = null;
  let inflight: Promise<void> | null = null;

  async function load(): Promise<void> {
    if (!oidc) return;
    try {
      const res = await fetchImpl(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      const doc = (await res.json()) as { authorization_endpoint?: unknown; token_endpoint?: unknown };
      if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string')
        throw new Error('discovery lacks authorization_endpoint or token_endpoint');
      // Only http(s) URLs: they become a browser redirect and a CSP connect-src entry.
      const a = new URL(doc.authorization_endpoint);
      const t = new URL(doc.token_endpoint);
      if (!/^https?:$/.test(a.protocol) || !/^https?:$/.test(t.protocol)) throw new Error('discovery endpoints must be http(s) URLs');
      cached = { at: Date.now(), value: { authorizationEndpoint: a.toString(), tokenEndpoint: t.toString() } };
    } catch (err) {
      cached = { at: Date.now(), value: null, error: `the issuer's discovery document could not be loaded (${(err as Error).message})` };
    }
  }

  return {
    async endpoints(): Promise<{ value: OidcEndpoints | null; error?: string }> {
      if (!oidc) return { value: null };
      const fresh = cached && Date.now() - cached.at < (cached.value ? TTL_MS : RETRY_MS);
      if (!fresh) {
        inflight ??= load().finally(() => {
          inflight = null;
        });
        await inflight;
      }
      return { value: cached?.value ?? null, error: cached?.error };
    },
    /** The token endpoint's origin for the CSP (known once discovery has answered). */
    tokenOrigin(): string | null {
      return cached?.value ? new URL(cached.value.tokenEndpoint).origin : null;
    },
  };
}
