// Builds the key sources this node is configured for (config.keys, src/config/schema.ts): the local keyring when a
// file or SWITCHBOARD_KEYRING is given, and one KMS source per configured backend. Nothing here
// calls a KMS: clients are made, keys are fetched by the keyring.
import type { Config } from '../../config.ts';
import { AppError } from '../errors.ts';
import { kmsKeySource } from './key-source-kms.ts';
import { envKeySource, fileKeySource } from './key-source-local.ts';
import type { KeySource, KeySourceName } from './key-source.ts';
import { DEFAULT_KEY_CACHE, type KeyCacheOptions } from './keyring.ts';
import { awsKms } from './kms/aws-kms.ts';
import { clientSecretCredential } from './kms/azure-credential.ts';
import { azureKeyVault } from './kms/azure-key-vault.ts';
import { gcpKms } from './kms/gcp-kms.ts';
import type { KmsWrapper } from './kms/kms-wrapper.ts';
import { type VaultAuth, vaultTransit } from './kms/vault-transit.ts';

type KeyConfig = Pick<Config, 'keyringEnv' | 'keyringFile' | 'keys'>;

/** One KMS backend's wrapper, or null when it is not configured. */
function kmsWrapperFromConfig(cfg: KeyConfig, name: Exclude<KeySourceName, 'keyring'>): KmsWrapper | null {
  const k = cfg.keys;
  const common = { timeoutMs: k.kmsTimeoutMs, maxAttempts: k.kmsMaxAttempts };
  switch (name) {
    case 'aws-kms':
      return k.aws ? awsKms({ keyId: k.aws.keyId, region: k.aws.region, endpoint: k.aws.endpoint, ...common }) : null;
    case 'azure-key-vault':
      return k.azure
        ? azureKeyVault({
            keyId: k.azure.keyId,
            algorithm: k.azure.algorithm,
            caFile: k.azure.caFile,
            disableChallengeResourceVerification: k.azure.disableChallengeResourceVerification,
            credential: clientSecretCredential({ ...k.azure, timeoutMs: k.kmsTimeoutMs }),
            ...common,
          })
        : null;
    case 'gcp-kms':
      return k.gcp ? gcpKms({ ...k.gcp, timeoutMs: k.kmsTimeoutMs }) : null;
    case 'vault-transit': {
      const v = k.vault;
      if (!v) return null;
      const auth: VaultAuth =
        v.auth === 'approle'
          ? { method: 'approle', roleId: v.roleId!, secretId: v.secretId, secretIdFile: v.secretIdFile, mount: v.approleMount }
          : { method: 'token', token: v.token, tokenFile: v.tokenFile };
      return vaultTransit({ addr: v.addr, mount: v.mount, key: v.key, namespace: v.namespace, derived: v.derived, caFile: v.caFile, auth, ...common });
    }
  }
}

export function keySourcesFromConfig(cfg: KeyConfig, opts: { create: boolean }): KeySource[] {
  const sources: KeySource[] = [];
  if (cfg.keyringEnv) sources.push(envKeySource(cfg.keyringEnv));
  else if (cfg.keyringFile) sources.push(fileKeySource(cfg.keyringFile, { create: opts.create && cfg.keys.source === 'keyring' }));
  for (const name of ['aws-kms', 'azure-key-vault', 'gcp-kms', 'vault-transit'] as const) {
    const w = kmsWrapperFromConfig(cfg, name);
    if (w) sources.push(kmsKeySource(w));
  }
  if (!sources.some((s) => s.name === cfg.keys.source)) {
    throw new AppError(
      'vault.key_missing',
      'no encryption key configured: with DATABASE_URL set, give SWITCHBOARD_KEYRING or SWITCHBOARD_KEYRING_FILE, or a KMS with SWITCHBOARD_KEY_SOURCE (see docs/configuration.md)',
    );
  }
  return sources;
}

export function keyCacheFromConfig(cfg: KeyConfig): KeyCacheOptions {
  const ms = (seconds: number) => Math.round(seconds * 1000);
  // refresh and retry are always set by loadConfig (computed from the TTL when not given).
  return {
    ttlMs: ms(cfg.keys.cacheTtlSeconds),
    refreshMs: ms(cfg.keys.refreshSeconds!),
    retryMs: ms(cfg.keys.retrySeconds!),
  } satisfies typeof DEFAULT_KEY_CACHE;
}
