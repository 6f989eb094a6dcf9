import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from 'typebox/value';
import { CertificateCredentialSchema, ClientSecretCredentialSchema, MicrosoftCredentialSchema } from '../../../src/providers/microsoft/credentials.ts';
import { resolveEndpoints } from '../../../src/providers/microsoft/endpoints.ts';

describe('credential schemas and endpoints', () => {
  it('accept the two credential shapes and nothing else', () => {
    const secret = { kind: 'client_secret', clientId: 'app', clientSecret: 's' };
    const cert = { kind: 'certificate', clientId: 'app', privateKeyPem: 'k', certificatePem: 'c' };
    assert.ok(Value.Check(ClientSecretCredentialSchema, secret));
    assert.ok(Value.Check(CertificateCredentialSchema, cert));
    assert.ok(Value.Check(MicrosoftCredentialSchema, secret) && Value.Check(MicrosoftCredentialSchema, cert));
    assert.ok(!Value.Check(MicrosoftCredentialSchema, { ...secret, clientSecret: '' }));
    assert.ok(!Value.Check(MicrosoftCredentialSchema, { ...secret, extra: 1 }));
    assert.ok(!Value.Check(MicrosoftCredentialSchema, { kind: 'certificate', clientId: 'app', privateKeyPem: 'k' }));
  });

  it('default to the public cloud and trim trailing slashes', () => {
    assert.deepEqual(resolveEndpoints(), {
      authorityHost: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      graphScope: 'https://graph.microsoft.com/.default',
    });
    assert.equal(resolveEndpoints({ graphBaseUrl: 'http://127.0.0.1:9/v1.0/' }).graphBaseUrl, 'http://127.0.0.1:9/v1.0');
  });
});
