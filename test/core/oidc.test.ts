// JWTs from a configured OIDC issuer, tested against a local issuer on loopback (discovery + JWKS).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

let t: TestRuntime;
let issuer: string;
let server: Server;
let signingKey: import('jose').CryptoKey;
let otherKey: import('jose').CryptoKey;
let jwksRequests = 0;

before(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (req.url === '/jwks') {
      jwksRequests++;
      return res.end(JSON.stringify({ keys: [jwk] }));
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  t = await startTestRuntime({ work: false, env: { SWITCHBOARD_OIDC_ISSUER: issuer, SWITCHBOARD_OIDC_AUDIENCE: 'switchboard' } });
});
after(async () => {
  await t.close();
  server.close();
});

async function jwt(
  claims: Record<string, unknown>,
  opts: { key?: import('jose').CryptoKey; aud?: string; iss?: string; exp?: string | number | null; iat?: number | null } = {},
) {
  const j = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? 'switchboard')
    .setSubject('user-123');
  if (opts.iat !== null) j.setIssuedAt(opts.iat);
  if (opts.exp !== null) j.setExpirationTime(opts.exp ?? '5m');
  return j.sign(opts.key ?? signingKey);
}
const now = () => Math.floor(Date.now() / 1000);

describe('OIDC bearer tokens', () => {
  test('claims map to workspace and role; the role decides capabilities', async () => {
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const a = await setupWorkspace(vendor, 'OidcA');
    const b = await setupWorkspace(vendor, 'OidcB');
    const owner = apiClient(t.rt.app!, await jwt({ switchboard_workspace: a.workspaceId, switchboard_role: 'owner', email: 'o@a.test' }));
    const created = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'Via OIDC' });
    assert.equal(created.status, 201);
    const audit = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?action=tenant.created&actor=oidc:user-123`);
    assert.equal(audit.body.items.length, 1, 'the OIDC subject is the audited actor');
    const viewer = apiClient(t.rt.app!, await jwt({ switchboard_workspace: a.workspaceId, switchboard_role: 'viewer' }));
    assert.equal((await viewer.get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 200);
    assert.equal((await viewer.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'x' })).status, 403);
    assert.equal((await owner.get(`/api/v1/workspaces/${b.workspaceId}/tenants`)).status, 404, 'another workspace is invisible');
    assert.ok(jwksRequests >= 1);
  });

  test('wrong key, audience, issuer, expiry, or unknown claims are 401', async () => {
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const a = await setupWorkspace(vendor, 'OidcBad');
    const good = { switchboard_workspace: a.workspaceId, switchboard_role: 'owner' };
    const cases = [
      await jwt(good, { key: otherKey }),
      await jwt(good, { aud: 'someone-else' }),
      await jwt(good, { iss: 'http://evil.test' }),
      await jwt(good, { exp: Math.floor(Date.now() / 1000) - 3600 }),
      await jwt({ switchboard_workspace: a.workspaceId, switchboard_role: 'emperor' }),
      await jwt({ switchboard_workspace: '00000000-0000-4000-8000-000000000000', switchboard_role: 'owner' }),
      await jwt({ switchboard_role: 'owner' }),
    ];
    for (const token of cases) {
      const res = await apiClient(t.rt.app!, token).get(`/api/v1/workspaces/${a.workspaceId}/tenants`);
      assert.equal(res.status, 401, `token should be refused: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error, 'auth.invalid_token');
    }
  });
});

describe('OIDC sessions are short-lived and bound to their member (issue 12)', () => {
  test('a JWT without exp, expired 20 s ago (beyond the 5 s tolerance), older than the maximum age, or without iat is refused', async () => {
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const a = await setupWorkspace(vendor, 'OidcAge');
    const good = { switchboard_workspace: a.workspaceId, switchboard_role: 'owner' };
    assert.equal((await apiClient(t.rt.app!, await jwt(good)).get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 200, 'a fresh JWT works');
    const cases: Array<[string, string]> = [
      ['no exp', await jwt(good, { exp: null })],
      ['30 s clock skew', await jwt(good, { exp: now() - 20, iat: now() - 300 })],
      ['too old', await jwt(good, { iat: now() - 2 * 86400, exp: now() + 600 })],
      ['no iat', await jwt(good, { iat: null })],
    ];
    for (const [why, token] of cases) {
      const res = await apiClient(t.rt.app!, token).get(`/api/v1/workspaces/${a.workspaceId}/tenants`);
      assert.equal(res.status, 401, `${why}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error, 'auth.invalid_token');
    }
  });

  test('an OIDC session whose email names a disabled member is refused', async () => {
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const a = await setupWorkspace(vendor, 'OidcDisabled');
    const m = await vendor.post(`/api/v1/workspaces/${a.workspaceId}/members`, { email: 'gone@a.test', role: 'admin' });
    const session = apiClient(t.rt.app!, await jwt({ switchboard_workspace: a.workspaceId, switchboard_role: 'admin', email: ' Gone@A.test' }));
    assert.equal((await session.get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 200);
    assert.equal((await vendor.patch(`/api/v1/members/${m.body.id}`, { status: 'disabled' })).status, 200);
    const res = await session.get(`/api/v1/workspaces/${a.workspaceId}/tenants`);
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'auth.invalid_token');
  });

  test('tokens an OIDC session mints are made by its member: none without one, bounded by its role, revoked when it is disabled', async () => {
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const a = await setupWorkspace(vendor, 'OidcMint');
    const url = `/api/v1/workspaces/${a.workspaceId}/tokens`;
    const stranger = apiClient(t.rt.app!, await jwt({ switchboard_workspace: a.workspaceId, switchboard_role: 'owner', email: 'nobody@a.test' }));
    const refused = await stranger.post(url, { name: 'x', capabilities: ['tenants.view'] });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.error, 'token.maker_not_member');
    // The claim says owner; the member record says admin: the minted token is held to admin.
    const m = await vendor.post(`/api/v1/workspaces/${a.workspaceId}/members`, { email: 'dev@a.test', role: 'admin' });
    const dev = apiClient(t.rt.app!, await jwt({ switchboard_workspace: a.workspaceId, switchboard_role: 'owner', email: 'dev@a.test' }));
    const beyond = await dev.post(url, { name: 'x', capabilities: ['integrations.credentials.read'] });
    assert.equal(beyond.status, 403);
    const made = await dev.post(url, { name: 'ci', capabilities: ['tenants.view'] });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.body.expires_at, null, 'bounded by the member, not by the JWT lifetime');
    const [row] = await t.rt.db.query('SELECT parent_token_id, created_by_member_id FROM api_tokens WHERE id = $1', [made.body.id]);
    assert.deepEqual([row.parent_token_id, row.created_by_member_id], [null, m.body.id]);
    assert.equal((await vendor.as(made.body.token).get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 200);
    assert.equal((await vendor.patch(`/api/v1/members/${m.body.id}`, { status: 'disabled' })).status, 200);
    assert.equal((await vendor.as(made.body.token).get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 401);
  });
});
