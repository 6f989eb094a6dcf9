// Token brute force: failed authentications per client address are limited (429
// auth.too_many_failures, Retry-After) and audited once per address and window on the vendor
// chain, with no token material in the row; other addresses are unaffected, and the limit applies
// to every scheme that authenticates (API tokens, JWTs, SCIM tokens).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createAuthFailureLimiter } from '../../src/http/auth-failures.ts';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { newToken, startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';

const LIMIT = 5;
let t: TestRuntime;
let ownerToken: string;
let workspaceId: string;
let scimBase: string;
let scimToken: string;

function call(address: string, url: string, authorization?: string, method: 'GET' | 'POST' = 'GET') {
  return t.rt.app!.inject({ method, url, remoteAddress: address, headers: authorization === undefined ? {} : { authorization } });
}

before(async () => {
  t = await startTestRuntime({ work: false, env: { SWITCHBOARD_AUTH_FAILURE_LIMIT: String(LIMIT), SWITCHBOARD_AUTH_FAILURE_WINDOW_SECONDS: '300' } });
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  const ws = await setupWorkspace(vendor, 'Brute');
  ownerToken = ws.ownerToken;
  workspaceId = ws.workspaceId;
  const cfg = await vendor.as(ownerToken).post('/directory/resources/v1/configurations/scim2', { source: 'okta' }, { 'frontegg-tenant-id': String(ws.tenantId) });
  assert.equal(cfg.status, 201, cfg.text);
  scimBase = `/directory/resources/scim/v2.0/${cfg.body.id}`;
  scimToken = cfg.body.token;
});
after(() => t.close());

async function auditRows() {
  return t.rt.db.query(`SELECT * FROM audit_events WHERE chain = '' AND action = 'auth.too_many_failures' ORDER BY seq`);
}

