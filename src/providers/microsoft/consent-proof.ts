import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { AssertionAlgorithm } from './client-assertion.ts';
import { clientAuthenticationParams } from './client-auth.ts';
import { CONSENT_AUTHORIZE_SCOPE } from './consent-url.ts';
import { describeConsentError } from './consent-errors.ts';
import type { MicrosoftCredential } from './credentials.ts';
import { tokenEndpointUrl, trimSlash } from './endpoints.ts';
import { MicrosoftProviderError } from './errors.ts';
import { DEFAULT_TIMEOUT_MS, defaultRetryPolicy, exchange, type TransportOptions } from './http.ts';
import { assertEntraTenantId, isGuid } from './tenant-id.ts';

// What Microsoft proves when an administrator comes back from the consent link: the code is
// redeemed at the connection's tenant's token endpoint (authorization_code grant, the PKCE
// verifier, the app's own client authentication), and the ID token in the answer is verified
// against the tenant's published keys: signature, issuer {authority}/{tid}/v2.0, audience = the
// app, expiry, and the nonce of this consent link. What the verified claims mean for the
// connection (right tenant? an administrator?) is the core's decision (consent-decision.ts).
// Nothing here is ever logged or returned except the verified claims: not the code, not a token.

export interface VerifiedConsentClaims {
  /** The tenant the administrator signed in to (GUID, lower-case). */
  tid: string;
  /** The administrator's object id, when present. */
  oid?: string;
  /** Directory role template ids the signed-in user holds (`wids`); empty when the token has none. */
  wids: string[];
}

type ConsentProofProblem =
  | 'code_refused' // the token endpoint refused the code
  | 'unreachable' // the token endpoint or the keys could not be reached
  | 'no_id_token'
  | 'malformed'
  | 'signature' // not signed by a key Microsoft publishes for the tenant
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'nonce'
  | 'claims';

export type ConsentProof =
  | { ok: true; claims: VerifiedConsentClaims }
  | { ok: false; problem: ConsentProofProblem; message: string; aadsts?: string; reasonCode: string };

interface RedeemInput {
  /** The connection's Entra tenant (GUID or domain): the code is redeemed there and nowhere else. */
  entraTenantId: string;
  credential: MicrosoftCredential;
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** The nonce the consent link carried. */
  nonce: string;
  scope?: string;
}

export interface ConsentProverOptions {
  authorityHost: string;
  timeoutMs?: number;
  /** Accepted clock difference for exp / iat; default 60 s. */
  clockToleranceSeconds?: number;
  /** ID tokens older than this are refused even if unexpired (the code was just redeemed); default 10 minutes. */
  maxTokenAgeSeconds?: number;
  assertionAlgorithm?: AssertionAlgorithm;
  maxKeySets?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface ConsentProver {
  prove(input: RedeemInput): Promise<ConsentProof>;
}

const UNPROVEN = 'ext.microsoft.consent_unproven';

export function createConsentProver(options: ConsentProverOptions): ConsentProver {
  const authority = trimSlash(options.authorityHost);
  const now = options.now ?? Date.now;
  const tolerance = options.clockToleranceSeconds ?? 60;
  const maxAge = options.maxTokenAgeSeconds ?? 600;
  const maxKeySets = options.maxKeySets ?? 1000;
  const transport: TransportOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // A code is single-use: never send it twice.
    retry: defaultRetryPolicy({ maxAttempts: 1 }),
    fetch: options.fetch ?? globalThis.fetch,
  };
  // One remote key set per tenant, kept across callbacks (jose caches the keys and refetches on an
  // unknown kid at most once per cooldown), bounded so tenant ids cannot grow it without limit.
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const keysFor = (tid: string) => {
    let set = keySets.get(tid);
    if (!set) {
      if (keySets.size >= maxKeySets) keySets.delete(keySets.keys().next().value!);
      set = createRemoteJWKSet(new URL(`${authority}/${tid}/discovery/v2.0/keys`), { timeoutDuration: transport.timeoutMs });
      keySets.set(tid, set);
    }
    return set;
  };

  const refused = (problem: ConsentProofProblem, message: string, extra: { aadsts?: string; reasonCode?: string } = {}): ConsentProof => ({
    ok: false,
    problem,
    message,
    reasonCode: extra.reasonCode ?? UNPROVEN,
    ...(extra.aadsts ? { aadsts: extra.aadsts } : {}),
  });

