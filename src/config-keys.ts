// The key source settings (issue 17): which source new key versions are created in, the KMS
// backends this node can reach, and how long keys from a KMS are cached. Every variable is in
// docs/configuration.md, "Keys (the vault)". A source is configured when its key setting is
// present; several may be at once (a migration from one to another needs both).
import { resolve } from 'node:path';
import { bool, ConfigError, int, secondsMs } from './config-parse.ts';
import { isKeySourceName, type KeySourceName } from './core/vault/key-source.ts';

export interface AwsKmsSettings {
  keyId: string;
  region: string;
  endpoint?: string;
}

export interface AzureKeyVaultSettings {
  keyId: string;
  algorithm: 'RSA-OAEP-256' | 'A256KW';
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  caFile?: string;
  disableChallengeResourceVerification: boolean;
}

export interface GcpKmsSettings {
  keyName: string;
  endpoint?: string;
  credentialsFile?: string;
}

export interface VaultTransitSettings {
  addr: string;
  mount: string;
  key: string;
  namespace?: string;
  derived: boolean;
  caFile?: string;
  auth: { method: 'token'; token?: string; tokenFile?: string } | { method: 'approle'; roleId: string; secretId?: string; secretIdFile?: string; mount: string };
}

export interface KeysConfig {
  /** Where `keys rotate` and a first start create key versions. */
  source: KeySourceName;
  cacheTtlMs: number;
  refreshMs: number;
  retryMs: number;
  kmsTimeoutMs: number;
  kmsMaxAttempts: number;
  aws?: AwsKmsSettings;
  azure?: AzureKeyVaultSettings;
  gcp?: GcpKmsSettings;
  vault?: VaultTransitSettings;
}

const need = (env: NodeJS.ProcessEnv, name: string, why: string): string => {
  const v = env[name];
  if (!v) throw new ConfigError(`${name} is required with ${why}`);
  return v;
};
const file = (env: NodeJS.ProcessEnv, name: string) => (env[name] ? resolve(env[name]!) : undefined);

