import { trimSlash } from './endpoints.ts';
import { MicrosoftProviderError } from './errors.ts';
import { assertEntraTenantId } from './tenant-id.ts';

// The Microsoft identity platform v2 admin-consent endpoint for one tenant. `state` is produced
// and checked by the caller (it binds the callback to the connection); this only assembles the URL.

export const DEFAULT_CONSENT_SCOPE = 'https://graph.microsoft.com/.default';

export interface AdminConsentUrlInput {
  authorityHost: string;
  entraTenantId: string;
  clientId: string;
  redirectUri: string;
  state: string;
  /** Defaults to the Graph `.default` scope: every application permission configured on the app. */
  scope?: string;
}

export function buildAdminConsentUrl(input: AdminConsentUrlInput): string {
  assertEntraTenantId(input.entraTenantId);
  if (!isHttpUrl(input.authorityHost) || !isHttpUrl(input.redirectUri) || !input.clientId || !input.state) {
    throw new MicrosoftProviderError({
      reasonCode: 'missing_configuration',
      message: 'The admin-consent link needs an authority host, a client id, an absolute redirect URI and a state.',
      nextSteps: ['Check the platform application and public URL configuration.'],
    });
  }
  const query = new URLSearchParams({
    client_id: input.clientId,
    scope: input.scope ?? DEFAULT_CONSENT_SCOPE,
    redirect_uri: input.redirectUri,
    state: input.state,
  });
  return `${trimSlash(input.authorityHost)}/${encodeURIComponent(input.entraTenantId)}/v2.0/adminconsent?${query.toString()}`;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