describe('token brute force', () => {
  test('after the limit of wrong tokens an address gets 429 even with a valid token; one audit row, no token in it', async () => {
    const address = '203.0.113.7';
    const guesses = Array.from({ length: LIMIT }, () => newToken());
    for (const g of guesses) {
      const r = await call(address, `/api/v1/workspaces/${workspaceId}/members`, `Bearer ${g}`);
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error, 'auth.invalid_token');
    }
    const refused = await call(address, `/api/v1/workspaces/${workspaceId}/members`, `Bearer ${ownerToken}`);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error, 'auth.too_many_failures');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 300, `retry-after ${retryAfter}`);
    // more guesses in the same window: still refused, and still exactly one audit row
    for (let i = 0; i < 10; i++) assert.equal((await call(address, '/sfp/api/integrations', `Bearer ${newToken()}`)).statusCode, 429);
    await waitFor(async () => (await auditRows()).length === 1);
    const rows = await auditRows();
    assert.equal(rows.length, 1);
    const row = rows[0];
    assert.equal(row.workspace_id, null);
    assert.equal(row.outcome, 'denied');
    assert.equal(row.actor_type, 'address');
    assert.equal(row.actor_id, address);
    assert.equal(row.metadata.failures, LIMIT);
    assert.equal(row.metadata.window_seconds, 300);
    const text = JSON.stringify(row);
    for (const secret of [...guesses, ownerToken]) {
      assert.ok(!text.includes(secret), 'no token in the audit row');
      assert.ok(!text.includes(secret.slice(4, 20)), 'no token fragment in the audit row');
    }
    for (const line of t.logs) for (const secret of [...guesses, ownerToken]) assert.ok(!line.includes(secret), 'no token in the log');
  });

  test('other addresses are unaffected, and requests without credentials are not counted', async () => {
    const ok = await call('203.0.113.8', `/api/v1/workspaces/${workspaceId}/members`, `Bearer ${ownerToken}`);
    assert.equal(ok.statusCode, 200);
    const address = '203.0.113.9';
    for (let i = 0; i < LIMIT * 3; i++) assert.equal((await call(address, '/sfp/api/integrations')).statusCode, 401);
    assert.equal((await call(address, '/sfp/api/integrations', `Bearer ${ownerToken}`)).statusCode, 200);
    // public routes are never refused
    for (let i = 0; i < LIMIT; i++) await call('203.0.113.10', '/sfp/api/integrations', `Bearer ${newToken()}`);
    assert.equal((await call('203.0.113.10', '/healthz')).statusCode, 200);
    assert.equal((await call('203.0.113.10', '/sfp/api/integrations', `Bearer ${ownerToken}`)).statusCode, 429);
  });

  test('JWT-shaped and malformed bearer values count as failures too', async () => {
    const address = '198.51.100.20';
    const junk = ['Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${randomBytes(40).toString('hex')}`];
    for (const v of junk) assert.equal((await call(address, '/sfp/api/integrations', v)).statusCode, 401);
    assert.equal((await call(address, '/sfp/api/integrations', `Bearer ${ownerToken}`)).statusCode, 429);
  });

  test('SCIM token guesses are limited the same way, answered in the SCIM error shape', async () => {
    const address = '198.51.100.30';
    for (let i = 0; i < LIMIT; i++) {
      const r = await call(address, `${scimBase}/Users`, `Bearer ${newToken()}`);
      assert.equal(r.statusCode, 401);
    }
    const refused = await call(address, `${scimBase}/Users`, `Bearer ${scimToken}`);
    assert.equal(refused.statusCode, 429);
    assert.deepEqual(refused.json().schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
    assert.equal(refused.json().status, '429');
    assert.ok(!refused.body.includes(scimToken));
    assert.equal((await call('198.51.100.31', `${scimBase}/Users`, `Bearer ${scimToken}`)).statusCode, 200);
  });

  test('every refused address has exactly one audit row and the vendor chain verifies', async () => {
    await waitFor(async () => (await auditRows()).length === 4);
    const rows = await auditRows();
    assert.deepEqual(rows.map((r) => r.actor_id).sort(), ['198.51.100.20', '198.51.100.30', '203.0.113.10', '203.0.113.7']);
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const verify = await vendor.get(`/api/v1/workspaces/${workspaceId}/audit-events/verify`);
    assert.equal(verify.status, 200);
    assert.equal(verify.body.ok, true);
    const { verifyAuditChains } = await import('../../src/core/audit/audit-verify.ts');
    const all = await verifyAuditChains(t.rt.db);
    assert.equal(all.ok, true, JSON.stringify(all.problems));
  });
});

describe('the limiter itself', () => {
  test('the window ends: the address may try again, and is audited again if it reaches the limit again', () => {
    let now = 1_000_000;
    const blocked: string[] = [];
    const l = createAuthFailureLimiter({ limit: 3, windowMs: 60_000, now: () => now, onBlocked: async (a) => void blocked.push(a) });
    for (let i = 0; i < 3; i++) l.fail('a');
    assert.equal(l.retryAfterMs('a'), 60_000);
    now += 59_000;
    assert.equal(l.retryAfterMs('a'), 1_000);
    l.fail('a');
    now += 1_000;
    assert.equal(l.retryAfterMs('a'), 0);
    for (let i = 0; i < 3; i++) l.fail('a');
    assert.ok(l.retryAfterMs('a') > 0);
    assert.deepEqual(blocked, ['a', 'a']);
  });

  test('memory stays bounded under a spray of addresses; a limit of 0 turns it off', () => {
    const l = createAuthFailureLimiter({ limit: 2, windowMs: 60_000, maxAddresses: 100 });
    for (let i = 0; i < 10_000; i++) l.fail(`10.0.${i >> 8}.${i & 255}`);
    l.fail('last');
    l.fail('last');
    assert.ok(l.retryAfterMs('last') > 0);
    assert.equal(l.retryAfterMs('10.0.0.0'), 0, 'the oldest addresses were forgotten');
    const off = createAuthFailureLimiter({ limit: 0, windowMs: 60_000 });
    for (let i = 0; i < 100; i++) off.fail('x');
    assert.equal(off.retryAfterMs('x'), 0);
    assert.equal(off.enabled, false);
  });
});

