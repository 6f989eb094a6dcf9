// Hostile input over a real socket (what app.inject cannot show: the HTTP parser's limits) and
// into the handlers: huge and many headers, bad and conflicting framing, duplicate credentials,
// oversized and deeply nested bodies, SCIM filter injection. Nothing may answer 5xx, echo a secret,
// or reach another workspace.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

let t: TestRuntime;
let port: number;
let a: Awaited<ReturnType<typeof setupWorkspace>>;
let b: Awaited<ReturnType<typeof setupWorkspace>>;
const CANARY = 'sk-CANARY-hostile-0123456789abcdef';
const scim: Record<'a' | 'b', { base: string; token: string; userIds: string[] }> = {} as never;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** Writes raw bytes to the server and returns the status line's code and the whole answer. */
function raw(request: string | Buffer, opts: { waitMs?: number } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => s.destroy(), opts.waitMs ?? 5000);
    s.on('data', (d) => chunks.push(d));
    s.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    s.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    });
    s.write(request);
  });
}

const get = (path: string, headers: string[] = []) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;

before(async () => {
  t = await startTestRuntime({ work: false, env: { SWITCHBOARD_AUTH_FAILURE_LIMIT: '0' } });
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  a = await setupWorkspace(vendor, 'HostileA');
  b = await setupWorkspace(vendor, 'HostileB');
  const owner = vendor.as(a.ownerToken);
  assert.equal(
    (await owner.post('/sfp/api/integrations', { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: CANARY }, isGlobal: true })).status,
    201,
  );
  for (const [label, ws] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const cfg = await vendor
      .as(ws.ownerToken)
      .post('/directory/resources/v1/configurations/scim2', { source: 'okta' }, { 'frontegg-tenant-id': String(ws.tenantId) });
    assert.equal(cfg.status, 201, cfg.text);
    const base = `/directory/resources/scim/v2.0/${cfg.body.id}`;
    const api = apiClient(t.rt.app!, cfg.body.token);
    const userIds: string[] = [];
    for (const name of [`alice@${label}.test`, `bob@${label}.test`, `o'brien@${label}.test`, `100%_${label}@x.test`]) {
      const u = await api.post(`${base}/Users`, { schemas: [USER], userName: name }, { 'content-type': 'application/scim+json' });
      assert.equal(u.status, 201, u.text);
      userIds.push(u.body.id);
    }
    scim[label] = { base, token: cfg.body.token, userIds };
  }
  await t.rt.app!.listen({ host: '127.0.0.1', port: 0 });
  port = (t.rt.app!.server.address() as { port: number }).port;
});
after(() => t.close());

