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
let signingKey: import("jose").CryptoKey;
let otherKey: import("jose").CryptoKey;
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

async function jwt(claims: Record<string, unknown>, opts: { key?: import("jose").CryptoKey; aud?: string; iss?: string; exp?: string | number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? 'switchboard')
    .setSubject('user-123')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign(opts.key ?? signingKey);
}

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
