// Google Cloud KMS through the official SDK (@google-cloud/kms): encrypt/decrypt under a
// symmetric CryptoKey with the version context as additionalAuthenticatedData, CRC32C-checked
// both ways as Google recommends. The REST transport (`fallback: true`) is used, so an endpoint
// such as a private service connect address, or the tests' loopback simulator, can serve it.
// Credentials: a service-account key file when configured, else Application Default Credentials.
import { KeyManagementServiceClient } from '@google-cloud/kms';
import { AppError } from '../../errors.ts';
import { crc32c } from './crc32c.ts';
import { contextBytes, deadline, type KekContext, kmsFailure, type KmsWrapper } from './kms-wrapper.ts';

export interface GcpKmsConfig {
  /** projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k> */
  keyName: string;
  /** e.g. https://cloudkms.googleapis.com (default), or http://127.0.0.1:port in tests. */
  endpoint?: string;
  credentialsFile?: string;
  timeoutMs: number;
}

// google-gax's HTTP status, from its GoogleError (REST errors carry the gRPC code and the HTTP one).
function failure(op: string, err: unknown): AppError {
  const e = err as { code?: number | string; statusDetails?: unknown; name?: string; response?: { status?: number }; reason?: string };
  const grpcToHttp: Record<number, number> = { 3: 400, 5: 404, 7: 403, 9: 400, 16: 401, 8: 429, 14: 503, 4: 504, 13: 500 };
  const status = e?.response?.status ?? (typeof e?.code === 'number' ? grpcToHttp[e.code] : undefined);
  return kmsFailure('gcp-kms', op, err, status, e?.reason ?? (e?.name && e.name !== 'Error' ? e.name : undefined));
}

const crcOf = (v: unknown): number | null => {
  const value = (v as { value?: unknown } | null | undefined)?.value;
  return value === undefined || value === null ? null : Number(value);
};

export function gcpKms(cfg: GcpKmsConfig): KmsWrapper {
  if (!/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/.test(cfg.keyName)) {
    throw new AppError('config.invalid', 'SWITCHBOARD_GCP_KMS_KEY_NAME must look like projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>');
  }
  const endpoint = cfg.endpoint ? new URL(cfg.endpoint) : null;
  const client = new KeyManagementServiceClient({
    fallback: true,
    ...(endpoint
      ? {
          apiEndpoint: endpoint.hostname,
          port: Number(endpoint.port || (endpoint.protocol === 'http:' ? 80 : 443)),
          protocol: endpoint.protocol.replace(':', ''),
        }
      : {}),
    ...(cfg.credentialsFile ? { keyFilename: cfg.credentialsFile } : {}),
  } as ConstructorParameters<typeof KeyManagementServiceClient>[0]);
  const callOptions = { timeout: cfg.timeoutMs };
  const corrupted = (op: string) => new AppError('vault.kms_unreachable', `gcp-kms ${op}: the answer failed its CRC32C check (corrupted in transit)`);
  return {
    name: 'gcp-kms',
    keyRef: cfg.keyName,
    async wrap(plaintext: Buffer, ctx: KekContext) {
      const aad = contextBytes(ctx);
      const [r] = await deadline('gcp-kms', 'encrypt', cfg.timeoutMs, () =>
        client.encrypt(
          {
            name: cfg.keyName,
            plaintext,
            additionalAuthenticatedData: aad,
            plaintextCrc32c: { value: crc32c(plaintext) },
            additionalAuthenticatedDataCrc32c: { value: crc32c(aad) },
          },
          callOptions,
        ),
      ).catch((err: unknown) => {
        throw err instanceof AppError ? err : failure('encrypt', err);
      });
      const ciphertext = Buffer.from(r.ciphertext as Uint8Array);
      if (!r.verifiedPlaintextCrc32c || !r.verifiedAdditionalAuthenticatedDataCrc32c || crcOf(r.ciphertextCrc32c) !== crc32c(ciphertext))
        throw corrupted('encrypt');
      // r.name is the CryptoKeyVersion that encrypted; decrypt goes to its CryptoKey (KMS finds the version in the ciphertext).
      return { ciphertext, keyRef: r.name ?? cfg.keyName };
    },
    async unwrap(ciphertext: Buffer, keyRef: string, ctx: KekContext) {
      const aad = contextBytes(ctx);
      const name = keyRef.replace(/\/cryptoKeyVersions\/[^/]+$/, '');
      const [r] = await deadline('gcp-kms', 'decrypt', cfg.timeoutMs, () =>
        client.decrypt(
          {
            name,
            ciphertext,
            additionalAuthenticatedData: aad,
            ciphertextCrc32c: { value: crc32c(ciphertext) },
            additionalAuthenticatedDataCrc32c: { value: crc32c(aad) },
          },
          callOptions,
        ),
      ).catch((err: unknown) => {
        throw err instanceof AppError ? err : failure('decrypt', err);
      });
      const plain = Buffer.from(r.plaintext as Uint8Array);
      if (crcOf(r.plaintextCrc32c) !== crc32c(plain)) throw corrupted('decrypt');
      return plain;
    },
    close: () => void client.close(),
  };
}
