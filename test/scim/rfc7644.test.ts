// RFC 7644's request examples, sent over HTTP to a configuration's SCIM endpoint: create (§3.3),
// retrieve and query (§3.4), search by POST (§3.4.3), PUT (§3.5.1), PATCH add/remove/replace
// (§3.5.2), delete (§3.6), bulk (§3.7), errors (§3.12) and versioning (§3.14). Ids in the RFC are
// examples; the ones the server assigned stand in for them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { ENTERPRISE, GROUP_SCHEMA, PATCH_OP, SCIM_JSON, USER_SCHEMA, assertScimError, createUser, filterQuery, setupScim, type ScimSetup } from './helpers.ts';

let t: TestRuntime;
let s: ScimSetup;

before(async () => {
  t = await startTestRuntime({ work: false });
  s = await setupScim(t);
});
after(() => t.close());

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('§3.3 creating resources', () => {
  test('POST /Users → 201 with Location, ETag and the resource as stored', async () => {
    const res = await s.scim.post(
      `${s.base}/Users`,
      {
        schemas: [USER_SCHEMA],
        userName: 'bjensen',
        externalId: 'bjensen',
        name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 201);
    assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
    const id = res.body.id as string;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.location, `http://switchboard.test${s.base}/Users/${id}`);
    assert.equal(res.headers.etag, 'W/"1"');
    assert.deepEqual(res.body.schemas, [USER_SCHEMA]);
    assert.equal(res.body.userName, 'bjensen');
    assert.equal(res.body.externalId, 'bjensen');
    assert.deepEqual(res.body.name, { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' });
    assert.equal(res.body.meta.resourceType, 'User');
    assert.equal(res.body.meta.location, res.headers.location);
    assert.equal(res.body.meta.version, 'W/"1"');
    assert.equal(res.body.meta.created, res.body.meta.lastModified);
    // Key order follows the RFC's examples.
    assert.deepEqual(Object.keys(res.body).slice(0, 4), ['schemas', 'id', 'externalId', 'userName']);
    assert.equal(Object.keys(res.body).at(-1), 'meta');
  });

  test('a second bjensen (any case) is 409 uniqueness', async () => {
    const res = await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'BJENSEN' }, SCIM_JSON);
    assertScimError(res, 409, 'uniqueness');
  });
});

