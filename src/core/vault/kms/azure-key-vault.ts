// Azure Key Vault (or Managed HSM) through the official SDK (@azure/keyvault-keys): wrapKey /
// unwrapKey with RSA-OAEP-256 (an RSA key) or A256KW (an AES key in Managed HSM). Neither takes
// associated data, so the version binding is the bound plaintext alone (kms-wrapper.ts). The key
// id returned by wrapKey names the key *version*, which is what unwraps it later, whatever the
// configured (versionless) key id points at after the operator rotates the key in Key Vault.
// The SDK authenticates by Key Vault's challenge flow and insists on https; a private CA (an
// on-premises HSM gateway, the tests' loopback simulator) is trusted with SWITCHBOARD_AZURE_KEY_VAULT_CA_FILE.
import { readFileSync } from 'node:fs';
import type { TokenCredential } from '@azure/core-auth';
import { CryptographyClient, type KeyWrapAlgorithm } from '@azure/keyvault-keys';
import { AppError } from '../../errors.ts';
import { type KekContext, kmsFailure, type KmsWrapper } from './kms-wrapper.ts';

export interface AzureKeyVaultConfig {
  /** https://<vault>.vault.azure.net/keys/<name>[/<version>] */
  keyId: string;
  algorithm: 'RSA-OAEP-256' | 'A256KW';
  credential: TokenCredential;
  caFile?: string;
  /** Only for vault hosts outside the resource's domain (private endpoints with custom names, tests). */
  disableChallengeResourceVerification: boolean;
  timeoutMs: number;
  maxAttempts: number;
}

function failure(op: string, err: unknown): AppError {
  const e = err as { name?: string; statusCode?: number; code?: string };
  return kmsFailure('azure-key-vault', op, err, e?.statusCode, e?.code ?? (e?.name && e.name !== 'Error' ? e.name : undefined));
}

export function azureKeyVault(cfg: AzureKeyVaultConfig): KmsWrapper {
  if (!/^https:\/\/[^/]+\/keys\/[^/]+(\/[^/]+)?\/?$/.test(cfg.keyId)) {
    throw new AppError('config.invalid', 'SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID must look like https://<vault>.vault.azure.net/keys/<name>[/<version>]');
  }
  const options = {
    disableChallengeResourceVerification: cfg.disableChallengeResourceVerification,
    retryOptions: { maxRetries: Math.max(0, cfg.maxAttempts - 1), retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    ...(cfg.caFile ? { tlsOptions: { ca: readFileSync(cfg.caFile, 'utf8') } } : {}),
  };
  const clients = new Map<string, CryptographyClient>();
  const clientFor = (keyId: string) => {
    let c = clients.get(keyId);
    if (!c) {
      c = new CryptographyClient(keyId, cfg.credential, options);
      clients.set(keyId, c);
    }
    return c;
  };
  const call = <T>(op: string, fn: (signal: AbortSignal) => Promise<T>) =>
    fn(AbortSignal.timeout(cfg.timeoutMs * Math.max(1, cfg.maxAttempts))).catch((err) => {
      throw err instanceof AppError ? err : failure(op, err);
    });
  return {
    name: 'azure-key-vault',
    keyRef: cfg.keyId,
    async wrap(plaintext: Buffer, _ctx: KekContext) {
      const r = await call('wrapKey', (abortSignal) =>
        clientFor(cfg.keyId).wrapKey(cfg.algorithm as KeyWrapAlgorithm, plaintext, { abortSignal, requestOptions: { timeout: cfg.timeoutMs } }),
      );
      if (!r.keyID) throw new AppError('vault.kms_refused', 'azure-key-vault wrapKey returned no key id');
      return { ciphertext: Buffer.from(r.result), keyRef: r.keyID };
    },
    async unwrap(ciphertext: Buffer, keyRef: string, _ctx: KekContext) {
      const r = await call('unwrapKey', (abortSignal) =>
        clientFor(keyRef).unwrapKey(cfg.algorithm as KeyWrapAlgorithm, ciphertext, { abortSignal, requestOptions: { timeout: cfg.timeoutMs } }),
      );
      return Buffer.from(r.result);
    },
  };
}
