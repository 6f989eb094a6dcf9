// Deeply nested JSON is refused where it is parsed, on every surface, before any handler (or the
// JSON.stringify that stores it) can overflow the stack on it: a 400 with a stable code in the
// surface's own error format (the standard envelope; RFC 7644 errors on SCIM).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { exceedsJsonDepth } from '../../src/http/json-depth.ts';
import { apiClient, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const nested = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
const nestedArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('the depth scan', () => {
  test('counts objects and arrays, not brackets inside strings or escaped quotes', () => {
    assert.equal(exceedsJsonDepth('{"a":[1,{"b":[]}]}', 4), false);
    assert.equal(exceedsJsonDepth('{"a":[1,{"b":[]}]}', 3), true);
    assert.equal(exceedsJsonDepth(JSON.stringify({ s: '[[[[[[[[{{{{{{' }), 1), false);
    assert.equal(exceedsJsonDepth(JSON.stringify({ s: 'say \\"[[[[" and \\\\', t: '\\' }), 1), false);
    assert.equal(exceedsJsonDepth(`{"s":"\\"","x":${nested(3)}}`, 3), true);
    assert.equal(exceedsJsonDepth(nestedArray(64), 64), false);
    assert.equal(exceedsJsonDepth(nestedArray(65), 64), true);
  });
  test('a million levels are scanned without recursion (the check itself cannot overflow)', () => {
    assert.equal(exceedsJsonDepth(nestedArray(1_000_000), 64), true);
  });
  test('SWITCHBOARD_MAX_JSON_DEPTH: default 64, at least 1', () => {
    assert.equal(loadConfig({} as NodeJS.ProcessEnv).maxJsonDepth, 64);
    assert.equal(loadConfig({ SWITCHBOARD_MAX_JSON_DEPTH: '200' } as NodeJS.ProcessEnv).maxJsonDepth, 200);
    assert.throws(() => loadConfig({ SWITCHBOARD_MAX_JSON_DEPTH: '0' } as NodeJS.ProcessEnv), /SWITCHBOARD_MAX_JSON_DEPTH/);
  });
});

describe('every surface refuses a too-deep body with 400 request.too_deep', () => {
  let t: TestRuntime;
  let vendor: Api;
  let owner: Api;
  let ws: Awaited<ReturnType<typeof setupWorkspace>>;
  let scimBase: string;
  let scim: Api;
  let scimToken: string;
  let userId: string;

  before(async () => {
    t = await startTestRuntime({ work: false });
    vendor = apiClient(t.rt.app!, t.vendorToken);
    ws = await setupWorkspace(vendor, 'Deep');
    owner = vendor.as(ws.ownerToken);
    const cfg = await owner.post('/directory/resources/v1/configurations/scim2', { source: 'okta' }, { 'frontegg-tenant-id': String(ws.tenantId) });
    assert.equal(cfg.status, 201, cfg.text);
    scimBase = `/directory/resources/scim/v2.0/${cfg.body.id}`;
    scimToken = cfg.body.token;
    scim = apiClient(t.rt.app!, scimToken);
    const u = await scim.post(`${scimBase}/Users`, { schemas: [USER], userName: 'deep@deep.test' }, { 'content-type': 'application/scim+json' });
    assert.equal(u.status, 201, u.text);
    userId = u.body.id;
  });
  after(() => t.close());

  const assertTooDeep = (r: { status: number; body: any; text: string }, what: string) => {
    assert.equal(r.status, 400, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
    assert.equal(r.body.error, 'request.too_deep', what);
    assert.match(r.body.message, /nested/);
    assert.equal(typeof r.body.request_id, 'string', what);
  };

  test('an integration config nested 5,000 levels is a 400, not a 500 (the reported case)', async () => {
    const body = `{"provider":"ai_openai","authType":"api_key","credentials":{"api_key":"sk-deep"},"isGlobal":true,"config":${nested(5000)}}`;
    assertTooDeep(await owner.call('POST', '/sfp/api/integrations', body), 'POST /sfp/api/integrations');
    // and the same integration with a config of ordinary depth is stored
    const ok = await owner.post('/sfp/api/integrations', {
      provider: 'ai_openai',
      authType: 'api_key',
      credentials: { api_key: 'sk-deep' },
      isGlobal: true,
      config: JSON.parse(nested(40)),
    });
    assert.equal(ok.status, 201, ok.text);
  });

  test('management, /admin, /, /directory and /sfp/api: 65 levels refused, the process keeps serving', async () => {
    const deep = nested(65);
    const cases: Array<[Api, string, string]> = [
      [vendor, 'POST', '/api/v1/workspaces'],
      [owner, 'POST', `/api/v1/workspaces/${ws.workspaceId}/tenants`],
      [owner, 'POST', `/admin/tenants/${ws.tenantId}/provider-connections`],
      [owner, 'POST', `/tenants/${ws.tenantId}/provider-connections`],
      [owner, 'POST', '/directory/resources/v1/configurations/scim2'],
      [owner, 'POST', '/sfp/api/projects'],
    ];
    for (const [api, method, url] of cases) {
      assertTooDeep(await api.call(method, url, `{"name":"x","config":${deep}}`), `${method} ${url}`);
      assertTooDeep(await api.call(method, url, nestedArray(100_000)), `${method} ${url} (arrays)`);
    }
    assert.equal((await owner.get('/sfp/api/integrations')).status, 200);
  });

  test('the limit is depth, not size: 64 levels pass the parser (and meet the route schema)', async () => {
    const r = await owner.call('POST', '/sfp/api/projects', `{"identifier":"acme/deep","platform":"github","x":${nested(63)}}`);
    assert.equal(r.status, 400, r.text);
    assert.match(r.body.error, /\.validation_failed$/, 'parsed, then refused by the closed schema');
  });

  test('SCIM answers in RFC 7644 form (invalidSyntax) for scim+json, json and a body with no content type', async () => {
    const deep = `{"schemas":["${USER}"],"userName":"x@deep.test","name":${nested(70)}}`;
    const patch = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","value":${nested(70)}}]}`;
    const cases: Array<[string, string, string, Record<string, string>]> = [
      ['POST', `${scimBase}/Users`, deep, { 'content-type': 'application/scim+json' }],
      ['POST', `${scimBase}/Users`, deep, { 'content-type': 'application/json' }],
      ['PATCH', `${scimBase}/Users/${userId}`, patch, { 'content-type': 'application/scim+json; charset=utf-8' }],
      ['POST', `${scimBase}/Users/.search`, nested(70), { 'content-type': 'application/scim+json' }],
    ];
    const noContentType = async (method: string, url: string, payload: string) => {
      const res = await t.rt.app!.inject({ method: method as never, url, headers: { authorization: `Bearer ${scimToken}` }, payload });
      return { status: res.statusCode, headers: res.headers, text: res.body, body: JSON.parse(res.body) };
    };
    const answers = [];
    for (const [method, url, body, headers] of cases) answers.push([`${method} ${url}`, await scim.call(method, url, body, headers)] as const);
    answers.push(['POST /Bulk without a content type', await noContentType('POST', `${scimBase}/Bulk`, nestedArray(200_000))] as const);
    answers.push(['POST /Users without a content type', await noContentType('POST', `${scimBase}/Users`, deep)] as const);
    for (const [what, r] of answers) {
      assert.equal(r.status, 400, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
      assert.match(String(r.headers['content-type']), /^application\/scim\+json/, what);
      assert.deepEqual(r.body.schemas, [SCIM_ERROR], what);
      assert.equal(r.body.scimType, 'invalidSyntax', what);
      assert.equal(r.body.status, '400', what);
      assert.match(r.body.detail, /nested/, what);
    }
    // an ordinary SCIM PATCH still works
    const ok = await scim.call(
      'PATCH',
      `${scimBase}/Users/${userId}`,
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { name: { givenName: 'Deep' }, emails: [{ value: 'd@deep.test', type: 'work' }] } }],
      }),
      { 'content-type': 'application/scim+json' },
    );
    assert.equal(ok.status, 200, ok.text);
  });
});

describe('SWITCHBOARD_MAX_JSON_DEPTH is the limit', () => {
  let t: TestRuntime;
  before(async () => {
    t = await startTestRuntime({ work: false, env: { SWITCHBOARD_MAX_JSON_DEPTH: '8' } });
  });
  after(() => t.close());

  test('8 levels parse, 9 are refused', async () => {
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const ok = await vendor.call('POST', '/api/v1/workspaces', `{"name":"x","n":${nested(7)}}`);
    assert.equal(ok.body.error, 'request.validation_failed', ok.text);
    const deep = await vendor.call('POST', '/api/v1/workspaces', `{"name":"x","n":${nested(8)}}`);
    assert.equal(deep.status, 400);
    assert.equal(deep.body.error, 'request.too_deep');
  });
});
