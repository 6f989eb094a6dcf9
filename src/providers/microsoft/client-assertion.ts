import { X509Certificate, createHash, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { CertificateCredential } from './credentials.ts';
import { MicrosoftProviderError } from './errors.ts';

// The certificate credential of the Microsoft identity platform: a short-lived JWT signed with
// the app's private key, naming the certificate by thumbprint so Entra knows which key to use.
// https://learn.microsoft.com/entra/identity-platform/certificate-credentials

export type AssertionAlgorithm = 'PS256' | 'RS256';

export interface PreparedCertificate {
  privateKey: KeyObject;
  /** base64url SHA-1 thumbprint (header `x5t`, still read by older Entra paths). */
  x5t: string;
  /** base64url SHA-256 thumbprint (header `x5t#S256`). */
  x5tS256: string;
  notAfter: Date;
}

const ASSERTION_LIFETIME_SECONDS = 600;

/** Parses and cross-checks the key pair once; errors never quote the PEM. */
export function prepareCertificate(credential: CertificateCredential): PreparedCertificate {
  let cert: X509Certificate;
  let privateKey: KeyObject;
  try {
    cert = new X509Certificate(credential.certificatePem);
    privateKey = createPrivateKey(credential.privateKeyPem);
  } catch {
    throw unusable('The certificate or private key of the connection could not be read as PEM.');
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw unusable('Entra ID certificate credentials need an RSA key.');
  }
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const fromCert = cert.publicKey.export({ type: 'spki', format: 'der' });
  if (!fromKey.equals(fromCert)) {
    throw unusable('The private key does not belong to the certificate.');
  }
  return {
    privateKey,
    x5t: createHash('sha1').update(cert.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
    notAfter: new Date(cert.validTo),
  };
}

export async function createClientAssertion(args: {
  prepared: PreparedCertificate;
  clientId: string;
  tokenEndpoint: string;
  algorithm: AssertionAlgorithm;
  nowSeconds: number;
}): Promise<string> {
  const { prepared, clientId, tokenEndpoint, algorithm, nowSeconds } = args;
  return new SignJWT({})
    .setProtectedHeader({ alg: algorithm, typ: 'JWT', x5t: prepared.x5t, 'x5t#S256': prepared.x5tS256 })
    .setAudience(tokenEndpoint)
    .setIssuer(clientId)
    .setSubject(clientId)
    .setJti(randomUUID())
    .setNotBefore(nowSeconds)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS)
    .sign(prepared.privateKey);
}

function unusable(message: string): MicrosoftProviderError {
  return new MicrosoftProviderError({
    reasonCode: 'authentication_failed',
    message,
    nextSteps: [
      "Upload the certificate (public part) to the app registration's Certificates & secrets and store the matching RSA private key and certificate, both PEM, on the connection.",
    ],
  });
}
