// Where the Microsoft identity platform and Microsoft Graph live. Every URL is configuration so
// tests run the real adapter against the loopback simulator, and sovereign clouds are a config change.
export interface MicrosoftEndpoints {
  /** e.g. https://login.microsoftonline.com (no trailing slash needed). */
  authorityHost: string;
  /** Graph base including the version segment, e.g. https://graph.microsoft.com/v1.0 */
  graphBaseUrl: string;
  /**
   * The scope requested with client credentials. It names the Graph resource, which stays
   * https://graph.microsoft.com in the public cloud even when graphBaseUrl points elsewhere.
   */
  graphScope?: string;
}

const PUBLIC_CLOUD: Readonly<Required<MicrosoftEndpoints>> = Object.freeze({
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  graphScope: 'https://graph.microsoft.com/.default',
});

export function resolveEndpoints(partial: Partial<MicrosoftEndpoints> = {}): Required<MicrosoftEndpoints> {
  return {
    authorityHost: trimSlash(partial.authorityHost ?? PUBLIC_CLOUD.authorityHost),
    graphBaseUrl: trimSlash(partial.graphBaseUrl ?? PUBLIC_CLOUD.graphBaseUrl),
    graphScope: partial.graphScope ?? PUBLIC_CLOUD.graphScope,
  };
}

export function tokenEndpointUrl(authorityHost: string, entraTenantId: string): string {
  return `${trimSlash(authorityHost)}/${encodeURIComponent(entraTenantId)}/oauth2/v2.0/token`;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
