import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildAdminConsentUrl } from '../../../src/providers/microsoft/consent-url.ts';
import { MicrosoftProviderError } from '../../../src/providers/microsoft/errors.ts';
import { APP, SECRET, TENANT, withSimulator } from './helpers.ts';

describe('admin-consent URL', () => {
  it('is exactly Microsoft v2 admin consent for the tenant', () => {
    const url = buildAdminConsentUrl({
      authorityHost: 'https://login.microsoftonline.com/',
      entraTenantId: TENANT,
      clientId: APP,
      redirectUri: 'https://switchboard.example.com/admin/consent/callback',
      state: 'st.ate-123_x',
    });
    assert.equal(
      url,
      `https://login.microsoftonline.com/${TENANT}/v2.0/adminconsent` +
        `?client_id=${APP}` +
        '&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default' +
        '&redirect_uri=https%3A%2F%2Fswitchboard.example.com%2Fadmin%2Fconsent%2Fcallback' +
        '&state=st.ate-123_x',
    );
  });

  it('encodes the state so it cannot add parameters', () => {
    const url = new URL(
      buildAdminConsentUrl({ authorityHost: 'https://login.microsoftonline.com', entraTenantId: 'contoso.onmicrosoft.com', clientId: APP, redirectUri: 'https://a.example/cb', state: 'x&admin_consent=True' }),
    );
    assert.equal(url.pathname, '/contoso.onmicrosoft.com/v2.0/adminconsent');
    assert.equal(url.searchParams.get('state'), 'x&admin_consent=True');
    assert.equal(url.searchParams.get('admin_consent'), null);
  });

  it('rejects unusable input with missing_configuration', () => {
    const good = { authorityHost: 'https://login.microsoftonline.com', entraTenantId: TENANT, clientId: APP, redirectUri: 'https://a.example/cb', state: 's' };
    for (const bad of [{ entraTenantId: '../common' }, { redirectUri: '/relative' }, { state: '' }, { clientId: '' }, { authorityHost: 'javascript:alert(1)' }]) {
      assert.throws(() => buildAdminConsentUrl({ ...good, ...bad }), (e: unknown) => e instanceof MicrosoftProviderError && e.reasonCode === 'missing_configuration');
    }
  });
});

describe('admin consent against the simulator', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  const NEW_TENANT = '22222222-3333-4444-8555-666666666666';
  before(async () => {
    env = await withSimulator();
    env.sim.registerTenant({ tenantId: NEW_TENANT, displayName: 'Fabrikam' });
    env.sim.registerApp({ clientId: APP, consentRoles: ['Organization.Read.All'], redirectUris: ['https://sb.example/consent/callback'] });
  });
  after(() => env.sim.close());

  const linkFor = (tenant: string, redirectUri = 'https://sb.example/consent/callback') =>
    buildAdminConsentUrl({ authorityHost: env.sim.authorityHost, entraTenantId: tenant, clientId: APP, redirectUri, state: 'opaque-state' });

  it('redirects back with admin_consent=True, the tenant and the state, and grants the roles', async () => {
    const res = await fetch(linkFor(NEW_TENANT), { redirect: 'manual' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location')!);
    assert.equal(back.origin + back.pathname, 'https://sb.example/consent/callback');
    assert.equal(back.searchParams.get('admin_consent'), 'True');
    assert.equal(back.searchParams.get('tenant'), NEW_TENANT);
    assert.equal(back.searchParams.get('state'), 'opaque-state');
    assert.deepEqual(env.sim.grantedRoles(NEW_TENANT, APP), ['Organization.Read.All']);
    const token = await env.tokenClient().getToken(NEW_TENANT, { kind: 'client_secret', clientId: APP, clientSecret: SECRET });
    assert.deepEqual(token.roles, ['Organization.Read.All']);
  });

  it('a refusal redirects back with error and error_description', async () => {
    env.sim.setFailure({ endpoint: 'consent', failure: { kind: 'consent_refused' }, times: 1 });
    const res = await fetch(linkFor(NEW_TENANT), { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.match(back.searchParams.get('error_description')!, /^AADSTS65004: /);
    assert.equal(back.searchParams.get('state'), 'opaque-state');
    assert.equal(back.searchParams.get('admin_consent'), null);
  });

  it('an unregistered redirect URI is refused on the page, never redirected to', async () => {
    const res = await fetch(linkFor(NEW_TENANT, 'https://evil.example/cb'), { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(await res.text(), /AADSTS50011/);
  });
});
