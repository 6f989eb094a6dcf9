// The endpoint's edges: discovery documents, 405 on writes to them, 404/401 bodies, bulk limits
// and bulkId failures, and the per-configuration rate limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { ENTERPRISE, SCIM_JSON, USER_SCHEMA, assertScimError, createUser, setupScim, type ScimSetup } from './helpers.ts';

let t: TestRuntime;
let s: ScimSetup;

before(async () => {
  t = await startTestRuntime({
    work: false,
    env: { SWITCHBOARD_SCIM_MAX_BULK_OPERATIONS: '3', SWITCHBOARD_SCIM_MAX_BULK_PAYLOAD_BYTES: '4096', SWITCHBOARD_SCIM_MAX_RESULTS: '50' },
  });
  s = await setupScim(t);
});
after(() => t.close());

describe('discovery', () => {
  test('/ServiceProviderConfig advertises what this endpoint does, with its limits', async () => {
    const res = await s.scim.get(`${s.base}/ServiceProviderConfig`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
    assert.deepEqual(res.body.schemas, ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
    assert.equal(res.body.patch.supported, true);
    assert.deepEqual(res.body.bulk, { supported: true, maxOperations: 3, maxPayloadSize: 4096 });
    assert.deepEqual(res.body.filter, { supported: true, maxResults: 50 });
    assert.equal(res.body.etag.supported, true);
    assert.equal(res.body.sort.supported, true);
    assert.equal(res.body.authenticationSchemes[0].type, 'oauthbearertoken');
    assert.equal(res.body.meta.location, `http://switchboard.test${s.base}/ServiceProviderConfig`);
  });

  test('/ResourceTypes and /Schemas are ListResponses; single documents by name and URN', async () => {
    const types = await s.scim.get(`${s.base}/ResourceTypes`);
    assert.equal(types.body.totalResults, 2);
    assert.deepEqual(
      types.body.Resources.map((r: { id: string }) => r.id),
      ['User', 'Group'],
    );
    const user = await s.scim.get(`${s.base}/ResourceTypes/User`);
    assert.equal(user.body.endpoint, '/Users');
    assert.deepEqual(user.body.schemaExtensions, [{ schema: ENTERPRISE, required: false }]);
    assertScimError(await s.scim.get(`${s.base}/ResourceTypes/Device`), 404);
    const schemas = await s.scim.get(`${s.base}/Schemas`);
    assert.deepEqual(
      schemas.body.Resources.map((r: { id: string }) => r.id).sort(),
      [USER_SCHEMA, 'urn:ietf:params:scim:schemas:core:2.0:Group', ENTERPRISE].sort(),
    );
    const ent = await s.scim.get(`${s.base}/Schemas/${ENTERPRISE}`);
    assert.equal(ent.body.name, 'EnterpriseUser');
    assertScimError(await s.scim.get(`${s.base}/Schemas/urn:nope`), 404);
  });

  test('writes to discovery endpoints → 405 with a SCIM error body', async () => {
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/User', '/Schemas', `/Schemas/${USER_SCHEMA}`]) {
      assertScimError(await s.scim.post(`${s.base}${path}`, {}, SCIM_JSON), 405);
      assertScimError(await s.scim.put(`${s.base}${path}`, {}, SCIM_JSON), 405);
      assertScimError(await s.scim.patch(`${s.base}${path}`, {}, SCIM_JSON), 405);
      assertScimError(await s.scim.delete(`${s.base}${path}`), 405);
    }
    assertScimError(await s.scim.put(`${s.base}/Users`, {}, SCIM_JSON), 405);
    assertScimError(await s.scim.delete(`${s.base}/Groups`), 405);
    assertScimError(await s.scim.get(`${s.base}/Bulk`), 405);
  });

  test('every 405 names what is allowed (Allow) and is answered before the body is parsed', async () => {
    const broken = '{"schemas": ['; // would be a 400 invalidSyntax if it were parsed
    const cases: [string, string, string][] = [
      ['POST', '/ServiceProviderConfig', 'GET'],
      ['PUT', '/ResourceTypes', 'GET'],
      ['PATCH', '/ResourceTypes/User', 'GET'],
      ['DELETE', '/Schemas', 'GET'],
      ['POST', `/Schemas/${USER_SCHEMA}`, 'GET'],
      ['PUT', '/Users', 'GET, POST'],
      ['DELETE', '/Groups', 'GET, POST'],
      ['POST', '/Users/2819c223-7f76-453a-919d-413861904646', 'GET, PUT, PATCH, DELETE'],
      ['GET', '/Bulk', 'POST'],
      ['PUT', '/Bulk', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const r = await s.scim.call(method, `${s.base}${path}`, method === 'GET' || method === 'DELETE' ? undefined : broken, SCIM_JSON);
      assertScimError(r, 405);
      assert.equal(r.headers.allow, allow, `${method} ${path}`);
    }
  });
});

describe('base URLs with a trailing slash', () => {
  test('`/Users/`, `//Users` and `//Users/` are `/Users`, query kept; writes too', async () => {
    const id = await createUser(s, 'slash@example.test');
    for (const path of ['/Users/', '//Users', '//Users/', `//Users/${id}`, `/Users/${id}/`]) {
      const r = await s.scim.get(`${s.base}${path}?attributes=userName`);
      assert.equal(r.status, 200, `${path}: ${r.text}`);
    }
    const filtered = await s.scim.get(`${s.base}//Users?filter=${encodeURIComponent('userName eq "slash@example.test"')}`);
    assert.equal(filtered.body.totalResults, 1);
    const created = await s.scim.post(`${s.base}//Users`, { schemas: [USER_SCHEMA], userName: 'slash2@example.test' }, SCIM_JSON);
    assert.equal(created.status, 201, created.text);
    assert.match(created.headers.location as string, /\/Users\/[0-9a-f-]{36}$/);
    assert.doesNotMatch(created.headers.location as string, /\/\/Users/);
  });
});

describe('media type', () => {
  // RFC 7644 §10.2: application/scim+json has no parameters. Clients compare the header as sent
  // (the independent scimverify probe does), so no charset is appended — on success or error.
  test('every answer, success or error, is exactly `application/scim+json`', async () => {
    const id = await createUser(s, 'media@example.test');
    const answers = [
      await s.scim.get(`${s.base}/Users/${id}`),
      await s.scim.get(`${s.base}/Users`),
      await s.scim.get(`${s.base}/Schemas`),
      await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'media2@example.test' }, SCIM_JSON),
      await s.scim.get(`${s.base}/Users/00000000-0000-4000-8000-000000000000`),
      await apiClient(t.rt.app!).get(`${s.base}/Users`),
    ];
    for (const r of answers) assert.equal(r.headers['content-type'], 'application/scim+json', `${r.status} ${r.text}`);
  });
});