describe('header abuse over a real socket', () => {
  test('a huge header is refused with 431 before any handler runs', async () => {
    const r = await raw(get('/sfp/api/integrations', [`Authorization: Bearer ${a.ownerToken}`, `X-Big: ${'a'.repeat(64 * 1024)}`]));
    assert.equal(r.status, 431);
    assert.ok(!r.text.includes(a.ownerToken));
  });

  test('a huge URL is refused (431 or 414), never a 5xx', async () => {
    const r = await raw(get(`/sfp/api/integrations?x=${'a'.repeat(100 * 1024)}`, [`Authorization: Bearer ${a.ownerToken}`]));
    assert.ok([414, 431].includes(r.status), `got ${r.status}`);
  });

  test('a thousand small headers are tolerated: the request is answered normally', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => `X-H${i}: v`);
    const r = await raw(get('/sfp/api/integrations', [`Authorization: Bearer ${a.ownerToken}`, ...many]));
    assert.ok(r.status === 200 || r.status === 431, `got ${r.status}`);
  });

  test('duplicate Authorization headers: the first one decides, the second never upgrades a request', async () => {
    const good = `Authorization: Bearer ${a.ownerToken}`;
    const bad = 'Authorization: Bearer sbt_not_a_real_token_000000000000000000000000';
    const first = await raw(get('/sfp/api/integrations', [bad, good]));
    assert.equal(first.status, 401);
    const second = await raw(get('/sfp/api/integrations', [good, bad]));
    assert.equal(second.status, 200);
    // a workspace-B token after A's never mixes the two principals
    const mixed = await raw(get(`/api/v1/workspaces/${b.workspaceId}/members`, [good, `Authorization: Bearer ${b.ownerToken}`]));
    assert.equal(mixed.status, 404);
  });

  test('malformed credentials and header values: 4xx, never 5xx', async () => {
    const cases = [
      ['Authorization: Bearer'],
      ['Authorization: Bearer  '],
      ['Authorization: Basic Og=='],
      [`Authorization: Bearer ${'\u00ff'.repeat(50)}`],
      [`Authorization: Bearer ${'x.'.repeat(2000)}x`],
      [`Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzd2l0Y2hib2FyZF93b3Jrc3BhY2UiOiIxIn0.`],
      [`Authorization: bearer ${a.ownerToken}`, 'X-HTTP-Method-Override: DELETE'],
      ['Authorization: Bearer x', 'Content-Type: application/json; charset=utf-32'],
    ];
    for (const headers of cases) {
      const r = await raw(get('/sfp/api/integrations', headers));
      assert.ok(r.status >= 200 && r.status < 500, `${headers.join(' | ')} answered ${r.status}`);
    }
    // control characters in a header value are a parser error
    const nul = await raw(`GET /sfp/api/integrations HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n`);
    assert.equal(nul.status, 400);
  });

  test('x-request-id cannot inject: an unsafe value is replaced by a generated id', async () => {
    const r = await raw(get('/healthz', ['X-Request-Id: <script>alert(1)</script>']));
    assert.equal(r.status, 200);
    const id = /x-request-id: (.*)\r\n/i.exec(r.text)?.[1] ?? '';
    assert.match(id, /^[0-9a-f-]{36}$/);
  });

  test('bad framing: invalid or conflicting Content-Length, smuggling attempts, broken chunks', async () => {
    const auth = `Authorization: Bearer ${a.ownerToken}`;
    const post = (extra: string, body: string) =>
      `POST /sfp/api/projects HTTP/1.1\r\nHost: x\r\n${auth}\r\nContent-Type: application/json\r\nConnection: close\r\n${extra}\r\n${body}`;
    const cases: Array<[string, string, number[]]> = [
      ['Content-Length: abc\r\n', '{}', [400]],
      ['Content-Length: -1\r\n', '{}', [400]],
      ['Content-Length: 2\r\nContent-Length: 3\r\n', '{}', [400]],
      ['Content-Length: 2\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n', [400]],
      ['Transfer-Encoding: chunked\r\n', 'zz\r\nhello\r\n0\r\n\r\n', [400]],
      ['Transfer-Encoding: gzip, chunked\r\n', '2\r\n{}\r\n0\r\n\r\n', [400, 415, 501]],
      ['Content-Length: 99999999999\r\n', '{}', [413]],
    ];
    for (const [extra, body, expected] of cases) {
      const r = await raw(post(extra, body));
      assert.ok(expected.includes(r.status), `${JSON.stringify(extra)} answered ${r.status}`);
    }
    // a body shorter than its Content-Length: the server waits, then the client gives up; no 5xx
    const short = await raw(post('Content-Length: 100\r\n', '{"identifier":'), { waitMs: 1000 });
    assert.ok(short.status === 0 || (short.status >= 400 && short.status < 500), `short body answered ${short.status}`);
  });
});

