// AWS KMS through the official SDK (@aws-sdk/client-kms): Encrypt/Decrypt of the bound key under
// the configured KMS key, with the version as EncryptionContext (so KMS itself refuses a blob
// presented for another version, and CloudTrail records which version was unwrapped). Decrypt
// names the KeyId that encrypted, so a blob can never be decrypted under another key.
// Credentials come from the SDK's default chain (environment, shared config, IMDS, IRSA/EKS).
import { DecryptCommand, EncryptCommand, EncryptionAlgorithmSpec, KMSClient } from '@aws-sdk/client-kms';
import { AppError } from '../../errors.ts';
import { contextFields, deadline, type KekContext, kmsFailure, type KmsWrapper } from './kms-wrapper.ts';

export interface AwsKmsConfig {
  /** Key id, key ARN, alias name or alias ARN. */
  keyId: string;
  region: string;
  /** Defaults to the region's KMS endpoint (tests and VPC endpoints: another URL). */
  endpoint?: string;
  timeoutMs: number;
  maxAttempts: number;
}

function failure(op: string, err: unknown): AppError {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  return kmsFailure('aws-kms', op, err, e?.$metadata?.httpStatusCode, e?.name && e.name !== 'Error' ? e.name : undefined);
}

export function awsKms(cfg: AwsKmsConfig): KmsWrapper {
  const client = new KMSClient({
    region: cfg.region,
    ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    maxAttempts: cfg.maxAttempts,
    requestHandler: { connectionTimeout: cfg.timeoutMs, requestTimeout: cfg.timeoutMs },
  });
  // Every attempt may take the timeout; the call as a whole no more than all of them.
  const budget = cfg.timeoutMs * cfg.maxAttempts;
  return {
    name: 'aws-kms',
    keyRef: cfg.keyId,
    async wrap(plaintext: Buffer, ctx: KekContext) {
      try {
        const r = await deadline('aws-kms', 'Encrypt', budget, (abortSignal) =>
          client.send(
            new EncryptCommand({
              KeyId: cfg.keyId,
              Plaintext: plaintext,
              EncryptionContext: contextFields(ctx),
              EncryptionAlgorithm: EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT,
            }),
            { abortSignal },
          ),
        );
        if (!r.CiphertextBlob || !r.KeyId) throw new AppError('vault.kms_refused', 'aws-kms Encrypt returned no ciphertext');
        // The key ARN (not the alias) is what decrypts it, whatever the alias points at later.
        return { ciphertext: Buffer.from(r.CiphertextBlob), keyRef: r.KeyId };
      } catch (err) {
        throw err instanceof AppError ? err : failure('Encrypt', err);
      }
    },
    async unwrap(ciphertext: Buffer, keyRef: string, ctx: KekContext) {
      try {
        const r = await deadline('aws-kms', 'Decrypt', budget, (abortSignal) =>
          client.send(
            new DecryptCommand({
              KeyId: keyRef,
              CiphertextBlob: ciphertext,
              EncryptionContext: contextFields(ctx),
              EncryptionAlgorithm: EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT,
            }),
            { abortSignal },
          ),
        );
        if (!r.Plaintext) throw new AppError('vault.kms_refused', 'aws-kms Decrypt returned no plaintext');
        return Buffer.from(r.Plaintext);
      } catch (err) {
        throw err instanceof AppError ? err : failure('Decrypt', err);
      }
    },
    close: () => client.destroy(),
  };
}
