import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { apiClient, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

let t: TestRuntime;
let vendor: Api;
let ws: Awaited<ReturnType<typeof setupWorkspace>>;

before(async () => {
  t = await startTestRuntime({ work: false, env: { SWITCHBOARD_BODY_LIMIT_BYTES: '4096', SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '40' } });
  vendor = apiClient(t.rt.app!, t.vendorToken);
  ws = await setupWorkspace(vendor, 'Shell');
});
after(() => t.close());

const raw = (opts: InjectOptions) => t.rt.app!.inject(opts);

describe('bad input always gets a clear 4xx, never a 500', () => {
  test('malformed JSON', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { authorization: `Bearer ${t.vendorToken}`, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'request.malformed_json');
  });
  test('wrong types are not coerced', async () => {
    const res = await vendor.post('/api/v1/workspaces', { name: 12345 });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'request.validation_failed');
    assert.match(res.body.message, /name/);
    assert.equal(res.body.field, 'name', 'every schema failure names its field');
  });
  test('unknown fields of a closed body are refused, not dropped', async () => {
    const res = await vendor.post('/api/v1/workspaces', { name: 'x', plan: 'gold' });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /additional/i);
    assert.equal(res.body.field, 'plan');
  });
  test('missing required fields', async () => {
    const res = await vendor.post(`/api/v1/workspaces/${ws.workspaceId}/members`, { email: 'a@b.test' });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /role/);
    assert.equal(res.body.field, 'role');
  });
  test('oversized bodies get 413', async () => {
    const res = await vendor.post('/api/v1/workspaces', { name: 'x'.repeat(10_000) });
    assert.equal(res.status, 413);
    assert.equal(res.body.error, 'request.too_large');
  });
  test('invalid ids in paths get 400, unknown well-formed ids 404', async () => {
    assert.equal((await vendor.get('/api/v1/workspaces/not-a-uuid/tenants')).status, 400);
    assert.equal((await vendor.get('/api/v1/operation-runs/-4')).status, 400);
    assert.equal((await vendor.get('/api/v1/operation-runs/99999999999999999999999')).status, 400);
    assert.equal((await vendor.delete('/api/v1/tokens/00000000-0000-4000-8000-000000000001')).status, 404);
  });
  test('wrong content type gets 415', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { authorization: `Bearer ${t.vendorToken}`, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error, 'request.unsupported_media_type');
  });
  test('unknown routes answer the envelope', async () => {
    const res = await vendor.get('/api/v1/nope');
    assert.equal(res.status, 404);
    assert.equal(res.body.error, 'route.not_found');
  });
  test('authentication: missing, malformed, unknown tokens are 401 with stable codes', async () => {
    assert.equal((await apiClient(t.rt.app!).get('/api/v1/workspaces')).body.error, 'auth.unauthenticated');
    assert.equal((await apiClient(t.rt.app!).get('/api/v1/workspaces', { authorization: 'Basic abc' })).status, 401);
    const unknown = await apiClient(t.rt.app!, `sbt_${'A'.repeat(43)}`).get('/api/v1/workspaces');
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error, 'auth.invalid_token');
    assert.equal((await apiClient(t.rt.app!, 'a.b.c').get('/api/v1/workspaces')).status, 401, 'JWTs are refused when no issuer is configured');
  });
});

describe('request ids, health, metrics, OpenAPI', () => {
  test('every response carries a request id; a sane incoming one is kept', async () => {
    const mine = await raw({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    assert.equal(mine.headers['x-request-id'], 'trace-123');
    const bad = await raw({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'evil\r\nset-cookie: x' } });
    assert.match(String(bad.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const err = await vendor.post('/api/v1/workspaces', { name: 1 });
    assert.equal(err.body.request_id, err.headers['x-request-id']);
  });
  test('/healthz and /readyz', async () => {
    assert.deepEqual((await raw({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
    const ready = await raw({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json().checks, { database: 'ok', migrations: 'ok', keys: 'ok' });
  });
  test('/metrics speaks Prometheus and counts requests by route pattern', async () => {
    await vendor.get(`/api/v1/workspaces/${ws.workspaceId}/tenants`);
    const text = (await raw({ method: 'GET', url: '/metrics' })).body;
    assert.match(text, /# TYPE switchboard_http_request_duration_seconds histogram/);
    assert.match(text, /route="\/api\/v1\/workspaces\/:workspaceId\/tenants"/);
    assert.ok(!text.includes(ws.workspaceId), 'ids never become label values');
  });
  test('/openapi.json is generated from the routes and /docs serves a reference page', async () => {
    const doc = (await raw({ method: 'GET', url: '/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/workspaces'].post.requestBody);
    assert.ok(doc.paths['/api/v1/workspaces/{workspaceId}/tokens'].post.responses['201']);
    const page = await raw({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html/i);
  });
});

describe('rate limit', () => {
  test('per principal: one caller hitting the limit does not throttle another', async () => {
    const owner = vendor.as(ws.ownerToken);
    let limited: { status: number; body: any; headers: Record<string, unknown> } | null = null;
    for (let i = 0; i < 60 && !limited; i++) {
      const r = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/tenants`);
      if (r.status === 429) limited = r;
    }
    assert.ok(limited, 'the limit was reached');
    assert.equal(limited.body.error, 'rate_limited');
    assert.ok(limited.headers['retry-after']);
    assert.equal((await vendor.get('/api/v1/workspaces')).status, 200, 'another principal is not affected');
  });
});
