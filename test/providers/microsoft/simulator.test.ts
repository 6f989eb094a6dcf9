import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { createSelfSignedCertificate } from '../../../src/simulators/entra-graph/index.ts';
import { APP, SECRET, TENANT, withSimulator } from './helpers.ts';

// The simulator is shared with other suites; these pin the behaviour they rely on.
describe('entra-graph simulator', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  const CERT_APP = 'cccccccc-dddd-4eee-8fff-000000000002';
  const cert = createSelfSignedCertificate();
  const other = createSelfSignedCertificate();
  before(async () => {
    env = await withSimulator();
    env.sim.registerApp({ tenantId: TENANT, clientId: CERT_APP, certificatePem: cert.certificatePem, roles: ['Organization.Read.All'] });
  });
  after(() => env.sim.close());

  const tokenUrl = () => `${env.sim.authorityHost}/${TENANT}/oauth2/v2.0/token`;
  async function postToken(fields: Record<string, string>) {
    const res = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }
  async function assertion(opts: { key?: string; x5t?: string; aud?: string; iss?: string; exp?: number; nbf?: number } = {}) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', 'x5t#S256': opts.x5t ?? cert.thumbprintSha256 })
      .setAudience(opts.aud ?? tokenUrl())
      .setIssuer(opts.iss ?? CERT_APP)
      .setSubject(CERT_APP)
      .setJti(randomUUID())
      .setNotBefore(opts.nbf ?? now)
      .setExpirationTime(opts.exp ?? now + 300)
      .sign(createPrivateKey(opts.key ?? cert.privateKeyPem));
  }
  const assertionFields = async (a: string) => ({
    grant_type: 'client_credentials',
    client_id: CERT_APP,
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: a,
  });

  it('verifies the assertion signature against the registered certificate', async () => {
    assert.equal((await postToken(await assertionFields(await assertion()))).status, 200);
    const forged = await postToken(await assertionFields(await assertion({ key: other.privateKeyPem })));
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error, 'invalid_client');
    assert.deepEqual(forged.body.error_codes, [700027]);
    assert.match(forged.body.error_description, /^AADSTS700027: /);
  });

  it('checks the assertion claims: audience, issuer, time window', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    assert.deepEqual((await postToken(await assertionFields(await assertion({ aud: 'https://elsewhere/token' })))).body.error_codes, [700027]);
    assert.deepEqual((await postToken(await assertionFields(await assertion({ iss: 'someone-else' })))).body.error_codes, [700021]);
    assert.deepEqual((await postToken(await assertionFields(await assertion({ nbf: past - 600, exp: past })))).body.error_codes, [700024]);
  });

  it('issues a JWT whose roles claim lists the granted app roles (absent when none)', async () => {
    const ok = await postToken({ grant_type: 'client_credentials', client_id: APP, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.token_type, 'Bearer');
    const claims = JSON.parse(Buffer.from(ok.body.access_token.split('.')[1], 'base64url').toString());
    assert.ok(claims.roles.includes('User.Read.All'));
    assert.equal(claims.tid, TENANT);
    env.sim.setAppRoles(TENANT, APP, []);
    const none = await postToken({ grant_type: 'client_credentials', client_id: APP, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });
    assert.equal(JSON.parse(Buffer.from(none.body.access_token.split('.')[1], 'base64url').toString()).roles, undefined);
    env.sim.registerApp({
      tenantId: TENANT,
      clientId: APP,
      roles: ['Organization.Read.All', 'User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All'],
    });
  });

  it('Graph: 401 without a valid token, 400 for $count without ConsistencyLevel', async () => {
    const anon = await fetch(`${env.sim.graphBaseUrl}/users`);
    assert.equal(anon.status, 401);
    assert.equal(((await anon.json()) as any).error.code, 'InvalidAuthenticationToken');
    const token = (await env.tokenClient().getToken(TENANT, { kind: 'client_secret', clientId: APP, clientSecret: SECRET })).accessToken;
    const res = await fetch(`${env.sim.graphBaseUrl}/users?$count=true`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 400);
    const counted = await fetch(`${env.sim.graphBaseUrl}/users?$count=true&$top=2&$select=id`, {
      headers: { authorization: `Bearer ${token}`, ConsistencyLevel: 'eventual' },
    });
    const body = (await counted.json()) as any;
    assert.equal(body['@odata.count'], 10);
    assert.deepEqual(Object.keys(body.value[0]), ['id']);
    assert.match(body['@odata.nextLink'], /\$skiptoken=/);
  });

  it('failure rules can target one app, and are spent after `times`', async () => {
    env.sim.resetCounts();
    env.sim.setFailure({ endpoint: 'token', clientId: 'someone-else', failure: { kind: 'aadsts', code: 7000215 } });
    env.sim.setFailure({ endpoint: 'token', clientId: APP, failure: { kind: 'aadsts', code: 90094 }, times: 1 });
    const fields = { grant_type: 'client_credentials', client_id: APP, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' };
    assert.deepEqual((await postToken(fields)).body.error_codes, [90094]);
    assert.equal((await postToken(fields)).status, 200);
    assert.equal(env.sim.count('token', { tenantId: TENANT, clientId: APP }), 2);
    env.sim.clearFailures();
  });
});