describe('bodies', () => {
  const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  test('10,000 and 200,000 levels of nesting: a 400, the process keeps serving', async () => {
    const owner = apiClient(t.rt.app!, a.ownerToken);
    for (const body of [
      deepArray(10_000),
      deepArray(200_000),
      deepObject(10_000),
      deepObject(100_000),
      `{"provider":"ai_openai","authType":"api_key","credentials":${deepObject(50_000)},"isGlobal":true}`,
    ]) {
      for (const url of [
        '/sfp/api/integrations',
        '/sfp/api/projects',
        `/api/v1/workspaces/${a.workspaceId}/tenants`,
        `/tenants/${a.tenantId}/provider-connections`,
      ]) {
        const r = await owner.call('POST', url, body);
        assert.ok(r.status >= 400 && r.status < 500, `${url} with ${body.length} bytes answered ${r.status}`);
      }
      const s = apiClient(t.rt.app!, scim.a.token);
      for (const path of ['/Users', '/Groups', '/Bulk']) {
        const r = await s.call('POST', `${scim.a.base}${path}`, body, { 'content-type': 'application/scim+json' });
        assert.ok(r.status >= 400 && r.status < 500, `SCIM ${path} answered ${r.status}`);
      }
      // /.search reads the members it knows from an object body and ignores anything else (lenient, like Entra's clients need)
      const search = await s.call('POST', `${scim.a.base}/Users/.search`, body, { 'content-type': 'application/scim+json' });
      assert.ok(search.status < 500, `SCIM /.search answered ${search.status}`);
    }
    assert.equal((await owner.get('/sfp/api/integrations')).status, 200);
  });

  test('nesting inside a free-form field (integration config, SCIM attribute) is refused at parse time: 400 request.too_deep / invalidSyntax', async () => {
    const owner = apiClient(t.rt.app!, a.ownerToken);
    for (const levels of [5_000, 50_000]) {
      const r = await owner.call(
        'POST',
        '/sfp/api/integrations',
        `{"provider":"ai_openai","authType":"api_key","credentials":{"api_key":"sk-x"},"isGlobal":true,"config":${deepObject(levels)}}`,
      );
      assert.equal(r.status, 400, `config of ${levels} levels answered ${r.status}`);
      assert.equal(r.body.error, 'request.too_deep');
      assert.equal(typeof r.body.request_id, 'string');
    }
    const s = apiClient(t.rt.app!, scim.a.token);
    const r = await s.call(
      'PUT',
      `${scim.a.base}/Users/${scim.a.userIds[0]}`,
      `{"schemas":["${USER}"],"userName":"alice@a.test","name":${deepObject(5_000)}}`,
      { 'content-type': 'application/scim+json' },
    );
    assert.equal(r.status, 400);
    assert.equal(r.body.scimType, 'invalidSyntax');
    assert.equal((await owner.get('/sfp/api/integrations')).status, 200);
  });

  test('an oversized body is a 413 (API and SCIM), and prototype keys change nothing', async () => {
    const owner = apiClient(t.rt.app!, a.ownerToken);
    const big = JSON.stringify({ identifier: 'x'.repeat(2 * 1024 * 1024), platform: 'github' });
    assert.equal((await owner.call('POST', '/sfp/api/projects', big)).status, 413);
    const s = apiClient(t.rt.app!, scim.a.token);
    assert.equal(
      (
        await s.call('POST', `${scim.a.base}/Users`, JSON.stringify({ schemas: [USER], userName: 'x'.repeat(2 * 1024 * 1024) }), {
          'content-type': 'application/scim+json',
        })
      ).status,
      413,
    );
    const polluted = await owner.call('POST', '/sfp/api/projects', '{"identifier":"acme/proto","platform":"github","__proto__":{"isAdmin":true}}');
    assert.ok(polluted.status < 500);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    const viewer = await owner.call(
      'POST',
      `/api/v1/workspaces/${a.workspaceId}/tokens`,
      '{"name":"x","constructor":{"prototype":{"capabilities":["workspaces.manage"]}}}',
    );
    assert.ok(viewer.status >= 400 && viewer.status < 500, `answered ${viewer.status}`);
  });

  test('NUL characters and over-long values are 400s, never 500s', async () => {
    const owner = apiClient(t.rt.app!, a.ownerToken);
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    assert.equal((await vendor.post('/api/v1/workspaces', { name: 'a\u0000b' })).status, 400);
    assert.equal((await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?actor=%00`)).status, 400);
    assert.ok((await owner.get('/sfp/api/integrations/platforms/health?project=%00')).status < 500);
    // The list of all SCIM configurations is vendor only (a member gets 403 before any value is read).
    assert.equal((await vendor.get('/directory/resources/v1/configurations/scim2?source=%00')).status, 400);
    const s = apiClient(t.rt.app!, scim.a.token);
    const sj = { 'content-type': 'application/scim+json' };
    assert.equal((await s.post(`${scim.a.base}/Users`, { schemas: [USER], userName: 'a\u0000b' }, sj)).status, 400);
    assert.equal((await s.post(`${scim.a.base}/Users`, { schemas: [USER], userName: 'x'.repeat(5000) }, sj)).status, 400);
    for (const body of [{ filter: ['userName pr'], sortBy: 5 }, { filter: { a: 1 } }, { filter: true, sortBy: ['x'], count: 'x', startIndex: {} }]) {
      assert.ok((await s.post(`${scim.a.base}/Users/.search`, body, sj)).status < 500);
    }
  });
});

describe('SCIM filter injection', () => {
  const list = async (label: 'a' | 'b', filter: string) => {
    const s = apiClient(t.rt.app!, scim[label].token);
    return s.get(`${scim[label].base}/Users?filter=${encodeURIComponent(filter)}&count=200`);
  };

  test('SQL fragments are values, not SQL: they match nothing or are invalid filters', async () => {
    const injections = [
      `userName eq "' OR '1'='1"`,
      `userName eq "x' OR 1=1 --"`,
      `userName eq "x\\" or userName pr or \\""`,
      `userName eq "x"; DELETE FROM scim_users; --"`,
      `userName eq "x') UNION SELECT user_name FROM scim_users --"`,
      `userName co "' || (SELECT pg_sleep(5)) || '"`,
    ];
    for (const f of injections) {
      const r = await list('a', f);
      assert.ok(r.status === 200 || r.status === 400, `${f} answered ${r.status}`);
      if (r.status === 200) assert.equal(r.body.totalResults, 0, f);
    }
    for (const f of [
      'userName eq "x" or 1 eq 1',
      'userName eq "x" or true',
      '1 eq 1',
      'configuration_id pr',
      'workspace_id eq "x"',
      'userName eq "a" ) or ( userName pr',
    ]) {
      const r = await list('a', f);
      assert.equal(r.status, 400, `${f} answered ${r.status}: ${r.text}`);
      assert.equal(r.body.scimType, 'invalidFilter');
    }
  });

  test('LIKE wildcards in co/sw/ew are literal characters', async () => {
    const pct = await list('a', 'userName co "%"');
    assert.equal(pct.status, 200);
    assert.deepEqual(
      pct.body.Resources.map((u: { userName: string }) => u.userName),
      ['100%_a@x.test'],
    );
    const under = await list('a', 'userName sw "_"');
    assert.equal(under.body.totalResults, 0);
    const quote = await list('a', `userName sw "o'"`);
    assert.equal(quote.body.totalResults, 1);
  });

  test("a match-everything filter sees only the configuration's own users; another workspace's ids match nothing", async () => {
    const all = await list('a', 'userName pr or not (userName pr)');
    assert.equal(all.status, 200);
    assert.deepEqual(new Set(all.body.Resources.map((u: { id: string }) => u.id)), new Set(scim.a.userIds));
    for (const f of [`id eq "${scim.b.userIds[0]}"`, 'userName ew "@b.test"', `userName eq "alice@b.test"`]) {
      const r = await list('a', f);
      assert.equal(r.status, 200);
      assert.equal(r.body.totalResults, 0, f);
      assert.ok(!scim.b.userIds.some((id) => r.text.includes(id)));
    }
    const s = apiClient(t.rt.app!, scim.a.token);
    assert.equal((await s.get(`${scim.a.base}/Users/${scim.b.userIds[0]}`)).status, 404);
    assert.equal((await s.get(`${scim.b.base}/Users`)).status, 401);
    // B still has all its users
    assert.equal((await list('b', 'userName pr')).body.totalResults, 4);
  });

  test('pathological filters are bounded: deep nesting and huge disjunctions are 400s, quickly', async () => {
    for (const f of [
      '('.repeat(2000) + 'userName pr' + ')'.repeat(2000),
      'not('.repeat(1000) + 'userName pr' + ')'.repeat(1000),
      Array.from({ length: 1000 }, (_, i) => `userName eq "u${i}"`).join(' or '),
    ]) {
      const r = await list('a', f);
      assert.equal(r.status, 400, `answered ${r.status}`);
    }
  });
});

describe('no secret in any answer of this file', () => {
  test('the canary and the tokens never appear in a log line', () => {
    for (const line of t.logs) {
      assert.ok(!line.includes(CANARY));
      assert.ok(!line.includes(a.ownerToken));
      assert.ok(!line.includes(scim.a.token));
    }
  });
});