describe('§3.4 retrieving resources', () => {
  // A configuration of its own, so the expected result sets are exactly these four users.
  let q: ScimSetup;
  let ids: Record<string, string>;
  before(async () => {
    q = await setupScim(t);
    ids = await createQuerySet(q);
  });

  test('§3.4.1 GET /Users/{id} with ETag; If-None-Match → 304', async () => {
    const res = await q.scim.get(`${q.base}/Users/${ids.babs}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.etag, 'W/"1"');
    assert.equal(res.body.userName, 'babs');
    const again = await q.scim.get(`${q.base}/Users/${ids.babs}`, { 'if-none-match': 'W/"1"' });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assertScimError(await q.scim.get(`${q.base}/Users/2819c223-7f76-453a-919d-413861904646`), 404);
  });

  const cases: [string, string[]][] = [
    ['userName eq "babs"', ['babs']],
    ['userName Eq "BABS"', ['babs']],
    [`name.familyName co "O'Malley"`, ['omalley']],
    ['userName sw "J"', ['jdoe', 'jsmith']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', ['jdoe', 'jsmith']],
    ['userName ew "th"', ['jsmith']],
    ['title pr', ['babs', 'jsmith']],
    ['title pr and userType eq "Employee"', ['babs']],
    ['title pr or userType eq "Intern"', ['babs', 'jsmith', 'omalley']],
    [`schemas eq "${ENTERPRISE}"`, ['babs']],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ['babs', 'jdoe']],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', ['jsmith', 'omalley']],
    ['userType eq "Employee" and (emails.type eq "work")', ['babs']],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ['babs']],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', ['babs', 'omalley']],
    ['emails[type eq "work"].value eq "babs@example.com"', ['babs']],
    [`${ENTERPRISE}:employeeNumber gt "100"`, ['babs']],
    [`${ENTERPRISE}:employeeNumber le "100"`, []],
    ['active eq false', ['omalley']],
  ];
  for (const [filter, expected] of cases) {
    test(`§3.4.2.2 filter=${filter}`, async () => {
      const res = await q.scim.get(`${q.base}/Users?${filterQuery(filter)}&sortBy=userName`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.schemas, [LIST]);
      assert.deepEqual(
        res.body.Resources.map((r: { userName: string }) => r.userName),
        expected,
      );
      assert.equal(res.body.totalResults, expected.length);
    });
  }

  test('§3.4.2.2 meta.lastModified gt / ge / lt / le', async () => {
    const all = await q.scim.get(`${q.base}/Users?sortBy=meta.lastModified`);
    const stamps = all.body.Resources.map((r: { meta: { lastModified: string } }) => r.meta.lastModified);
    const first = stamps[0];
    const gt = await q.scim.get(`${q.base}/Users?${filterQuery(`meta.lastModified gt "${first}"`)}`);
    const ge = await q.scim.get(`${q.base}/Users?${filterQuery(`meta.lastModified ge "${first}"`)}`);
    const lt = await q.scim.get(`${q.base}/Users?${filterQuery(`meta.lastModified lt "${first}"`)}`);
    const le = await q.scim.get(`${q.base}/Users?${filterQuery(`meta.lastModified le "${first}"`)}`);
    const at = stamps.filter((x: string) => x === first).length;
    assert.equal(ge.body.totalResults, stamps.length);
    assert.equal(gt.body.totalResults, stamps.length - at);
    assert.equal(lt.body.totalResults, 0);
    assert.equal(le.body.totalResults, at);
  });

  test('§3.4.2.3 sortBy/sortOrder and §3.4.2.4 startIndex/count', async () => {
    const desc = await q.scim.get(`${q.base}/Users?sortBy=userName&sortOrder=descending`);
    const names = desc.body.Resources.map((r: { userName: string }) => r.userName);
    assert.deepEqual(names, [...names].sort().reverse());
    const page = await q.scim.get(`${q.base}/Users?sortBy=userName&startIndex=2&count=2`);
    assert.equal(page.body.startIndex, 2);
    assert.equal(page.body.itemsPerPage, 2);
    assert.equal(page.body.totalResults, names.length);
    assert.deepEqual(
      page.body.Resources.map((r: { userName: string }) => r.userName),
      [...names].sort().slice(1, 3),
    );
    const countOnly = await q.scim.get(`${q.base}/Users?count=0`);
    assert.equal(countOnly.body.totalResults, names.length);
    assert.deepEqual(countOnly.body.Resources, []);
    const past = await q.scim.get(`${q.base}/Users?startIndex=1000`);
    assert.equal(past.body.totalResults, names.length);
    assert.deepEqual(past.body.Resources, []);
  });

  test('§3.4.2.5 attributes and excludedAttributes', async () => {
    const only = await q.scim.get(`${q.base}/Users/${ids.babs}?attributes=userName`);
    assert.deepEqual(Object.keys(only.body).sort(), ['id', 'meta', 'schemas', 'userName']);
    const some = await q.scim.get(`${q.base}/Users?${filterQuery('userName eq "babs"')}&attributes=emails.value,name.givenName`);
    assert.deepEqual(some.body.Resources[0].emails, [{ value: 'babs@example.com' }]);
    assert.deepEqual(some.body.Resources[0].name, { givenName: 'Barbara' });
    const without = await q.scim.get(`${q.base}/Users/${ids.babs}?excludedAttributes=emails,${ENTERPRISE}`);
    assert.equal(without.body.emails, undefined);
    assert.equal(without.body[ENTERPRISE], undefined);
    assert.equal(without.body.userName, 'babs');
  });

  test('§3.4.3 POST /Users/.search', async () => {
    const res = await q.scim.post(
      `${q.base}/Users/.search`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        attributes: ['displayName', 'userName'],
        filter: 'displayName sw "smith"',
        startIndex: 1,
        count: 10,
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.totalResults, 1);
    assert.deepEqual(Object.keys(res.body.Resources[0]).sort(), ['displayName', 'id', 'meta', 'schemas', 'userName']);
  });

  test('§3.12 a malformed filter or unknown attribute is 400 invalidFilter; a bad sortBy is 400 invalidValue', async () => {
    assertScimError(await q.scim.get(`${q.base}/Users?${filterQuery('userName eq')}`), 400, 'invalidFilter');
    assertScimError(await q.scim.get(`${q.base}/Users?${filterQuery('nosuch eq "x"')}`), 400, 'invalidFilter');
    assertScimError(await q.scim.get(`${q.base}/Users?sortBy=nosuch`), 400, 'invalidValue');
  });
});

describe('§3.5 modifying resources', () => {
  test('§3.5.1 PUT replaces the resource; If-Match with the current version', async () => {
    const id = await createUser(s, 'put-bjensen', { emails: [{ value: 'old@example.com' }], title: 'Tour Guide' });
    const res = await s.scim.put(
      `${s.base}/Users/${id}`,
      {
        schemas: [USER_SCHEMA],
        id,
        userName: 'put-bjensen',
        externalId: 'bjensen',
        name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane' },
        roles: [],
        emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
      },
      { ...SCIM_JSON, 'if-match': 'W/"1"' },
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.etag, 'W/"2"');
    assert.equal(res.body.name.middleName, 'Jane');
    assert.deepEqual(res.body.emails, [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }]);
    assert.equal(res.body.title, undefined, 'what PUT leaves out is cleared');
    assert.equal(res.body.roles, undefined);
    assert.notEqual(res.body.meta.lastModified, undefined);
  });

  test('§3.5.2.1 add: members to a group, and a path-less add to a user', async () => {
    const user = await createUser(s, 'add-babs');
    const g = await s.scim.post(`${s.base}/Groups`, { schemas: [GROUP_SCHEMA], displayName: 'RFC Add' }, SCIM_JSON);
    const add = await s.scim.patch(
      `${s.base}/Groups/${g.body.id}`,
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${user}`, value: user }] }],
      },
      SCIM_JSON,
    );
    assert.equal(add.status, 204);
    const group = await s.scim.get(`${s.base}/Groups/${g.body.id}`);
    assert.deepEqual(group.body.members, [{ value: user, $ref: `http://switchboard.test${s.base}/Users/${user}`, type: 'User', display: 'Babs Jensen' }]);

    const res = await s.scim.patch(
      `${s.base}/Users/${user}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }] },
      SCIM_JSON,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.emails, [{ value: 'babs@jensen.org', type: 'home' }]);
    assert.equal(res.body.nickName, 'Babs');
    assert.deepEqual(res.body.groups, [{ value: g.body.id, $ref: `http://switchboard.test${s.base}/Groups/${g.body.id}`, display: 'RFC Add', type: 'direct' }]);
  });

  test('§3.5.2 a PATCH is atomic: adding 50 members of which one is stale adds none, and the answer names the stale one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 49; i++) ids.push(await createUser(s, `atomic-${i}`));
    const stale = '2819c223-7f76-453a-919d-413861904646';
    const g = await s.scim.post(`${s.base}/Groups`, { schemas: [GROUP_SCHEMA], displayName: 'RFC Atomic' }, SCIM_JSON);
    const before = await s.scim.get(`${s.base}/Groups/${g.body.id}`);
    const members = [...ids.slice(0, 25), stale, ...ids.slice(25)].map((value) => ({ value }));
    const res = await s.scim.patch(
      `${s.base}/Groups/${g.body.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: members }] },
      SCIM_JSON,
    );
    assertScimError(res, 400, 'invalidValue');
    assert.match(res.body.detail, new RegExp(stale));
    const after = await s.scim.get(`${s.base}/Groups/${g.body.id}`);
    assert.equal(after.body.members, undefined, 'not one of the 49 existing users was added');
    assert.equal(after.headers.etag, before.headers.etag, 'the group is unchanged');
    // without the stale id, all 49 are added at once
    const ok = await s.scim.patch(
      `${s.base}/Groups/${g.body.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }] },
      SCIM_JSON,
    );
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await s.scim.get(`${s.base}/Groups/${g.body.id}`)).body.members.length, 49);
  });

  test('§3.5.2.2 remove: one member by filter, then all members; a filtered multi-valued entry', async () => {
    const a = await createUser(s, 'rm-a');
    const b = await createUser(s, 'rm-b', {
      emails: [
        { value: 'b@example.com', type: 'work' },
        { value: 'b@home.org', type: 'home' },
      ],
    });
    const g = await s.scim.post(`${s.base}/Groups`, { displayName: 'RFC Remove', members: [{ value: a }, { value: b }] }, SCIM_JSON);
    const one = await s.scim.patch(
      `${s.base}/Groups/${g.body.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${a}"]` }] },
      SCIM_JSON,
    );
    assert.equal(one.status, 204);
    assert.deepEqual(
      (await s.scim.get(`${s.base}/Groups/${g.body.id}`)).body.members.map((m: { value: string }) => m.value),
      [b],
    );
    const all = await s.scim.patch(`${s.base}/Groups/${g.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] }, SCIM_JSON);
    assert.equal(all.status, 204);
    assert.equal((await s.scim.get(`${s.base}/Groups/${g.body.id}`)).body.members, undefined);

    const email = await s.scim.patch(
      `${s.base}/Users/${b}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }] },
      SCIM_JSON,
    );
    assert.deepEqual(email.body.emails, [{ value: 'b@home.org', type: 'home' }]);
  });

  test('§3.5.2.3 replace: all members, a filtered complex value, a sub-attribute, and a path-less replace', async () => {
    const a = await createUser(s, 'rep-a');
    const b = await createUser(s, 'rep-b');
    const c = await createUser(s, 'rep-c', { addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood' }] });
    const g = await s.scim.post(`${s.base}/Groups`, { displayName: 'RFC Replace', members: [{ value: a }] }, SCIM_JSON);
    const members = await s.scim.patch(
      `${s.base}/Groups/${g.body.id}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'replace',
            path: 'members',
            value: [
              { display: 'B', value: b },
              { display: 'C', value: c },
            ],
          },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(members.status, 204);
    assert.deepEqual((await s.scim.get(`${s.base}/Groups/${g.body.id}`)).body.members.map((m: { value: string }) => m.value).sort(), [b, c].sort());

    const address = await s.scim.patch(
      `${s.base}/Users/${c}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'replace',
            path: 'addresses[type eq "work"]',
            value: {
              type: 'work',
              streetAddress: '911 Universal City Plaza',
              locality: 'Hollywood',
              region: 'CA',
              postalCode: '91608',
              country: 'US',
              formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
              primary: true,
            },
          },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(address.body.addresses[0].postalCode, '91608');
    const street = await s.scim.patch(
      `${s.base}/Users/${c}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }] },
      SCIM_JSON,
    );
    assert.equal(street.body.addresses[0].streetAddress, '1010 Broadway Ave');
    assert.equal(street.body.addresses[0].postalCode, '91608');

    const pathless = await s.scim.patch(
      `${s.base}/Users/${c}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'replace',
            value: {
              emails: [
                { value: 'bjensen@example.com', type: 'work', primary: true },
                { value: 'babs@jensen.org', type: 'home' },
              ],
              nickname: 'Babs',
            },
          },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(pathless.body.nickName, 'Babs');
    assert.equal(pathless.body.emails.length, 2);
    assert.equal(pathless.headers.etag, 'W/"4"');
  });
});

