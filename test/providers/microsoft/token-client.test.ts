import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTokenClient } from '../../../src/providers/microsoft/token-client.ts';
import { MicrosoftProviderError } from '../../../src/providers/microsoft/errors.ts';
import { createSelfSignedCertificate } from '../../../src/simulators/entra-graph/index.ts';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ALL_ROLES, APP, SECRET, TENANT, caught, secretCredential, withSimulator } from './helpers.ts';

describe('token client', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  const cert = createSelfSignedCertificate({ commonName: 'switchboard-app' });
  const strangerCert = createSelfSignedCertificate({ commonName: 'stranger' });
  const CERT_APP = 'cccccccc-dddd-4eee-8fff-000000000001';

  before(async () => {
    env = await withSimulator();
    env.sim.registerApp({ tenantId: TENANT, clientId: CERT_APP, certificatePem: cert.certificatePem, roles: ['Organization.Read.All'] });
  });
  after(() => env.sim.close());

  it('gets a token with a client secret and reads the granted roles from it', async () => {
    const token = await env.tokenClient().getToken(TENANT, secretCredential);
    assert.deepEqual(token.roles, ALL_ROLES);
    assert.equal(token.tenantId, TENANT);
    assert.ok(token.expiresAt > Date.now() + 3_000_000);
    assert.equal(decodeJwt(token.accessToken).appid, APP);
  });

  it('accepts a tenant given by verified domain', async () => {
    const token = await env.tokenClient().getToken('contoso.onmicrosoft.com', secretCredential);
    assert.equal(token.tenantId, TENANT);
  });

  for (const algorithm of ['PS256', 'RS256'] as const) {
    it(`gets a token with a certificate client assertion (${algorithm})`, async () => {
      const token = await env.tokenClient({ assertionAlgorithm: algorithm }).getToken(TENANT, {
        kind: 'certificate',
        clientId: CERT_APP,
        privateKeyPem: cert.privateKeyPem,
        certificatePem: cert.certificatePem,
      });
      assert.deepEqual(token.roles, ['Organization.Read.All']);
    });
  }

  it('builds the assertion Entra expects: x5t#S256 and x5t headers, aud/iss/sub/jti/nbf/exp claims', async () => {
    let form: URLSearchParams | undefined;
    const spy: typeof fetch = async (input, init) => {
      form = new URLSearchParams(String(init?.body));
      return fetch(input, init);
    };
    await env
      .tokenClient({ fetch: spy })
      .getToken(TENANT, { kind: 'certificate', clientId: CERT_APP, privateKeyPem: cert.privateKeyPem, certificatePem: cert.certificatePem });
    assert.ok(form);
    assert.equal(form.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    assert.equal(form.get('client_secret'), null);
    const assertion = form.get('client_assertion')!;
    const header = decodeProtectedHeader(assertion);
    assert.equal(header.alg, 'PS256');
    assert.equal(header['x5t#S256'], cert.thumbprintSha256);
    assert.equal(header.x5t, cert.thumbprintSha1);
    const claims = decodeJwt(assertion);
    assert.equal(claims.aud, `${env.sim.authorityHost}/${TENANT}/oauth2/v2.0/token`);
    assert.equal(claims.iss, CERT_APP);
    assert.equal(claims.sub, CERT_APP);
    assert.equal(typeof claims.jti, 'string');
    assert.ok(typeof claims.nbf === 'number' && typeof claims.exp === 'number' && claims.exp > claims.nbf);
  });

  it('a certificate the app registration does not know fails with authentication_failed (AADSTS700027)', async () => {
    const error = await caught(() =>
      env
        .tokenClient()
        .getToken(TENANT, { kind: 'certificate', clientId: CERT_APP, privateKeyPem: strangerCert.privateKeyPem, certificatePem: strangerCert.certificatePem }),
    );
    assert.ok(error instanceof MicrosoftProviderError);
    assert.equal(error.reasonCode, 'authentication_failed');
    assert.equal(error.aadsts, '700027');
  });

  it('a private key that does not belong to the certificate fails before any request', async () => {
    env.sim.resetCounts();
    const error = await caught(() =>
      env
        .tokenClient()
        .getToken(TENANT, { kind: 'certificate', clientId: CERT_APP, privateKeyPem: strangerCert.privateKeyPem, certificatePem: cert.certificatePem }),
    );
    assert.equal(error.reasonCode, 'authentication_failed');
    assert.match(error.message, /does not belong/);
    assert.equal(env.sim.tokenRequests, 0);
  });

  it('caches per tenant and app until expiry: the second call makes no token request', async () => {
    let now = Date.now();
    const client = env.tokenClient({ now: () => now });
    env.sim.resetCounts();
    const first = await client.getToken(TENANT, secretCredential);
    const second = await client.getToken(TENANT, secretCredential);
    assert.equal(second.accessToken, first.accessToken);
    assert.equal(env.sim.tokenRequests, 1);
    now = first.expiresAt - 60_000; // inside the refresh skew
    await client.getToken(TENANT, secretCredential);
    assert.equal(env.sim.tokenRequests, 2);
  });

  it('keys the cache by credential: a rotated secret gets its own token', async () => {
    const ROTATED = `${SECRET}-rotated`;
    env.sim.registerApp({ clientId: APP, clientSecret: ROTATED });
    const client = env.tokenClient();
    env.sim.resetCounts();
    await client.getToken(TENANT, secretCredential);
    await client.getToken(TENANT, { ...secretCredential, clientSecret: ROTATED });
    assert.equal(env.sim.tokenRequests, 2);
  });

  it('single-flight: 20 concurrent callers share one token request', async () => {
    const client = env.tokenClient();
    env.sim.resetCounts();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => client.getToken(TENANT, secretCredential)));
    assert.equal(env.sim.tokenRequests, 1);
    assert.equal(new Set(tokens.map((t) => t.accessToken)).size, 1);
  });

  it('single-flight is per key: two tenants, two requests', async () => {
    env.sim.registerApp({ tenantId: '33333333-4444-4555-8666-777777777777', clientId: APP, roles: [] });
    const client = env.tokenClient();
    env.sim.resetCounts();
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.getToken(i % 2 ? TENANT : '33333333-4444-4555-8666-777777777777', secretCredential)));
    assert.equal(env.sim.tokenRequests, 2);
  });

  it('does not cache failures', async () => {
    const client = env.tokenClient();
    env.sim.resetCounts();
    env.sim.setFailure({ endpoint: 'token', failure: { kind: 'aadsts', code: 7000222 }, times: 1 });
    const error = await caught(() => client.getToken(TENANT, secretCredential));
    assert.equal(error.reasonCode, 'authentication_failed');
    const token = await client.getToken(TENANT, secretCredential);
    assert.ok(token.accessToken);
    assert.equal(env.sim.tokenRequests, 2);
  });

  it('forceRefresh skips the cache so newly granted roles show', async () => {
    const client = env.tokenClient();
    const before = await client.getToken(TENANT, secretCredential);
    env.sim.setAppRoles(TENANT, APP, [...ALL_ROLES, 'Directory.Read.All']);
    try {
      assert.deepEqual((await client.getToken(TENANT, secretCredential)).roles, before.roles);
      assert.ok((await client.getToken(TENANT, secretCredential, { forceRefresh: true })).roles.includes('Directory.Read.All'));
    } finally {
      env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    }
  });

  it('an aborted caller stops waiting without failing the others sharing the request', async () => {
    const client = env.tokenClient();
    const controller = new AbortController();
    env.sim.resetCounts();
    const a = client.getToken(TENANT, secretCredential, { signal: controller.signal });
    const b = client.getToken(TENANT, secretCredential);
    controller.abort(new Error('cancelled by caller'));
    await assert.rejects(a, /cancelled by caller/);
    assert.ok((await b).accessToken);
    assert.equal(env.sim.tokenRequests, 1);
  });

  it('retries 429 with Retry-After on the token endpoint, then succeeds', async () => {
    const waits: number[] = [];
    const client = env.tokenClient({ retry: { maxRetryWaitMs: 60_000, sleep: async (ms) => void waits.push(ms) } });
    env.sim.setFailure({ endpoint: 'token', failure: { kind: 'status', status: 429, retryAfterSeconds: 2 }, times: 1 });
    assert.ok((await client.getToken(TENANT, secretCredential)).accessToken);
    assert.deepEqual(waits, [2000]);
  });

  it('a token endpoint that keeps answering 503 ends in dependency_unreachable', async () => {
    env.sim.resetCounts();
    const remove = env.sim.setFailure({ endpoint: 'token', failure: { kind: 'status', status: 503 } });
    try {
      const error = await caught(() => env.tokenClient().getToken(TENANT, secretCredential));
      assert.equal(error.reasonCode, 'dependency_unreachable');
      assert.equal(env.sim.tokenRequests, 3); // bounded: the default three attempts
    } finally {
      remove();
    }
  });

  it('a hanging token endpoint ends in dependency_unreachable at the timeout', async () => {
    const remove = env.sim.setFailure({ endpoint: 'token', failure: { kind: 'hang' } });
    try {
      const error = await caught(() => env.tokenClient({ timeoutMs: 150 }).getToken(TENANT, secretCredential));
      assert.equal(error.reasonCode, 'dependency_unreachable');
      assert.match(error.message, /did not answer within 150 ms/);
    } finally {
      remove();
    }
  });

  it('an authority nobody listens on is dependency_unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const client = createTokenClient({ endpoints: { authorityHost: `http://127.0.0.1:${port}` }, timeoutMs: 2_000 });
    const error = await caught(() => client.getToken(TENANT, secretCredential));
    assert.equal(error.reasonCode, 'dependency_unreachable');
  });

  it('refuses a tenant id that could change the request path', async () => {
    for (const bad of ['../common', 'a/b', '', 'tenant id']) {
      const error = await caught(() => env.tokenClient().getToken(bad, secretCredential));
      assert.equal(error.reasonCode, 'missing_configuration', bad);
    }
  });
});
