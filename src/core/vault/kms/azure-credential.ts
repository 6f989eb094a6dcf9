// The Entra ID token the Azure Key Vault SDK asks for (a TokenCredential): the client-credentials
// grant by the project's own Entra token client (src/providers/microsoft/token-client.ts, the one
// provider connections use), for the scope Key Vault's authentication challenge names. One token
// client per scope; each caches its token until shortly before expiry.
import type { AccessToken as AzureAccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { createTokenClient, type TokenClient } from '../../../providers/microsoft/token-client.ts';

export interface AzureClientSecretConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Entra authority host (sovereign clouds, tests). */
  authorityHost: string;
  timeoutMs: number;
}

export function clientSecretCredential(cfg: AzureClientSecretConfig): TokenCredential {
  const clients = new Map<string, TokenClient>();
  return {
    async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AzureAccessToken | null> {
      const scope = [scopes].flat()[0];
      let client = clients.get(scope);
      if (!client) {
        client = createTokenClient({ endpoints: { authorityHost: cfg.authorityHost, graphScope: scope }, timeoutMs: cfg.timeoutMs });
        clients.set(scope, client);
      }
      // The configured tenant, not the challenge's: a vault cannot send our secret to another tenant.
      const t = await client.getToken(cfg.tenantId, { kind: 'client_secret', clientId: cfg.clientId, clientSecret: cfg.clientSecret });
      return { token: t.accessToken, expiresOnTimestamp: t.expiresAt };
    },
  };
}