describe('§3.6 deleting resources', () => {
  test('DELETE /Users/{id} → 204, then 404; deleting again is 404', async () => {
    const id = await createUser(s, 'delete-me');
    const del = await s.scim.delete(`${s.base}/Users/${id}`);
    assert.equal(del.status, 204);
    assertScimError(await s.scim.get(`${s.base}/Users/${id}`), 404);
    assertScimError(await s.scim.delete(`${s.base}/Users/${id}`), 404);
  });
});

describe('§3.7 bulk', () => {
  test('POST, PUT, PATCH and DELETE in one request, with a bulkId reference and versions', async () => {
    const put = await createUser(s, 'bulk-put');
    const patch = await createUser(s, 'bulk-patch');
    const del = await createUser(s, 'bulk-del');
    const res = await s.scim.post(
      `${s.base}/Bulk`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        failOnErrors: 1,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'qwerty', data: { schemas: [USER_SCHEMA], userName: 'Alice' } },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'ytrewq',
            data: { schemas: [GROUP_SCHEMA], displayName: 'Tour Guides', members: [{ type: 'User', value: 'bulkId:qwerty' }] },
          },
          {
            method: 'PUT',
            path: `/Users/${put}`,
            version: 'W/"1"',
            data: { schemas: [USER_SCHEMA], id: put, userName: 'bulk-put', name: { givenName: 'Bob' } },
          },
          {
            method: 'PATCH',
            path: `/Users/${patch}`,
            version: 'W/"1"',
            data: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'nickName', value: 'Babs' }] },
          },
          { method: 'DELETE', path: `/Users/${del}`, version: 'W/"1"' },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
    assert.deepEqual(
      res.body.Operations.map((o: { method: string; status: string; bulkId?: string }) => [o.method, o.status, o.bulkId]),
      [
        ['POST', '201', 'qwerty'],
        ['POST', '201', 'ytrewq'],
        ['PUT', '200', undefined],
        ['PATCH', '200', undefined],
        ['DELETE', '204', undefined],
      ],
    );
    assert.equal(res.body.Operations[2].version, 'W/"2"');
    const alice = res.body.Operations[0].location.split('/').at(-1);
    const guides = await s.scim.get(res.body.Operations[1].location.replace('http://switchboard.test', ''));
    assert.deepEqual(
      guides.body.members.map((m: { value: string }) => m.value),
      [alice],
    );
    assertScimError(await s.scim.get(`${s.base}/Users/${del}`), 404);
  });

  test('a reference to a bulkId created later waits for it; failOnErrors stops after that many errors', async () => {
    const forward = await s.scim.post(
      `${s.base}/Bulk`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'Forward', members: [{ value: 'bulkId:u' }] } },
          { method: 'POST', path: '/Users', bulkId: 'u', data: { userName: 'forward-user' } },
        ],
      },
      SCIM_JSON,
    );
    assert.deepEqual(
      forward.body.Operations.map((o: { status: string }) => o.status),
      ['201', '201'],
    );

    const failing = await s.scim.post(
      `${s.base}/Bulk`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        failOnErrors: 1,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'dup', data: { userName: 'Alice' } },
          { method: 'POST', path: '/Users', bulkId: 'never', data: { userName: 'never-created' } },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(failing.status, 200);
    assert.equal(failing.body.Operations.length, 1);
    assert.equal(failing.body.Operations[0].status, '409');
    assert.equal(failing.body.Operations[0].response.scimType, 'uniqueness');
    const never = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq "never-created"')}`);
    assert.equal(never.body.totalResults, 0);
  });
});

