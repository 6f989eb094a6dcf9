// Token brute force, counted by what was attacked: failed authentications per (client address,
// target) — the SCIM configuration of the path, the API token's display prefix, the JWT's issuer —
// and, far higher, per client address across targets. Past a limit a failure is answered 429
// `auth.too_many_failures` with Retry-After instead of 401, but the credential is still checked:
// a valid one always passes, so a configuration hammered from a shared egress address never
// locks out a bystander configuration, the hammered configuration's own valid token, or the
// vendor. IPv6 clients count per /64, IPv4-mapped IPv6 as IPv4. Each reached limit is audited
// once per key and window on the vendor chain, with no token material in the row.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { newToken, startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';

const LIMIT = 5;
const ADDRESS_LIMIT = 20;
let t: TestRuntime;
let owner: { token: string; workspaceId: string };
let hammered: { base: string; id: string; token: string };
let bystander: { base: string; id: string; token: string };
const secrets: string[] = [];

function call(address: string, url: string, authorization?: string) {
  return t.rt.app!.inject({ method: 'GET', url, remoteAddress: address, headers: authorization === undefined ? {} : { authorization } });
}
const scimGuess = () => `Bearer sbscim_${randomBytes(32).toString('base64url')}`;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (iss: string) => `Bearer ${b64({ alg: 'RS256' })}.${b64({ iss, sub: 'someone' })}.${randomBytes(32).toString('base64url')}`;
const members = () => `/api/v1/workspaces/${owner.workspaceId}/members`;

async function scimConfiguration(name: string) {
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  const ws = await setupWorkspace(vendor, name);
  const cfg = await vendor
    .as(ws.ownerToken)
    .post('/directory/resources/v1/configurations/scim2', { source: 'okta' }, { 'frontegg-tenant-id': String(ws.tenantId) });
  assert.equal(cfg.status, 201, cfg.text);
  secrets.push(ws.ownerToken, cfg.body.token);
  return { ws, configuration: { base: `/directory/resources/scim/v2.0/${cfg.body.id}`, id: cfg.body.id as string, token: cfg.body.token as string } };
}

before(async () => {
  t = await startTestRuntime({
    work: false,
    env: {
      SWITCHBOARD_AUTH_FAILURE_LIMIT: String(LIMIT),
      SWITCHBOARD_AUTH_FAILURE_ADDRESS_LIMIT: String(ADDRESS_LIMIT),
      SWITCHBOARD_AUTH_FAILURE_WINDOW_SECONDS: '300',
    },
  });
  const one = await scimConfiguration('Hammered');
  hammered = one.configuration;
  owner = { token: one.ws.ownerToken, workspaceId: one.ws.workspaceId };
  bystander = (await scimConfiguration('Bystander')).configuration;
  secrets.push(t.vendorToken);
});
after(() => t.close());

async function auditRows() {
  return t.rt.db.query(`SELECT * FROM audit_events WHERE chain = '' AND action = 'auth.too_many_failures' ORDER BY seq`);
}

function assertRetryAfter(r: { headers: Record<string, unknown> }) {
  const retryAfter = Number(r.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 300, `retry-after ${r.headers['retry-after']}`);
}

