// What Microsoft's answers in the consent flow mean, in our own words. Whatever arrives in the
// callback's query (error, error_description) or in the token endpoint's refusal is attacker- or
// Microsoft-authored text: it is never shown or stored. Only a known AADSTS number or a known OAuth
// `error` value is kept, and it is rendered from this table.
import type { ReasonCode } from '../reason-codes.ts';

interface Known {
  reasonCode: ReasonCode;
  words: string;
}

const ADMIN = 'a Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator of the customer tenant';

const CONSENT_AADSTS: Readonly<Record<string, Known>> = {
  '65004': { reasonCode: 'permission_denied', words: 'The administrator declined to consent to the app.' },
  '65001': { reasonCode: 'permission_denied', words: 'Consent has not been granted for the app.' },
  '90094': { reasonCode: 'permission_denied', words: `Administrator consent is required: sign in as ${ADMIN}.` },
  '90008': { reasonCode: 'permission_denied', words: 'The app needs consent the signed-in user cannot give.' },
  '50105': { reasonCode: 'permission_denied', words: 'The signed-in user is not assigned to the app.' },
  '53003': { reasonCode: 'permission_denied', words: 'A Conditional Access policy blocked the sign-in.' },
  '50020': { reasonCode: 'permission_denied', words: 'The signed-in account does not belong to the customer tenant.' },
  '50076': { reasonCode: 'permission_denied', words: 'Multi-factor authentication is required; complete it and try again.' },
  '700016': { reasonCode: 'permission_denied', words: 'The app registration was not found in the tenant.' },
  '90002': { reasonCode: 'invalid_state', words: 'The Entra tenant was not found.' },
  '900023': { reasonCode: 'invalid_state', words: 'The Entra tenant identifier is not valid.' },
  '50011': { reasonCode: 'missing_configuration', words: 'The redirect URI is not registered on the app.' },
  '700005': { reasonCode: 'permission_denied', words: 'The authorization code was issued for another tenant.' },
  '70008': { reasonCode: 'permission_denied', words: 'The authorization code has expired.' },
  '54005': { reasonCode: 'permission_denied', words: 'The authorization code was already redeemed.' },
  '50148': { reasonCode: 'permission_denied', words: 'The PKCE verifier does not match the authorization request.' },
  '70000': { reasonCode: 'permission_denied', words: 'The authorization code is not valid.' },
  '7000215': { reasonCode: 'authentication_failed', words: "The app's client secret was rejected." },
  '7000222': { reasonCode: 'authentication_failed', words: "The app's client secret has expired." },
  '700027': { reasonCode: 'authentication_failed', words: "The app's certificate assertion was rejected." },
  '7000218': { reasonCode: 'missing_configuration', words: 'No client credential was sent.' },
};

const CONSENT_OAUTH_ERRORS: Readonly<Record<string, Known>> = {
  access_denied: { reasonCode: 'permission_denied', words: 'Consent was declined or the sign-in was cancelled.' },
  consent_required: { reasonCode: 'permission_denied', words: 'Consent is required.' },
  interaction_required: { reasonCode: 'permission_denied', words: 'Microsoft needs the administrator to sign in interactively.' },
  login_required: { reasonCode: 'permission_denied', words: 'Microsoft needs the administrator to sign in.' },
  invalid_request: { reasonCode: 'invalid_state', words: 'Microsoft rejected the request.' },
  invalid_client: { reasonCode: 'authentication_failed', words: "Microsoft rejected the app's credentials." },
  unauthorized_client: { reasonCode: 'permission_denied', words: 'The app is not allowed in this tenant.' },
  invalid_grant: { reasonCode: 'permission_denied', words: 'Microsoft rejected the authorization code.' },
  invalid_scope: { reasonCode: 'missing_configuration', words: 'Microsoft rejected the requested scope.' },
  invalid_resource: { reasonCode: 'missing_configuration', words: 'Microsoft does not know the requested resource.' },
  unsupported_response_type: { reasonCode: 'invalid_state', words: 'Microsoft rejected the response type.' },
  server_error: { reasonCode: 'dependency_unreachable', words: 'Microsoft had a server error.' },
  temporarily_unavailable: { reasonCode: 'dependency_unreachable', words: 'Microsoft is temporarily unavailable.' },
};

export interface KnownConsentError {
  reasonCode: ReasonCode;
  /** Our words, prefixed with the AADSTS number when it is one we know. */
  message: string;
  /** Only when known (in CONSENT_AADSTS). */
  aadsts?: string;
  /** Only when known (in CONSENT_OAUTH_ERRORS). */
  error?: string;
}

/**
 * Reads an error answer without keeping any of its text: the first AADSTS number it names and its
 * OAuth `error`, each only if known. `description` is scanned for the number, never kept.
 */
export function describeConsentError(input: { error?: string; description?: string; codes?: unknown }): KnownConsentError {
  const fromCodes = Array.isArray(input.codes) && /^\d{1,9}$/.test(String(input.codes[0])) ? String(input.codes[0]) : undefined;
  const number = fromCodes ?? /AADSTS(\d{1,9})/.exec(input.description ?? '')?.[1];
  const aadsts = number && Object.hasOwn(CONSENT_AADSTS, number) ? number : undefined;
  const error = input.error && Object.hasOwn(CONSENT_OAUTH_ERRORS, input.error) ? input.error : undefined;
  if (aadsts) {
    const k = CONSENT_AADSTS[aadsts];
    return { reasonCode: k.reasonCode, message: `AADSTS${aadsts}: ${k.words}`, aadsts, ...(error ? { error } : {}) };
  }
  if (error) {
    const k = CONSENT_OAUTH_ERRORS[error];
    return { reasonCode: k.reasonCode, message: k.words, error };
  }
  return { reasonCode: 'unknown_error', message: 'Microsoft returned an error this service does not recognize.' };
}
