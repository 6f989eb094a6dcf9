// The consent link (the OpenID Connect authorization-code request) and the prover that redeems
// Microsoft's answer, against the loopback identity platform: the link's exact shape, and what the
// prover accepts and refuses — a code redeemed once at the connection's tenant with the PKCE
// verifier and the app's secret or certificate, an ID token verified against the published keys.
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConsentProver } from '../../../src/providers/microsoft/consent-proof.ts';
import { buildConsentAuthorizeUrl } from '../../../src/providers/microsoft/consent-url.ts';
import { MicrosoftProviderError } from '../../../src/providers/microsoft/errors.ts';
import { createSelfSignedCertificate } from '../../../src/simulators/entra-graph/index.ts';
import { APP, OTHER_TENANT, SECRET, secretCredential, TENANT, withSimulator } from './helpers.ts';

const REDIRECT = 'https://sb.example/consent/callback';
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe('consent link', () => {
  it('is exactly the authorization-code request with admin consent, PKCE S256 and a nonce, for the tenant', () => {
    const url = buildConsentAuthorizeUrl({
      authorityHost: 'https://login.microsoftonline.com/',
      entraTenantId: TENANT,
      clientId: APP,
      redirectUri: 'https://switchboard.example.com/admin/consent/callback',
      state: 'st.ate-123_x',
      nonce: 'n0nce',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    });
    assert.equal(
      url,
      `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize` +
        `?client_id=${APP}` +
        '&response_type=code' +
        '&redirect_uri=https%3A%2F%2Fswitchboard.example.com%2Fadmin%2Fconsent%2Fcallback' +
        '&response_mode=query' +
        '&scope=openid+profile+https%3A%2F%2Fgraph.microsoft.com%2F.default' +
        '&state=st.ate-123_x' +
        '&nonce=n0nce' +
        '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' +
        '&code_challenge_method=S256' +
        '&prompt=admin_consent',
    );
  });

  it('encodes the state so it cannot add parameters', () => {
    const url = new URL(
      buildConsentAuthorizeUrl({
        authorityHost: 'https://login.microsoftonline.com',
        entraTenantId: 'contoso.onmicrosoft.com',
        clientId: APP,
        redirectUri: 'https://a.example/cb',
        state: 'x&prompt=none',
        nonce: 'n',
        codeChallenge: pkce().challenge,
      }),
    );
    assert.equal(url.pathname, '/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
    assert.equal(url.searchParams.get('state'), 'x&prompt=none');
    assert.deepEqual(url.searchParams.getAll('prompt'), ['admin_consent']);
  });

  it('rejects unusable input with missing_configuration', () => {
    const good = {
      authorityHost: 'https://login.microsoftonline.com',
      entraTenantId: TENANT,
      clientId: APP,
      redirectUri: 'https://a.example/cb',
      state: 's',
      nonce: 'n',
      codeChallenge: pkce().challenge,
    };
    for (const bad of [
      { entraTenantId: '../common' },
      { redirectUri: '/relative' },
      { state: '' },
      { clientId: '' },
      { authorityHost: 'javascript:alert(1)' },
      { nonce: '' },
      { codeChallenge: 'plain' },
    ]) {
      assert.throws(
        () => buildConsentAuthorizeUrl({ ...good, ...bad }),
        (e: unknown) => e instanceof MicrosoftProviderError && e.reasonCode === 'missing_configuration',
      );
    }
  });
});

describe('consent prover against the simulator', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  const NEW_TENANT = '22222222-3333-4444-8555-666666666666';
  const cert = createSelfSignedCertificate();
  before(async () => {
    env = await withSimulator();
    env.sim.registerTenant({ tenantId: NEW_TENANT, displayName: 'Fabrikam' });
    env.sim.registerTenant({ tenantId: OTHER_TENANT, displayName: 'Other' });
    env.sim.registerApp({ clientId: APP, certificatePem: cert.certificatePem, consentRoles: ['Organization.Read.All'], redirectUris: [REDIRECT] });
  });
  after(() => env.sim.close());

  /** The administrator's round trip: the link, Microsoft's sign-in and consent, the redirect back. */
  async function consent(tenant: string, opts: { redirectUri?: string } = {}) {
    const p = pkce();
    const nonce = randomBytes(16).toString('base64url');
    const url = buildConsentAuthorizeUrl({
      authorityHost: env.sim.authorityHost,
      entraTenantId: tenant,
      clientId: APP,
      redirectUri: opts.redirectUri ?? REDIRECT,
      state: 'opaque-state',
      nonce,
      codeChallenge: p.challenge,
    });
    const res = await fetch(url, { redirect: 'manual' });
    await res.text();
    return { res, back: res.headers.get('location') ? new URL(res.headers.get('location')!) : null, verifier: p.verifier, nonce };
  }
  const prover = () => createConsentProver({ authorityHost: env.sim.authorityHost, timeoutMs: 2_000 });

  it("redirects back with a code and the state, grants the app's roles, and the code proves the tenant and the administrator", async () => {
    const { back, verifier, nonce } = await consent(NEW_TENANT);
    assert.equal(back!.origin + back!.pathname, REDIRECT);
    assert.equal(back!.searchParams.get('state'), 'opaque-state');
    assert.equal(back!.searchParams.get('admin_consent'), null);
    assert.deepEqual(env.sim.grantedRoles(NEW_TENANT, APP), ['Organization.Read.All']);
    const proof = await prover().prove({
      entraTenantId: NEW_TENANT,
      credential: secretCredential,
      code: back!.searchParams.get('code')!,
      redirectUri: REDIRECT,
      codeVerifier: verifier,
      nonce,
    });
    assert.equal(proof.ok, true, JSON.stringify(proof));
    assert.ok(proof.ok && proof.claims.tid === NEW_TENANT && proof.claims.wids.includes('62e90394-69f5-4237-9190-012177145e10'));
  });

  it('redeems with a certificate assertion too', async () => {
    const { back, verifier, nonce } = await consent(NEW_TENANT);
    const credential = { kind: 'certificate' as const, clientId: APP, privateKeyPem: cert.privateKeyPem, certificatePem: cert.certificatePem };
    const proof = await prover().prove({
      entraTenantId: NEW_TENANT,
      credential,
      code: back!.searchParams.get('code')!,
      redirectUri: REDIRECT,
      codeVerifier: verifier,
      nonce,
    });
    assert.equal(proof.ok, true, JSON.stringify(proof));
  });

  it('refuses a code redeemed twice, at another tenant, with another verifier, nonce or secret — and never repeats Microsoft’s text', async () => {
    const p = prover();
    const attempt = async (change: Partial<Parameters<ReturnType<typeof prover>['prove']>[0]>) => {
      const { back, verifier, nonce } = await consent(NEW_TENANT);
      return p.prove({
        entraTenantId: NEW_TENANT,
        credential: secretCredential,
        code: back!.searchParams.get('code')!,
        redirectUri: REDIRECT,
        codeVerifier: verifier,
        nonce,
        ...change,
      });
    };
    const refusals = [
      await attempt({ entraTenantId: OTHER_TENANT }),
      await attempt({ codeVerifier: pkce().verifier }),
      await attempt({ credential: { ...secretCredential, clientSecret: 'wrong' } }),
      await attempt({ nonce: 'another' }),
    ];
    assert.deepEqual(
      refusals.map((r) => !r.ok && [r.problem, r.aadsts ?? null]),
      [
        ['code_refused', '700005'],
        ['code_refused', '50148'],
        ['code_refused', '7000215'],
        ['nonce', null],
      ],
    );
    const { back, verifier, nonce } = await consent(NEW_TENANT);
    const input = {
      entraTenantId: NEW_TENANT,
      credential: secretCredential,
      code: back!.searchParams.get('code')!,
      redirectUri: REDIRECT,
      codeVerifier: verifier,
      nonce,
    };
    assert.equal((await p.prove(input)).ok, true);
    const twice = await p.prove(input);
    assert.ok(!twice.ok && twice.aadsts === '54005');
    for (const r of [...refusals, twice]) {
      assert.ok(!r.ok && !r.message.includes('Trace ID') && !r.message.includes(SECRET) && !r.message.includes(APP), r.ok ? '' : r.message);
    }
  });

  it('an unreachable identity platform is a proof problem, not a crash', async () => {
    const down = createConsentProver({ authorityHost: 'http://127.0.0.1:9', timeoutMs: 500 });
    const proof = await down.prove({
      entraTenantId: NEW_TENANT,
      credential: secretCredential,
      code: 'c',
      redirectUri: REDIRECT,
      codeVerifier: pkce().verifier,
      nonce: 'n',
    });
    assert.ok(!proof.ok && proof.problem === 'unreachable', JSON.stringify(proof));
  });

  it('a refusal redirects back with error and error_description', async () => {
    env.sim.setFailure({ endpoint: 'consent', failure: { kind: 'consent_refused' }, times: 1 });
    const { back } = await consent(NEW_TENANT);
    assert.equal(back!.searchParams.get('error'), 'access_denied');
    assert.match(back!.searchParams.get('error_description')!, /^AADSTS65004: /);
    assert.equal(back!.searchParams.get('state'), 'opaque-state');
    assert.equal(back!.searchParams.get('code'), null);
  });

  it('an unregistered redirect URI is refused on the page, never redirected to', async () => {
    const { res } = await consent(NEW_TENANT, { redirectUri: 'https://evil.example/cb' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
  });
});
