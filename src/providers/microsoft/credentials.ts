import { Type } from 'typebox';
import type { Static } from 'typebox';

// The two credential shapes an app registration accepts for client credentials. They are
// stored sealed by the vault; this module only describes and validates them.

export const ClientSecretCredentialSchema = Type.Object(
  {
    kind: Type.Literal('client_secret'),
    clientId: Type.String({ minLength: 1, maxLength: 200 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const CertificateCredentialSchema = Type.Object(
  {
    kind: Type.Literal('certificate'),
    clientId: Type.String({ minLength: 1, maxLength: 200 }),
    /** PKCS#8 or PKCS#1 PEM of the RSA private key. */
    privateKeyPem: Type.String({ minLength: 1, maxLength: 20000 }),
    /** PEM of the X.509 certificate uploaded to the app registration. */
    certificatePem: Type.String({ minLength: 1, maxLength: 20000 }),
  },
  { additionalProperties: false },
);

export const MicrosoftCredentialSchema = Type.Union([ClientSecretCredentialSchema, CertificateCredentialSchema]);

export type ClientSecretCredential = Static<typeof ClientSecretCredentialSchema>;
export type CertificateCredential = Static<typeof CertificateCredentialSchema>;
export type MicrosoftCredential = ClientSecretCredential | CertificateCredential;

/** Every secret-bearing string of a credential, for literal redaction in messages. */
export function secretValuesOf(credential: MicrosoftCredential): string[] {
  return credential.kind === 'client_secret' ? [credential.clientSecret] : [credential.privateKeyPem];
}
