// Azure Key Vault on loopback, speaking what @azure/keyvault-keys sends: HTTPS (the SDK refuses
// bearer tokens over plain http) with a self-signed certificate for 127.0.0.1 that the client
// trusts through its tlsOptions, Key Vault's authentication challenge (a request without a token
// gets 401 and `WWW-Authenticate: Bearer authorization="<authority>/<tenant>", resource="…"`),
// `GET /keys/{name}/{version}` and `POST /keys/{name}[/{version}]/wrapkey|unwrapkey?api-version=…`
// with RSA-OAEP-256 under RSA keys it holds (a new key version on rotate; old versions still
// unwrap). Its Entra side (`POST /{tenant}/oauth2/v2.0/token`, client credentials) is a second,
// plain-http server, as the authority host the token client is pointed at. Errors in Key
// Vault's shape: `{"error": {"code": "BadParameter", "message": …}}`.
import { constants, generateKeyPairSync, type KeyObject, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSelfSignedCertificate } from '../../../src/simulators/entra-graph/certificate.ts';
import { createControl, type Handled, type RunningServer, startSimServer } from './server.ts';

export interface AzureKeyVaultSimulator extends RunningServer {
  /** The plain-http Entra authority host (token endpoint). */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the vault's TLS certificate: what SWITCHBOARD_AZURE_KEY_VAULT_CA_FILE points at. */
  caPem: string;
  writeCaFile(dir: string): string;
  /** Creates an RSA key; returns its versionless key id (https://127.0.0.1:port/keys/<name>). */
  createKey(name: string): string;
  rotateKey(name: string): void;
  tokensIssued(): number;
}

const kvErr = (status: number, code: string, message: string): Handled => ({ status, body: { error: { code, message } } });
const RESOURCE = 'https://vault.azure.net';

export async function startAzureKeyVaultSimulator(): Promise<AzureKeyVaultSimulator> {
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const clientId = randomBytes(16)
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const clientSecret = randomBytes(24).toString('base64url');
  const tokens = new Map<string, number>();
  const keys = new Map<string, Array<{ id: string; priv: KeyObject; pub: KeyObject }>>();
  let issued = 0;
  const control = createControl();

  // Entra: client credentials for Key Vault's scope only.
  const entra = await startSimServer({
    control: createControl(),
    failure: { status: 503, body: { error: 'temporarily_unavailable' } },
    handle(req, body) {
      const m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (req.method !== 'POST' || !m) return { status: 404, body: { error: 'not_found' } };
      const form = new URLSearchParams(body.toString('utf8'));
      if (m[1] !== tenantId) return { status: 400, body: { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' } };
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } };
      }
      if (form.get('scope') !== `${RESOURCE}/.default`)
        return { status: 400, body: { error: 'invalid_scope', error_description: 'AADSTS70011: The provided value for scope is not valid.' } };
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, Date.now() + 3600_000);
      issued++;
      return { status: 200, op: 'token', body: { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token } };
    },
  });

  const cert = createSelfSignedCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'] });
  let base = '';
  const vault = await startSimServer({
    control,
    tls: { key: cert.privateKeyPem, cert: cert.certificatePem },
    failure: kvErr(503, 'ServiceUnavailable', 'The service is temporarily unavailable.'),
    handle(req, body) {
      const url = new URL(req.url ?? '/', 'https://x');
      if (!url.searchParams.get('api-version')) return kvErr(400, 'BadParameter', 'The api-version query parameter is required.');
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !((tokens.get(token) ?? 0) > Date.now())) {
        return {
          status: 401,
          body: { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } },
          headers: { 'www-authenticate': `Bearer authorization="${entra.url}/${tenantId}", resource="${RESOURCE}"` },
        };
      }
      const m = /^\/keys\/([^/]+)(?:\/([^/]*))?(?:\/(wrapkey|unwrapkey))?$/.exec(url.pathname);
      if (!m) return kvErr(404, 'NotFound', 'no such route');
      const [, name, versionPart, op] = m;
      const versions = keys.get(name);
      const version = versionPart ? versions?.find((v) => v.id === versionPart) : versions?.at(-1);
      if (!version) return kvErr(404, 'KeyNotFound', `A key with (name/id) ${name}${versionPart ? `/${versionPart}` : ''} was not found in this key vault.`);
      const kid = `${base}/keys/${name}/${version.id}`;
      if (req.method === 'GET' && !op) {
        const jwk = version.pub.export({ format: 'jwk' });
        return {
          status: 200,
          op: 'get',
          body: {
            key: { kid, kty: 'RSA', key_ops: ['wrapKey', 'unwrapKey'], n: jwk.n, e: jwk.e },
            attributes: { enabled: true, recoveryLevel: 'Recoverable+Purgeable' },
          },
        };
      }
      if (req.method !== 'POST' || !op) return kvErr(405, 'BadParameter', 'method not allowed');
      const input = JSON.parse(body.toString('utf8') || '{}');
      if (input.alg !== 'RSA-OAEP-256') return kvErr(400, 'BadParameter', `Algorithm ${input.alg} is not supported by this simulator`);
      const value = Buffer.from(String(input.value ?? ''), 'base64url');
      if (op === 'wrapkey') {
        const out = publicEncrypt({ key: version.pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, value);
        return { status: 200, op: 'wrapKey', body: { kid, value: out.toString('base64url') } };
      }
      try {
        const out = privateDecrypt({ key: version.priv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, value);
        return { status: 200, op: 'unwrapKey', body: { kid, value: out.toString('base64url') } };
      } catch {
        return kvErr(400, 'BadParameter', 'Unwrap failed: the ciphertext does not decrypt under this key.');
      }
    },
  });
  base = vault.url;
  const newVersion = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { id: randomBytes(16).toString('hex'), priv: privateKey, pub: publicKey };
  };
  return {
    ...vault,
    close: async () => {
      await vault.close();
      await entra.close();
    },
    authorityHost: entra.url,
    tenantId,
    clientId,
    clientSecret,
    caPem: cert.certificatePem,
    writeCaFile(dir) {
      const p = join(dir, 'azure-kv-ca.pem');
      writeFileSync(p, cert.certificatePem);
      return p;
    },
    createKey(name) {
      keys.set(name, [newVersion()]);
      return `${base}/keys/${name}`;
    },
    rotateKey: (name) => void keys.get(name)!.push(newVersion()),
    tokensIssued: () => issued,
  };
}