describe('endpoint names in another case', () => {
  // Microsoft's SCIM reference collection (AzureAD/SCIMReferenceCode, PostmanCollection.json)
  // sends `…/users` and `…/groups`: the endpoint name is folded, ids are not.
  test('`/users`, `/GROUPS`, `/schemas` and `/serviceproviderconfig` are the endpoints; an unknown name stays 404', async () => {
    const id = await createUser(s, 'case@example.test');
    for (const path of ['/users', `/users/${id}`, '/USERS', '/groups', '/GROUPS', '/schemas', '/resourcetypes', '/serviceproviderconfig']) {
      const r = await s.scim.get(`${s.base}${path}`);
      assert.equal(r.status, 200, `${path}: ${r.text}`);
    }
    const created = await s.scim.post(`${s.base}/users`, { schemas: [USER_SCHEMA], userName: 'case2@example.test' }, SCIM_JSON);
    assert.equal(created.status, 201, created.text);
    assert.match(created.headers.location as string, /\/Users\/[0-9a-f-]{36}$/);
    assertScimError(await s.scim.get(`${s.base}/serviceConfiguration`), 404);
    assertScimError(await s.scim.get(`${s.base}/Users/${id.toUpperCase()}x`), 404);
  });
});

describe('errors', () => {
  test('unknown endpoint → 404; no or bad token → 401 with WWW-Authenticate; bad bodies → 400', async () => {
    assertScimError(await s.scim.get(`${s.base}/Devices`), 404);
    const none = await apiClient(t.rt.app!).get(`${s.base}/Users`);
    assertScimError(none, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer realm="SCIM"');
    assertScimError(await apiClient(t.rt.app!, 'garbage').get(`${s.base}/Users`), 401);
    assertScimError(await s.scim.get(`/directory/resources/scim/v2.0/not-a-uuid/Users`), 401);
    assertScimError(await s.scim.post(`${s.base}/Users`, { name: { givenName: 'No userName' } }, SCIM_JSON), 400, 'invalidValue');
    assertScimError(await s.scim.post(`${s.base}/Users`, [1, 2], SCIM_JSON), 400, 'invalidValue');
    // an unknown core attribute is ignored by default (test/scim/unknown-attributes.test.ts has the policy)
    const ignored = await s.scim.post(`${s.base}/Users`, { userName: 'x', nosuch: 1 }, SCIM_JSON);
    assert.equal(ignored.status, 201, ignored.text);
    assert.equal(ignored.body.nosuch, undefined);
    const id = await createUser(s, 'errors@x.test');
    assertScimError(await s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'move', path: 'title' }] }, SCIM_JSON), 400, 'invalidSyntax');
    assertScimError(await s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'replace', path: 'id', value: 'x' }] }, SCIM_JSON), 400, 'mutability');
    assertScimError(await s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'remove', path: 'userName' }] }, SCIM_JSON), 400, 'invalidValue');
    assertScimError(await s.scim.get(`${s.base}/Users/not-a-uuid`), 404);
    assertScimError(await s.scim.post(`${s.base}/Users`, { userName: 'x'.repeat(2000) }, SCIM_JSON), 400, 'invalidValue');
    assert.equal((await s.scim.get(`${s.base}/Users?count=500`)).body.itemsPerPage <= 50, true);
  });
});

