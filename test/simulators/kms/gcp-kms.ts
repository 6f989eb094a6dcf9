// Google Cloud KMS on loopback, speaking the REST API that @google-cloud/kms sends with
// `fallback: true`: `POST /v1/{cryptoKey}:encrypt` and `:decrypt`, protobuf JSON (base64 bytes,
// int64 CRC32C values as strings), with additionalAuthenticatedData as AES-256-GCM associated
// data under key versions the simulator holds (the ciphertext names its version, so a rotated
// key still decrypts old ciphertexts). The CRC32C fields are checked and answered as Cloud KMS
// does. Requests must carry the bearer token google-auth-library makes for a service account
// (a self-signed RS256 JWT, scope cloud-platform), verified against the account's public key.
// Errors in Google's shape: `{"error": {"code": 400, "message": …, "status": "INVALID_ARGUMENT"}}`.
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { crc32c } from '../../../src/core/vault/kms/crc32c.ts';
import { gcmOpen, gcmSeal, type Handled, type RunningServer, startSimServer } from './server.ts';

export interface GcpKmsSimulator extends RunningServer {
  /** A service-account key file's content (JSON) that the simulator accepts. */
  serviceAccountJson: string;
  createKey(name: string): void;
  rotateKey(name: string): void;
}

const gErr = (code: number, status: string, message: string): Handled => ({ status: code, body: { error: { code, message, status } } });
const b64u = (s: string) => Buffer.from(s, 'base64url');

export async function startGcpKmsSimulator(): Promise<GcpKmsSimulator> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const email = `switchboard@sim-project.iam.gserviceaccount.com`;
  const keyId = randomBytes(20).toString('hex');
  const keys = new Map<string, Buffer[]>();

  function authenticate(header: string | undefined): string | null {
    const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header ?? '');
    if (!m) return 'missing or malformed bearer token';
    const head = JSON.parse(b64u(m[1]).toString());
    const claims = JSON.parse(b64u(m[2]).toString());
    if (head.alg !== 'RS256' || head.kid !== keyId) return 'unknown signing key';
    if (!verify('sha256', Buffer.from(`${m[1]}.${m[2]}`), publicKey, b64u(m[3]))) return 'bad signature';
    if (claims.iss !== email || claims.sub !== email) return 'wrong issuer';
    const now = Date.now() / 1000;
    if (!(claims.exp > now) || claims.iat > now + 60) return 'expired';
    const scopes = String(claims.scope ?? '').split(' ');
    if (!scopes.includes('https://www.googleapis.com/auth/cloudkms') && !scopes.includes('https://www.googleapis.com/auth/cloud-platform') && !claims.aud)
      return 'no scope';
    return null;
  }

  const server = await startSimServer({
    failure: gErr(503, 'UNAVAILABLE', 'The service is currently unavailable.'),
    handle(req, body) {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const m = /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/:]+):(encrypt|decrypt)$/.exec(path);
      if (req.method !== 'POST' || !m) return gErr(404, 'NOT_FOUND', `no route ${path}`);
      const denied = authenticate(req.headers.authorization);
      if (denied) return gErr(401, 'UNAUTHENTICATED', `Request had invalid authentication credentials (${denied}).`);
      const [, name, op] = m;
      const versions = keys.get(name);
      if (!versions) return gErr(404, 'NOT_FOUND', `CryptoKey ${name} not found.`);
      const input = JSON.parse(body.toString('utf8') || '{}');
      const aad = Buffer.from(input.additionalAuthenticatedData ?? '', 'base64');
      const aadCrc = input.additionalAuthenticatedDataCrc32c;
      if (aadCrc !== undefined && Number(aadCrc) !== crc32c(aad))
        return gErr(
          400,
          'INVALID_ARGUMENT',
          'The checksum in field additional_authenticated_data_crc32c did not match the data in field additional_authenticated_data.',
        );
      if (op === 'encrypt') {
        const plaintext = Buffer.from(input.plaintext ?? '', 'base64');
        if (input.plaintextCrc32c !== undefined && Number(input.plaintextCrc32c) !== crc32c(plaintext))
          return gErr(400, 'INVALID_ARGUMENT', 'The checksum in field plaintext_crc32c did not match the data in field plaintext.');
        const v = versions.length;
        const ciphertext = Buffer.concat([Buffer.from([v]), gcmSeal(versions[v - 1], plaintext, aad)]);
        return {
          status: 200,
          op: 'encrypt',
          body: {
            name: `${name}/cryptoKeyVersions/${v}`,
            ciphertext: ciphertext.toString('base64'),
            ciphertextCrc32c: String(crc32c(ciphertext)),
            verifiedPlaintextCrc32c: input.plaintextCrc32c !== undefined,
            verifiedAdditionalAuthenticatedDataCrc32c: aadCrc !== undefined,
            protectionLevel: 'SOFTWARE',
          },
        };
      }
      const ciphertext = Buffer.from(input.ciphertext ?? '', 'base64');
      if (input.ciphertextCrc32c !== undefined && Number(input.ciphertextCrc32c) !== crc32c(ciphertext))
        return gErr(400, 'INVALID_ARGUMENT', 'The checksum in field ciphertext_crc32c did not match the data in field ciphertext.');
      const key = versions[ciphertext[0] - 1];
      const plain = key ? gcmOpen(key, ciphertext.subarray(1), aad) : null;
      if (!plain) return gErr(400, 'INVALID_ARGUMENT', 'Decryption failed: the ciphertext is invalid.');
      return {
        status: 200,
        op: 'decrypt',
        body: {
          plaintext: plain.toString('base64'),
          plaintextCrc32c: String(crc32c(plain)),
          usedPrimary: ciphertext[0] === versions.length,
          protectionLevel: 'SOFTWARE',
        },
      };
    },
  });
  return {
    ...server,
    serviceAccountJson: JSON.stringify({
      type: 'service_account',
      project_id: 'sim-project',
      private_key_id: keyId,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: '1000000000000000000',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
    createKey: (name) => void keys.set(name, [randomBytes(32)]),
    rotateKey: (name) => void keys.get(name)!.push(randomBytes(32)),
  };
}