  async function redeem(input: RedeemInput): Promise<{ idToken: string } | ConsentProof> {
    assertEntraTenantId(input.entraTenantId);
    const url = tokenEndpointUrl(authority, input.entraTenantId);
    const auth = await clientAuthenticationParams(input.credential, url, { algorithm: options.assertionAlgorithm, nowSeconds: Math.floor(now() / 1000) });
    const form = new URLSearchParams({
      client_id: input.credential.clientId,
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
      scope: input.scope ?? CONSENT_AUTHORIZE_SCOPE,
      ...auth,
    });
    let response: Awaited<ReturnType<typeof exchange>>;
    try {
      response = await exchange(
        url,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() },
        'Entra ID',
        transport,
      );
    } catch (err) {
      if (err instanceof MicrosoftProviderError)
        return refused('unreachable', `The authorization code could not be redeemed: ${err.message}`, { reasonCode: err.reasonCode });
      throw err;
    }
    const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Record<string, unknown>;
    if (response.status !== 200) {
      // Microsoft's text is never kept: only a known AADSTS number or OAuth error, in our words.
      const known = describeConsentError({
        error: typeof body.error === 'string' ? body.error : undefined,
        description: typeof body.error_description === 'string' ? body.error_description : undefined,
        codes: body.error_codes,
      });
      if (response.status >= 500 || response.status === 429)
        return refused('unreachable', `Microsoft could not redeem the authorization code (HTTP ${response.status}).`, { reasonCode: 'dependency_unreachable' });
      return refused('code_refused', `Microsoft refused the authorization code: ${known.message}`, { aadsts: known.aadsts });
    }
    if (typeof body.id_token !== 'string' || !body.id_token)
      return refused('no_id_token', 'Microsoft answered without an ID token, so nothing proves who consented.');
    return { idToken: body.id_token };
  }

  async function verify(idToken: string, clientId: string, nonce: string): Promise<ConsentProof> {
    let tid: unknown;
    try {
      tid = decodeJwt(idToken).tid;
    } catch {
      return refused('malformed', 'The ID token could not be read.');
    }
    // The key set and the issuer are the token's own tenant's; whether that is the right tenant
    // is decided by the caller. A non-GUID would be a path segment of our choosing: refused.
    if (typeof tid !== 'string' || !isGuid(tid)) return refused('malformed', 'The ID token names no tenant.');
    try {
      const { payload } = await jwtVerify(idToken, keysFor(tid.toLowerCase()), {
        algorithms: ['RS256'],
        issuer: `${authority}/${tid}/v2.0`,
        audience: clientId,
        clockTolerance: tolerance,
        maxTokenAge: maxAge,
        requiredClaims: ['exp', 'iat', 'nonce', 'tid'],
        currentDate: new Date(now()),
      });
      if (payload.nonce !== nonce) return refused('nonce', 'The ID token was not issued for this consent link (nonce mismatch).');
      const wids = Array.isArray(payload.wids) ? payload.wids.filter((w): w is string => typeof w === 'string').map((w) => w.toLowerCase()) : [];
      return {
        ok: true,
        claims: { tid: tid.toLowerCase(), ...(typeof payload.oid === 'string' && isGuid(payload.oid) ? { oid: payload.oid.toLowerCase() } : {}), wids },
      };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) return refused('expired', 'The ID token has expired.');
      if (err instanceof joseErrors.JWTClaimValidationFailed) {
        if (err.claim === 'aud') return refused('audience', 'The ID token was issued to another app.');
        if (err.claim === 'iss') return refused('issuer', 'The ID token was not issued by the tenant it names.');
        return refused('claims', 'The ID token lacks a required claim or is outside its time window.');
      }
      if (
        err instanceof joseErrors.JWKSNoMatchingKey ||
        err instanceof joseErrors.JWSSignatureVerificationFailed ||
        err instanceof joseErrors.JOSEAlgNotAllowed
      ) {
        return refused('signature', 'The ID token is not signed by a key Microsoft publishes for the tenant.');
      }
      if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid || (err instanceof Error && err.name === 'TypeError')) {
        return refused('unreachable', "Microsoft's signing keys could not be fetched.", { reasonCode: 'dependency_unreachable' });
      }
      return refused('malformed', 'The ID token could not be verified.');
    }
  }

  return {
    async prove(input) {
      let redeemed: Awaited<ReturnType<typeof redeem>>;
      try {
        redeemed = await redeem(input);
      } catch (err) {
        // e.g. a certificate credential that cannot sign an assertion; its message quotes no PEM.
        if (err instanceof MicrosoftProviderError)
          return refused('code_refused', `The authorization code could not be redeemed: ${err.message}`, { reasonCode: err.reasonCode });
        throw err;
      }
      if (!('idToken' in redeemed)) return redeemed;
      return verify(redeemed.idToken, input.credential.clientId, input.nonce);
    },
  };
}