describe('bulk limits and failures', () => {
  test('more operations than maxOperations, or a larger body than maxPayloadSize → 413', async () => {
    const ops = Array.from({ length: 4 }, (_, i) => ({ method: 'POST', path: '/Users', bulkId: `b${i}`, data: { userName: `bulk-limit-${i}` } }));
    assertScimError(await s.scim.post(`${s.base}/Bulk`, { Operations: ops }, SCIM_JSON), 413);
    const big = [{ method: 'POST', path: '/Users', bulkId: 'big', data: { userName: 'big', title: 'x'.repeat(5000) } }];
    assertScimError(await s.scim.post(`${s.base}/Bulk`, { Operations: big }, SCIM_JSON), 413);
  });

  test('a path may name a resource created earlier in the request by its bulkId', async () => {
    const res = await s.scim.post(
      `${s.base}/Bulk`,
      {
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'me', data: { userName: 'bulk-path@x.test' } },
          { method: 'PATCH', path: '/Users/bulkId:me', data: { Operations: [{ op: 'add', path: 'title', value: 'Patched' }] } },
        ],
      },
      SCIM_JSON,
    );
    assert.deepEqual(
      res.body.Operations.map((o: { status: string }) => o.status),
      ['201', '200'],
    );
    assert.equal(res.body.Operations[1].location, res.body.Operations[0].location);
    assert.equal((await s.scim.get(res.body.Operations[0].location.replace('http://switchboard.test', ''))).body.title, 'Patched');
  });

  test('a failed PUT, PATCH or DELETE carries the location it named (RFC 7644 §3.7.3); a failed POST none', async () => {
    const missing = '2819c223-7f76-453a-919d-413861904646';
    const res = await s.scim.post(
      `${s.base}/Bulk`,
      {
        Operations: [
          { method: 'PUT', path: `/Users/${missing}`, data: { schemas: [USER_SCHEMA], userName: 'nobody@x.test' } },
          { method: 'PATCH', path: `/Groups/${missing}`, data: { Operations: [{ op: 'add', path: 'displayName', value: 'G' }] } },
          { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [USER_SCHEMA] } },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.Operations.map((o: { status: string }) => o.status),
      ['404', '404', '400'],
    );
    assert.deepEqual(
      res.body.Operations.map((o: { location?: string }) => o.location),
      [`http://switchboard.test${s.base}/Users/${missing}`, `http://switchboard.test${s.base}/Groups/${missing}`, undefined],
    );
    const del = await s.scim.post(`${s.base}/Bulk`, { Operations: [{ method: 'DELETE', path: `/Users/${missing}` }] }, SCIM_JSON);
    assert.deepEqual(
      del.body.Operations.map((o: { status: string; location?: string }) => [o.status, o.location]),
      [['404', `http://switchboard.test${s.base}/Users/${missing}`]],
    );
  });

  test('unknown and circular bulkId references fail those operations; a malformed operation fails the request', async () => {
    const res = await s.scim.post(
      `${s.base}/Bulk`,
      {
        Operations: [
          { method: 'POST', path: '/Groups', bulkId: 'x', data: { displayName: 'X', members: [{ value: 'bulkId:y' }] } },
          { method: 'POST', path: '/Groups', bulkId: 'y', data: { displayName: 'Y', members: [{ value: 'bulkId:x' }] } },
          { method: 'PATCH', path: '/Users/bulkId:nobody', data: { Operations: [{ op: 'add', path: 'title', value: 'T' }] } },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.Operations.map((o: { status: string }) => o.status),
      ['409', '409', '409'],
    );
    assert.equal(res.body.Operations[2].response.scimType, 'invalidValue');
    assertScimError(await s.scim.post(`${s.base}/Bulk`, { Operations: [{ method: 'GET', path: '/Users' }] }, SCIM_JSON), 400, 'invalidSyntax');
    assertScimError(
      await s.scim.post(`${s.base}/Bulk`, { Operations: [{ method: 'POST', path: '/Users', data: { userName: 'no-bulk-id' } }] }, SCIM_JSON),
      400,
    );
    assertScimError(await s.scim.post(`${s.base}/Bulk`, { nothing: true }, SCIM_JSON), 400, 'invalidSyntax');
  });
});

describe('rate limit', () => {
  test('counted per configuration: one configuration at its limit does not slow another (429 in SCIM form)', async () => {
    const limited = await startTestRuntime({ work: false, env: { SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const one = await setupScim(limited);
      const two = await setupScim(limited);
      for (let i = 0; i < 5; i++) assert.equal((await one.scim.get(`${one.base}/Users`)).status, 200);
      const over = await one.scim.get(`${one.base}/Users`);
      assertScimError(over, 429);
      assert.ok(over.headers['retry-after']);
      assert.equal((await two.scim.get(`${two.base}/Users`)).status, 200);
      // The management API keeps its own (per-principal) limit.
      assert.equal((await one.owner.get(`/directory/resources/v1/configurations/scim2/${one.configurationId}`)).status, 200);
    } finally {
      await limited.close();
    }
  });
});