export function parseKeysConfig(env: NodeJS.ProcessEnv): KeysConfig {
  const source = env.SWITCHBOARD_KEY_SOURCE || 'keyring';
  if (!isKeySourceName(source)) throw new ConfigError(`SWITCHBOARD_KEY_SOURCE must be keyring, aws-kms, azure-key-vault, gcp-kms or vault-transit, got "${source}"`);
  const cacheTtlMs = secondsMs(env, 'SWITCHBOARD_KEY_CACHE_TTL_SECONDS', 600, 0.1);
  const refreshMs = secondsMs(env, 'SWITCHBOARD_KEY_REFRESH_SECONDS', Math.min(60, cacheTtlMs / 4000), 0.05);
  const retryMs = secondsMs(env, 'SWITCHBOARD_KEY_RETRY_SECONDS', Math.min(5, refreshMs / 1000), 0.05);
  if (refreshMs >= cacheTtlMs) {
    throw new ConfigError('SWITCHBOARD_KEY_REFRESH_SECONDS must be shorter than SWITCHBOARD_KEY_CACHE_TTL_SECONDS (a key must be refreshed before its cache runs out)');
  }
  const cfg: KeysConfig = {
    source,
    cacheTtlMs,
    refreshMs,
    retryMs,
    kmsTimeoutMs: int(env, 'SWITCHBOARD_KMS_TIMEOUT_MS', 5000, 50),
    kmsMaxAttempts: int(env, 'SWITCHBOARD_KMS_MAX_ATTEMPTS', 3, 1),
  };
  if (env.SWITCHBOARD_AWS_KMS_KEY_ID) {
    cfg.aws = {
      keyId: env.SWITCHBOARD_AWS_KMS_KEY_ID,
      region: env.SWITCHBOARD_AWS_KMS_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || need(env, 'SWITCHBOARD_AWS_KMS_REGION', 'SWITCHBOARD_AWS_KMS_KEY_ID (or AWS_REGION)'),
      endpoint: env.SWITCHBOARD_AWS_KMS_ENDPOINT || undefined,
    };
  }
  if (env.SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID) {
    const why = 'SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID';
    const algorithm = env.SWITCHBOARD_AZURE_KEY_VAULT_ALGORITHM || 'RSA-OAEP-256';
    if (algorithm !== 'RSA-OAEP-256' && algorithm !== 'A256KW') throw new ConfigError(`SWITCHBOARD_AZURE_KEY_VAULT_ALGORITHM must be RSA-OAEP-256 or A256KW, got "${algorithm}"`);
    cfg.azure = {
      keyId: env.SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID,
      algorithm,
      tenantId: need(env, 'SWITCHBOARD_AZURE_TENANT_ID', why),
      clientId: need(env, 'SWITCHBOARD_AZURE_CLIENT_ID', why),
      clientSecret: need(env, 'SWITCHBOARD_AZURE_CLIENT_SECRET', why),
      authorityHost: (env.SWITCHBOARD_AZURE_AUTHORITY_HOST || 'https://login.microsoftonline.com').replace(/\/$/, ''),
      caFile: file(env, 'SWITCHBOARD_AZURE_KEY_VAULT_CA_FILE'),
      disableChallengeResourceVerification: bool(env, 'SWITCHBOARD_AZURE_KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION', false),
    };
  }
  if (env.SWITCHBOARD_GCP_KMS_KEY_NAME) {
    cfg.gcp = { keyName: env.SWITCHBOARD_GCP_KMS_KEY_NAME, endpoint: env.SWITCHBOARD_GCP_KMS_ENDPOINT || undefined, credentialsFile: file(env, 'SWITCHBOARD_GCP_KMS_CREDENTIALS_FILE') };
  }
  if (env.SWITCHBOARD_VAULT_TRANSIT_KEY) {
    const why = 'SWITCHBOARD_VAULT_TRANSIT_KEY';
    const method = env.SWITCHBOARD_VAULT_AUTH || (env.SWITCHBOARD_VAULT_ROLE_ID ? 'approle' : 'token');
    let auth: VaultTransitSettings['auth'];
    if (method === 'approle') {
      if (!env.SWITCHBOARD_VAULT_SECRET_ID && !env.SWITCHBOARD_VAULT_SECRET_ID_FILE) throw new ConfigError('AppRole needs SWITCHBOARD_VAULT_SECRET_ID or SWITCHBOARD_VAULT_SECRET_ID_FILE');
      auth = {
        method,
        roleId: need(env, 'SWITCHBOARD_VAULT_ROLE_ID', 'SWITCHBOARD_VAULT_AUTH=approle'),
        secretId: env.SWITCHBOARD_VAULT_SECRET_ID || undefined,
        secretIdFile: file(env, 'SWITCHBOARD_VAULT_SECRET_ID_FILE'),
        mount: env.SWITCHBOARD_VAULT_APPROLE_MOUNT || 'approle',
      };
    } else if (method === 'token') {
      if (!env.SWITCHBOARD_VAULT_TOKEN && !env.SWITCHBOARD_VAULT_TOKEN_FILE) throw new ConfigError('Vault token auth needs SWITCHBOARD_VAULT_TOKEN or SWITCHBOARD_VAULT_TOKEN_FILE');
      auth = { method, token: env.SWITCHBOARD_VAULT_TOKEN || undefined, tokenFile: file(env, 'SWITCHBOARD_VAULT_TOKEN_FILE') };
    } else {
      throw new ConfigError(`SWITCHBOARD_VAULT_AUTH must be token or approle, got "${method}"`);
    }
    cfg.vault = {
      addr: need(env, 'SWITCHBOARD_VAULT_ADDR', why),
      mount: (env.SWITCHBOARD_VAULT_TRANSIT_MOUNT || 'transit').replace(/^\/|\/$/g, ''),
      key: env.SWITCHBOARD_VAULT_TRANSIT_KEY,
      namespace: env.SWITCHBOARD_VAULT_NAMESPACE || undefined,
      derived: bool(env, 'SWITCHBOARD_VAULT_TRANSIT_DERIVED', false),
      caFile: file(env, 'SWITCHBOARD_VAULT_CA_FILE'),
      auth,
    };
  }
  const configured: Record<KeySourceName, boolean> = { keyring: true, 'aws-kms': !!cfg.aws, 'azure-key-vault': !!cfg.azure, 'gcp-kms': !!cfg.gcp, 'vault-transit': !!cfg.vault };
  if (!configured[source]) throw new ConfigError(`SWITCHBOARD_KEY_SOURCE=${source} but that source is not configured (see docs/configuration.md, "Keys")`);
  return cfg;
}
