import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

// Self-signed X.509 certificates for tests of the certificate credential. node:crypto reads
// certificates but cannot write them, and no certificate library is installed, so this encodes the
// few DER structures of a minimal v1-style-content v3 certificate (RFC 5280 §4.1) by hand and
// signs it with node:crypto. Node's X509Certificate parses the result, which is the acceptance test.

export interface TestCertificate {
  privateKeyPem: string;
  certificatePem: string;
  /** base64url SHA-1 of the DER certificate (`x5t`). */
  thumbprintSha1: string;
  /** base64url SHA-256 of the DER certificate (`x5t#S256`). */
  thumbprintSha256: string;
}

export interface TestCertificateOptions {
  commonName?: string;
  /** Validity from now; negative makes an already expired certificate. Default 365. */
  days?: number;
  modulusLength?: number;
  /** subjectAltName IPv4 addresses, for a TLS server certificate (e.g. ['127.0.0.1']). */
  ipAddresses?: string[];
}

export function createSelfSignedCertificate(options: TestCertificateOptions = {}): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: options.modulusLength ?? 2048 });
  const commonName = options.commonName ?? 'switchboard-test';
  const days = options.days ?? 365;
  const now = Date.now();
  const [from, to] = days >= 0 ? [now - 60_000, now + days * 86_400_000] : [now + days * 86_400_000 - 86_400_000, now + days * 86_400_000];

  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // positive INTEGER
  serial[0] |= 0x01; // and no leading zero byte to strip
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([0x02]))), // [0] version v3
    tlv(0x02, serial),
    sha256WithRsa,
    name,
    seq(utcTime(new Date(from)), utcTime(new Date(to))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    // [3] extensions: subjectAltName (2.5.29.17) with iPAddress [7] entries, when asked for.
    ...(options.ipAddresses?.length
      ? [tlv(0xa3, seq(seq(oid('2.5.29.17'), tlv(0x04, seq(...options.ipAddresses.map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))))))))]
      : []),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0x00]), signature])));

  const certificatePem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  new X509Certificate(certificatePem); // fail here, not in a test, if the encoding is wrong
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem,
    thumbprintSha1: createHash('sha1').update(der).digest('base64url'),
    thumbprintSha256: createHash('sha256').update(der).digest('base64url'),
  };
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function seq(...parts: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(parts));
}

function set(...parts: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(parts));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(d: Date): Buffer {
  // UTCTime covers 1950–2049, enough for test certificates.
  const p = (n: number) => String(n).padStart(2, '0');
  const text = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}
