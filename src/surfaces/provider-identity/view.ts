// provider-identity's request bodies as core's credential input. The connection's view (shared
// with the console) is in ../shared/provider-connection.ts.
import type { CredentialInput } from '../../core/connections/credentials.ts';
import type { CredentialSource } from '../../core/connections/connection-record.ts';
import type { Static } from 'typebox';
import type { DedicatedCredentialRequest } from './schemas.ts';

export { identityView } from '../shared/provider-connection.ts';

type CredentialBody = Static<typeof DedicatedCredentialRequest>;

export function credentialFromBody(b: CredentialBody): CredentialInput & { source?: CredentialSource } {
  return b.credential_kind === 'client_secret'
    ? { kind: 'client_secret', clientId: b.client_id, clientSecret: b.client_secret, source: b.source }
    : { kind: 'certificate', clientId: b.client_id, privateKeyPem: b.private_key_pem, certificatePem: b.certificate_pem, source: b.source };
}
export type { CredentialBody };
