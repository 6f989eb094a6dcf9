import { trimSlash } from './endpoints.ts';
import { MicrosoftProviderError } from './errors.ts';
import { assertEntraTenantId } from './tenant-id.ts';

// The link that sends a customer's administrator to Microsoft: the OpenID Connect
// authorization-code request. The administrator signs in and grants tenant-wide consent
// (prompt=admin_consent), and Microsoft sends back a code whose ID token proves who consented and
// in which tenant (see consent-proof.ts). The v2 /adminconsent endpoint is not used: its answer
// (admin_consent=True&tenant=…) is a query string anyone can type. `state`, `nonce` and the PKCE
// challenge are produced and checked by the caller; this only assembles the URL.

const DEFAULT_CONSENT_SCOPE = 'https://graph.microsoft.com/.default';
/**
 * openid + profile make the answer carry an ID token (tid, oid, wids); `.default` asks for every
 * permission configured on the app registration, which with prompt=admin_consent the
 * administrator grants for the whole tenant. One resource's `.default` combines with the OIDC scopes.
 */
export const CONSENT_AUTHORIZE_SCOPE = `openid profile ${DEFAULT_CONSENT_SCOPE}`;

export interface ConsentAuthorizeUrlInput {
  authorityHost: string;
  entraTenantId: string;
  clientId: string;
  redirectUri: string;
  state: string;
  /** OpenID Connect nonce, echoed in the ID token. */
  nonce: string;
  /** PKCE S256 challenge: base64url(SHA-256(code_verifier)). */
  codeChallenge: string;
  /** Defaults to CONSENT_AUTHORIZE_SCOPE. */
  scope?: string;
}

/** `{authorityHost}/{tenant}/oauth2/v2.0/authorize` for the authorization-code flow with PKCE and tenant-wide admin consent. */
export function buildConsentAuthorizeUrl(input: ConsentAuthorizeUrlInput): string {
  check(input);
  if (!input.nonce || !/^[A-Za-z0-9_-]{43}$/.test(input.codeChallenge)) {
    throw new MicrosoftProviderError({
      reasonCode: 'missing_configuration',
      message: 'The consent link needs a nonce and an S256 PKCE challenge.',
      nextSteps: [],
    });
  }
  const query = new URLSearchParams({
    client_id: input.clientId,
    response_type: 'code',
    redirect_uri: input.redirectUri,
    response_mode: 'query',
    scope: input.scope ?? CONSENT_AUTHORIZE_SCOPE,
    state: input.state,
    nonce: input.nonce,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
    prompt: 'admin_consent',
  });
  return `${trimSlash(input.authorityHost)}/${encodeURIComponent(input.entraTenantId)}/oauth2/v2.0/authorize?${query.toString()}`;
}

function check(input: { authorityHost: string; entraTenantId: string; clientId: string; redirectUri: string; state: string }): void {
  assertEntraTenantId(input.entraTenantId);
  if (!isHttpUrl(input.authorityHost) || !isHttpUrl(input.redirectUri) || !input.clientId || !input.state) {
    throw new MicrosoftProviderError({
      reasonCode: 'missing_configuration',
      message: 'The admin-consent link needs an authority host, a client id, an absolute redirect URI and a state.',
      nextSteps: ['Check the platform application and public URL configuration.'],
    });
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