describe('§3.14 versioning', () => {
  test('If-Match with a stale version → 412 for PUT, PATCH and DELETE; "*" matches any', async () => {
    const id = await createUser(s, 'etag-user');
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'nickName', value: 'One' }] };
    const first = await s.scim.patch(`${s.base}/Users/${id}`, patch, { ...SCIM_JSON, 'if-match': 'W/"1"' });
    assert.equal(first.status, 200);
    assert.equal(first.headers.etag, 'W/"2"');
    assertScimError(await s.scim.patch(`${s.base}/Users/${id}`, patch, { ...SCIM_JSON, 'if-match': 'W/"1"' }), 412);
    assertScimError(await s.scim.put(`${s.base}/Users/${id}`, { userName: 'etag-user' }, { ...SCIM_JSON, 'if-match': 'W/"1"' }), 412);
    assertScimError(await s.scim.delete(`${s.base}/Users/${id}`, { 'if-match': 'W/"1"' }), 412);
    assert.equal((await s.scim.get(`${s.base}/Users/${id}`)).body.nickName, 'One');
    const star = await s.scim.patch(
      `${s.base}/Users/${id}`,
      { Operations: [{ op: 'replace', path: 'nickName', value: 'Two' }] },
      { ...SCIM_JSON, 'if-match': '*' },
    );
    assert.equal(star.status, 200);
    // A PATCH that changes nothing keeps the version.
    const same = await s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'replace', path: 'nickName', value: 'Two' }] }, SCIM_JSON);
    assert.equal(same.headers.etag, 'W/"3"');
    assert.equal((await s.scim.delete(`${s.base}/Users/${id}`, { 'if-match': 'W/"3"' })).status, 204);
  });
});

/** Users for the query examples. */
async function createQuerySet(setup: ScimSetup): Promise<Record<string, string>> {
  const babs = await createUser(setup, 'babs', {
    schemas: [USER_SCHEMA, ENTERPRISE],
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    title: 'Tour Guide',
    userType: 'Employee',
    emails: [{ value: 'babs@example.com', type: 'work', primary: true }],
    [ENTERPRISE]: { employeeNumber: '701984' },
  });
  const jdoe = await createUser(setup, 'jdoe', { userType: 'Employee', emails: [{ value: 'jdoe@example.org', type: 'home' }] });
  const jsmith = await createUser(setup, 'jsmith', { displayName: 'Smith, John', title: 'Engineer', userType: 'Contractor' });
  const omalley = await createUser(setup, 'omalley', {
    name: { familyName: "O'Malley" },
    userType: 'Intern',
    active: false,
    ims: [{ value: 'om@foo.com', type: 'xmpp' }],
  });
  return { babs, jdoe, jsmith, omalley };
}
