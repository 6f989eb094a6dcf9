// AWS KMS on loopback, speaking what @aws-sdk/client-kms sends: AWS JSON 1.1 (`POST /`,
// `X-Amz-Target: TrentService.<Operation>`, `Content-Type: application/x-amz-json-1.1`) signed
// with Signature Version 4, which is verified against the registered access key's secret (a
// wrong secret, region or service is refused as AWS refuses it). Encrypt / Decrypt /
// GenerateDataKey with EncryptionContext as AES-256-GCM associated data, under 256-bit keys the
// simulator holds; the ciphertext blob names its key, as a real one does. Errors in AWS's shape:
// `{"__type": "InvalidCiphertextException", "message": …}`.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { gcmOpen, gcmSeal, type Handled, type RunningServer, startSimServer } from './server.ts';

export interface AwsKmsSimulator extends RunningServer {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Creates a symmetric key; returns its ARN. */
  createKey(): string;
  disableKey(arn: string): void;
}

const err = (status: number, type: string, message: string): Handled => ({ status, body: { __type: type, message } });

/** The encryption context as associated data: keys sorted, so the client's order does not matter. */
const contextAad = (ctx: Record<string, string> | undefined) =>
  Buffer.from(
    JSON.stringify(
      Object.keys(ctx ?? {})
        .sort()
        .map((k) => [k, ctx![k]]),
    ),
  );

function verifySigV4(req: IncomingMessage, body: Buffer, creds: { accessKeyId: string; secretAccessKey: string; region: string }): string | null {
  const auth = req.headers.authorization ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return 'MissingAuthenticationToken';
  const [, akid, date, region, service, signedHeaders, signature] = m;
  if (akid !== creds.accessKeyId) return 'UnrecognizedClientException';
  if (region !== creds.region || service !== 'kms') return 'InvalidSignatureException';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date)) return 'InvalidSignatureException';
  const url = new URL(req.url ?? '/', 'http://x');
  const query = [...url.searchParams.entries()]
    .sort()
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const headers = signedHeaders
    .split(';')
    .map(
      (h) =>
        `${h}:${String(req.headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? createHash('sha256').update(body).digest('hex'));
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let k: Buffer = createHmac('sha256', `AWS4${creds.secretAccessKey}`).update(date).digest();
  for (const part of [region, service, 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  const expected = createHmac('sha256', k).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? null : 'InvalidSignatureException';
}

export async function startAwsKmsSimulator(opts: { region?: string } = {}): Promise<AwsKmsSimulator> {
  const region = opts.region ?? 'eu-west-1';
  const account = '111122223333';
  const creds = { accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64'), region };
  const keys = new Map<string, { material: Buffer; enabled: boolean }>();
  const arnOf = (id: string) => `arn:aws:kms:${region}:${account}:key/${id}`;
  const resolve = (keyId: string | undefined) => {
    if (!keyId) return null;
    const id = keyId.startsWith('arn:') ? keyId.split('/').pop()! : keyId;
    return keys.has(id) ? id : null;
  };
  // blob: "sim1" ‖ len(keyId) ‖ keyId ‖ AES-GCM(plaintext, context)
  const seal = (id: string, plaintext: Buffer, ctx: Record<string, string> | undefined) => {
    const idBytes = Buffer.from(id);
    return Buffer.concat([Buffer.from('sim1'), Buffer.from([idBytes.length]), idBytes, gcmSeal(keys.get(id)!.material, plaintext, contextAad(ctx))]);
  };
  const server = await startSimServer({
    failure: err(500, 'KMSInternalException', 'The request was rejected because an internal exception occurred.'),
    handle(req, body) {
      if (req.method !== 'POST' || req.url !== '/') return err(404, 'UnknownOperationException', 'not found');
      if (req.headers['content-type'] !== 'application/x-amz-json-1.1') return err(400, 'SerializationException', 'wrong content type');
      const denied = verifySigV4(req, body, creds);
      if (denied) return err(400, denied, 'The request signature we calculated does not match the signature you provided.');
      const op = String(req.headers['x-amz-target'] ?? '').replace(/^TrentService\./, '');
      const input = JSON.parse(body.toString('utf8') || '{}');
      if (op === 'Encrypt' || op === 'GenerateDataKey') {
        const id = resolve(input.KeyId);
        if (!id) return err(400, 'NotFoundException', `Key '${input.KeyId}' does not exist`);
        if (!keys.get(id)!.enabled) return err(400, 'DisabledException', `${arnOf(id)} is disabled.`);
        const plaintext =
          op === 'Encrypt' ? Buffer.from(input.Plaintext ?? '', 'base64') : randomBytes(input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32));
        if (op === 'Encrypt' && (plaintext.length === 0 || plaintext.length > 4096))
          return err(400, 'ValidationException', 'Plaintext must be 1 to 4096 bytes');
        const blob = seal(id, plaintext, input.EncryptionContext);
        const out: Record<string, unknown> = { CiphertextBlob: blob.toString('base64'), KeyId: arnOf(id), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
        if (op === 'GenerateDataKey') out.Plaintext = plaintext.toString('base64');
        return { status: 200, body: out, op, headers: { 'x-amzn-requestid': randomUUID() } };
      }
      if (op === 'Decrypt') {
        const blob = Buffer.from(input.CiphertextBlob ?? '', 'base64');
        if (blob.subarray(0, 4).toString() !== 'sim1') return err(400, 'InvalidCiphertextException', '');
        const id = blob.subarray(5, 5 + blob[4]).toString();
        if (!keys.has(id)) return err(400, 'InvalidCiphertextException', '');
        if (input.KeyId && resolve(input.KeyId) !== id)
          return err(400, 'IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
        if (!keys.get(id)!.enabled) return err(400, 'DisabledException', `${arnOf(id)} is disabled.`);
        const plain = gcmOpen(keys.get(id)!.material, blob.subarray(5 + blob[4]), contextAad(input.EncryptionContext));
        // AWS says no more than this when the context does not match: the same exception as a corrupted blob.
        if (!plain) return err(400, 'InvalidCiphertextException', '');
        return {
          status: 200,
          body: { Plaintext: plain.toString('base64'), KeyId: arnOf(id), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
          op,
          headers: { 'x-amzn-requestid': randomUUID() },
        };
      }
      return err(400, 'UnknownOperationException', `unsupported operation ${op}`);
    },
  });
  return {
    ...server,
    region,
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    createKey() {
      const id = randomUUID();
      keys.set(id, { material: randomBytes(32), enabled: true });
      return arnOf(id);
    },
    disableKey(arn) {
      const id = resolve(arn);
      if (id) keys.get(id)!.enabled = false;
    },
  };
}
