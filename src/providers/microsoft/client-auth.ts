import type { AssertionAlgorithm } from './client-assertion.ts';
import { createClientAssertion, prepareCertificate } from './client-assertion.ts';
import type { MicrosoftCredential } from './credentials.ts';

// How a confidential client proves itself at the token endpoint, whatever the grant: its secret,
// or a certificate assertion signed for exactly this token endpoint (client-assertion.ts).

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export async function clientAuthenticationParams(
  credential: MicrosoftCredential,
  tokenEndpoint: string,
  opts: { algorithm?: AssertionAlgorithm; nowSeconds: number },
): Promise<Record<string, string>> {
  if (credential.kind === 'client_secret') return { client_secret: credential.clientSecret };
  const assertion = await createClientAssertion({
    prepared: prepareCertificate(credential),
    clientId: credential.clientId,
    tokenEndpoint,
    algorithm: opts.algorithm ?? 'PS256',
    nowSeconds: opts.nowSeconds,
  });
  return { client_assertion_type: JWT_BEARER_ASSERTION, client_assertion: assertion };
}