describe('failed authentications are counted against what they attacked', () => {
  test('a hammered SCIM configuration: 401s up to the limit, then 429 + Retry-After; its own valid token, a bystander configuration and the vendor behind the same address keep working', async () => {
    const address = '203.0.113.7';
    for (let i = 0; i < LIMIT; i++) {
      const r = await call(address, `${hammered.base}/Users`, scimGuess());
      assert.equal(r.statusCode, 401);
    }
    const refused = await call(address, `${hammered.base}/Users`, scimGuess());
    assert.equal(refused.statusCode, 429);
    assert.deepEqual(refused.json().schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
    assert.equal(refused.json().status, '429');
    assertRetryAfter(refused);
    // The valid credentials behind the same address, while the noise goes on.
    assert.equal((await call(address, `${hammered.base}/Users`, `Bearer ${hammered.token}`)).statusCode, 200, 'the hammered configuration’s own valid token');
    assert.equal((await call(address, `${bystander.base}/Users`, `Bearer ${bystander.token}`)).statusCode, 200, 'a bystander configuration');
    assert.equal((await call(address, `${bystander.base}/Users`, scimGuess())).statusCode, 401, 'a bystander’s failures are its own: still a 401');
    assert.equal((await call(address, '/api/v1/workspaces', `Bearer ${t.vendorToken}`)).statusCode, 200, 'the vendor token');
    assert.equal((await call(address, members(), `Bearer ${owner.token}`)).statusCode, 200, 'the management API');
    for (let i = 0; i < 3; i++) assert.equal((await call(address, `${hammered.base}/Groups`, scimGuess())).statusCode, 429);
    assert.equal((await call(address, `${hammered.base}/Users`, `Bearer ${hammered.token}`)).statusCode, 200);
    // A revoked or another configuration's token is as wrong as a guess.
    assert.equal((await call(address, `${hammered.base}/Users`, `Bearer ${bystander.token}`)).statusCode, 429);
  });

  test('an API token attacked by its display prefix: guesses sharing it get 429 past the limit, the token itself passes, other prefixes get 401', async () => {
    const address = '203.0.113.20';
    const prefix = owner.token.slice(0, 10);
    const guesses = Array.from({ length: LIMIT + 3 }, () => `${prefix}${randomBytes(32).toString('base64url')}`);
    secrets.push(...guesses);
    for (const g of guesses.slice(0, LIMIT)) {
      const r = await call(address, members(), `Bearer ${g}`);
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error, 'auth.invalid_token');
    }
    for (const g of guesses.slice(LIMIT)) {
      const r = await call(address, members(), `Bearer ${g}`);
      assert.equal(r.statusCode, 429);
      assert.equal(r.json().error, 'auth.too_many_failures');
      assertRetryAfter(r);
    }
    assert.equal((await call(address, members(), `Bearer ${owner.token}`)).statusCode, 200, 'the valid token of the attacked prefix');
    assert.equal((await call(address, members(), `Bearer ${newToken()}`)).statusCode, 401, 'another prefix is another target');
    assert.equal((await call(address, '/api/v1/workspaces', `Bearer ${t.vendorToken}`)).statusCode, 200);
  });

  test('JWTs count against the issuer they claim; malformed credentials against one fixed target', async () => {
    const address = '198.51.100.20';
    for (let i = 0; i < LIMIT; i++) assert.equal((await call(address, '/sfp/api/integrations', jwt('https://idp-a.example'))).statusCode, 401);
    assert.equal((await call(address, '/sfp/api/integrations', jwt('https://idp-a.example'))).statusCode, 429);
    assert.equal((await call(address, '/sfp/api/integrations', jwt('https://idp-b.example'))).statusCode, 401);
    const junk = ['Bearer a.b.c', 'Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${randomBytes(40).toString('hex')}`, 'Bearer x y'];
    for (const v of junk) assert.equal((await call(address, '/sfp/api/integrations', v)).statusCode, 401, v);
    assert.equal((await call(address, '/sfp/api/integrations', 'Bearer junk')).statusCode, 429, 'the sixth malformed credential');
    assert.equal((await call(address, members(), `Bearer ${owner.token}`)).statusCode, 200);
  });

  test('one address spraying many targets reaches its ceiling: every failure is then a 429, valid credentials still pass', async () => {
    const address = '192.0.2.50';
    for (let i = 0; i < ADDRESS_LIMIT; i++) assert.equal((await call(address, members(), `Bearer ${newToken()}`)).statusCode, 401, `failure ${i + 1}`);
    const refused = await call(address, members(), `Bearer ${newToken()}`);
    assert.equal(refused.statusCode, 429);
    assertRetryAfter(refused);
    assert.equal((await call(address, `${bystander.base}/Users`, scimGuess())).statusCode, 429, 'past the ceiling, on every surface');
    assert.equal((await call(address, members(), `Bearer ${owner.token}`)).statusCode, 200);
    assert.equal((await call(address, `${bystander.base}/Users`, `Bearer ${bystander.token}`)).statusCode, 200);
    assert.equal((await call('192.0.2.51', members(), `Bearer ${newToken()}`)).statusCode, 401, 'the neighbouring address has its own ceiling');
  });

  test('IPv6 clients count per /64; an IPv4-mapped address counts as the IPv4 address', async () => {
    for (let i = 1; i <= LIMIT; i++) assert.equal((await call(`2001:db8:7:7::${i}`, `${bystander.base}/Users`, scimGuess())).statusCode, 401);
    assert.equal((await call('2001:db8:7:7:ffff::1', `${bystander.base}/Users`, scimGuess())).statusCode, 429, 'another address of the same /64');
    assert.equal((await call('2001:db8:7:8::1', `${bystander.base}/Users`, scimGuess())).statusCode, 401, 'the next /64');
    assert.equal((await call('2001:db8:7:7::abc', `${bystander.base}/Users`, `Bearer ${bystander.token}`)).statusCode, 200);
    for (let i = 0; i < LIMIT; i++) assert.equal((await call('::ffff:198.51.100.77', `${bystander.base}/Users`, scimGuess())).statusCode, 401);
    assert.equal((await call('198.51.100.77', `${bystander.base}/Users`, scimGuess())).statusCode, 429);
  });

  test('requests without credentials are not counted, and public routes are never refused', async () => {
    const address = '203.0.113.9';
    for (let i = 0; i < LIMIT * 3; i++) assert.equal((await call(address, '/sfp/api/integrations')).statusCode, 401);
    // Had those counted, these would be past the limit already.
    for (let i = 0; i < LIMIT; i++) assert.equal((await call(address, '/sfp/api/integrations', 'Basic dXNlcjpwYXNz')).statusCode, 401);
    assert.equal((await call(address, '/sfp/api/integrations', 'Basic dXNlcjpwYXNz')).statusCode, 429);
    const sprayer = '203.0.113.10';
    for (let i = 0; i <= ADDRESS_LIMIT; i++) await call(sprayer, '/sfp/api/integrations', `Bearer ${newToken()}`);
    assert.equal((await call(sprayer, '/sfp/api/integrations', `Bearer ${newToken()}`)).statusCode, 429);
    assert.equal((await call(sprayer, '/healthz')).statusCode, 200);
    assert.equal((await call(sprayer, '/openapi.json')).statusCode, 200);
  });

  test('each reached limit has exactly one audit row, naming the address and the public target only; the vendor chain verifies', async () => {
    const expected = [
      ['203.0.113.7', 'scim_configuration', hammered.id, 'per_target'],
      ['203.0.113.20', 'api_token', owner.token.slice(0, 10), 'per_target'],
      ['198.51.100.20', 'jwt_issuer', 'https://idp-a.example', 'per_target'],
      ['198.51.100.20', 'other', 'other', 'per_target'],
      ['192.0.2.50', 'address', '192.0.2.50', 'per_address'],
      ['2001:db8:7:7::/64', 'scim_configuration', bystander.id, 'per_target'],
      ['198.51.100.77', 'scim_configuration', bystander.id, 'per_target'],
      ['203.0.113.9', 'other', 'other', 'per_target'],
      ['203.0.113.10', 'address', '203.0.113.10', 'per_address'],
    ];
    const sort = (rows: string[][]) => rows.map((r) => r.join(' ')).sort();
    await waitFor(async () => (await auditRows()).length >= expected.length);
    const rows = await auditRows();
    assert.deepEqual(sort(rows.map((r) => [r.actor_id, r.target_type, r.target_id, r.metadata.limit])), sort(expected));
    for (const row of rows) {
      assert.equal(row.workspace_id, null);
      assert.equal(row.outcome, 'denied');
      assert.equal(row.actor_type, 'address');
      assert.equal(row.metadata.window_seconds, 300);
      assert.equal(row.metadata.failures, row.metadata.limit === 'per_target' ? LIMIT : ADDRESS_LIMIT);
    }
    const text = JSON.stringify(rows);
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), 'no token in the audit rows');
      assert.ok(!text.includes(secret.slice(10, 30)), 'no token fragment beyond the public prefix');
    }
    for (const line of t.logs) for (const secret of secrets) assert.ok(!line.includes(secret), 'no token in the log');
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const verify = await vendor.get(`/api/v1/workspaces/${owner.workspaceId}/audit-events/verify`);
    assert.equal(verify.status, 200);
    assert.equal(verify.body.ok, true);
    const { verifyAuditChains } = await import('../../src/core/audit/audit-verify.ts');
    const all = await verifyAuditChains(t.rt.db);
    assert.equal(all.ok, true, JSON.stringify(all.problems));
  });
});
