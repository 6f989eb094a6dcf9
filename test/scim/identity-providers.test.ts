// The request shapes Microsoft Entra ID and Okta actually send (bodies as published in
// Microsoft's "Develop and plan provisioning for a SCIM endpoint" and "Known issues … SCIM 2.0
// protocol compliance", and Okta's "SCIM 2.0 Protocol Reference"), and one test per leniency.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import {
  ENTERPRISE,
  GROUP_SCHEMA,
  PATCH_OP,
  SCIM_JSON,
  USER_SCHEMA,
  assertScimError,
  createGroup,
  createUser,
  filterQuery,
  setupScim,
  type ScimSetup,
} from './helpers.ts';

let t: TestRuntime;

before(async () => {
  t = await startTestRuntime({ work: false });
});
after(() => t.close());

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('Microsoft Entra ID', () => {
  let s: ScimSetup;
  let userId: string;
  let groupId: string;
  before(async () => {
    s = await setupScim(t, { source: 'azure-ad' });
  });

  test('Create User', async () => {
    const res = await s.scim.post(
      `${s.base}/Users`,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
        active: true,
        emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        roles: [],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 201, res.text);
    userId = res.body.id;
    assert.equal(res.body.externalId, '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef');
    assert.equal(res.body.active, true);
    assert.deepEqual(res.body.schemas, [USER_SCHEMA], 'an extension without values is not listed');
    assert.equal(res.body.meta.resourceType, 'User');
  });

  test('Get User by query, and the zero-results case', async () => {
    const found = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"')}`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.schemas, [LIST]);
    assert.equal(found.body.totalResults, 1);
    assert.equal(found.body.Resources[0].id, userId);
    const byWorkEmail = await s.scim.get(
      `${s.base}/Users?${filterQuery('emails[type eq "work"].value eq "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"')}`,
    );
    assert.equal(byWorkEmail.body.totalResults, 1);
    const none = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq "non-existent user"')}`);
    assert.deepEqual({ ...none.body }, { schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  test('Update User [Multi-valued properties] and [Single-valued properties]', async () => {
    const multi = await s.scim.patch(
      `${s.base}/Users/${userId}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
          { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(multi.status, 200, multi.text);
    assert.deepEqual(multi.body.emails, [{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
    assert.equal(multi.body.name.familyName, 'updatedFamilyName');
    const single = await s.scim.patch(
      `${s.base}/Users/${userId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }] },
      SCIM_JSON,
    );
    assert.equal(single.body.userName, '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
  });

  test('Replace multiple attributes (aadOptscim062020): emails filter path plus a path-less replace with dotted and URN keys', async () => {
    const res = await s.scim.patch(
      `${s.base}/Users/${userId}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
          {
            op: 'replace',
            value: {
              displayName: 'Bjfe',
              'name.givenName': 'Kkom',
              'name.familyName': 'Unua',
              'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 'Aklq',
            },
          },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.displayName, 'Bjfe');
    assert.equal(res.body.name.givenName, 'Kkom');
    assert.equal(res.body.name.familyName, 'Unua');
    assert.equal(res.body[ENTERPRISE].employeeNumber, 'Aklq');
    assert.ok(res.body.schemas.includes(ENTERPRISE));
    assert.equal(res.body.emails[0].value, 'TestMhvaes@test.microsoft.com');
    // Entra's older job: one op per attribute, op capitalised, URN-qualified path.
    const old = await s.scim.patch(
      `${s.base}/Users/${userId}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Pvlo' },
          { op: 'Replace', path: 'externalId', value: 'Eqpj' },
          { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: 'Eqpj' },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(old.body.displayName, 'Pvlo');
    assert.equal(old.body.externalId, 'Eqpj');
    assert.equal(old.body[ENTERPRISE].employeeNumber, 'Eqpj');
  });

  test('Add a single-value string attribute, both job flavours ("Add" and "add")', async () => {
    const a = await s.scim.patch(`${s.base}/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'nickName', value: 'Babs' }] }, SCIM_JSON);
    assert.equal(a.body.nickName, 'Babs');
    const b = await s.scim.patch(`${s.base}/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'nickName', value: 'Barb' }] }, SCIM_JSON);
    assert.equal(b.body.nickName, 'Barb');
  });

  test('Create Group (with the ADSCIM schema URI), Get Group excluding members, Get by displayName', async () => {
    const res = await s.scim.post(
      `${s.base}/Groups`,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'displayName',
        meta: { resourceType: 'Group' },
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 201, res.text);
    groupId = res.body.id;
    assert.deepEqual(res.body.schemas, [GROUP_SCHEMA]);
    const one = await s.scim.get(`${s.base}/Groups/${groupId}?excludedAttributes=members`);
    assert.equal(one.body.displayName, 'displayName');
    assert.equal(one.body.members, undefined);
    const byName = await s.scim.get(`${s.base}/Groups?excludedAttributes=members&${filterQuery('displayName eq "displayName"')}`);
    assert.equal(byName.body.totalResults, 1);
    assert.equal(byName.body.Resources[0].id, groupId);
  });

  test('Update Group [Add Members] and [Remove Members] → 204, with "$ref": null as sent', async () => {
    const add = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }] }] },
      SCIM_JSON,
    );
    assert.equal(add.status, 204, add.text);
    assert.equal(add.text, '');
    // Entra checks membership with a filter, members excluded.
    const check = await s.scim.get(`${s.base}/Groups?excludedAttributes=members&${filterQuery(`id eq "${groupId}" and members[value eq "${userId}"]`)}`);
    assert.equal(check.body.totalResults, 1);
    const remove = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: userId }] }] },
      SCIM_JSON,
    );
    assert.equal(remove.status, 204);
    const after = await s.scim.get(`${s.base}/Groups?excludedAttributes=members&${filterQuery(`id eq "${groupId}" and members[value eq "${userId}"]`)}`);
    assert.equal(after.body.totalResults, 0);
    // The compliant job removes by filter.
    await s.scim.patch(`${s.base}/Groups/${groupId}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }] }, SCIM_JSON);
    const byFilter = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }] },
      SCIM_JSON,
    );
    assert.equal(byFilter.status, 204);
  });

  test('Update Group [Non-member attributes] → 204', async () => {
    const res = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }] },
      SCIM_JSON,
    );
    assert.equal(res.status, 204);
    assert.equal((await s.scim.get(`${s.base}/Groups/${groupId}`)).body.displayName, '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
  });

  test('Disable User: "False" as a string (old job) and false (compliant job); the user stays readable', async () => {
    const off = await s.scim.patch(
      `${s.base}/Users/${userId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
      SCIM_JSON,
    );
    assert.equal(off.status, 200);
    assert.equal(off.body.active, false);
    await s.scim.patch(`${s.base}/Users/${userId}`, { Operations: [{ op: 'Replace', path: 'active', value: 'True' }] }, SCIM_JSON);
    const compliant = await s.scim.patch(
      `${s.base}/Users/${userId}`,
      { Operations: [{ op: 'replace', path: 'active', value: false }], schemas: [PATCH_OP] },
      SCIM_JSON,
    );
    assert.equal(compliant.body.active, false);
    const filtered = await s.scim.get(`${s.base}/Users?${filterQuery('active eq false')}`);
    assert.deepEqual(
      filtered.body.Resources.map((r: { id: string }) => r.id),
      [userId],
    );
  });

  test('Delete User and Delete Group → 204', async () => {
    assert.equal((await s.scim.delete(`${s.base}/Groups/${groupId}`)).status, 204);
    assert.equal((await s.scim.delete(`${s.base}/Users/${userId}`)).status, 204);
    assertScimError(await s.scim.get(`${s.base}/Users/${userId}`), 404);
  });
});

describe('Okta', () => {
  let s: ScimSetup;
  let userId: string;
  let groupId: string;
  before(async () => {
    s = await setupScim(t, { source: 'okta' });
  });

  test('Determine if the user exists; Create the user (groups and password as Okta sends them)', async () => {
    const lookup = await s.scim.get(`${s.base}/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100`);
    assert.deepEqual(lookup.body, { schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    const res = await s.scim.post(
      `${s.base}/Users`,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Test User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 201, res.text);
    userId = res.body.id;
    assert.equal(res.body.password, undefined, 'a password is never returned');
    assert.equal(res.body.locale, 'en-US');
    const stored = await t.rt.db.query<{ resource: Record<string, unknown> }>('SELECT resource FROM scim_users WHERE id = $1', [userId]);
    assert.ok(!JSON.stringify(stored).includes('1mz050nq'), 'nor stored');
    const dup = await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'Test.User@okta.local' }, SCIM_JSON);
    assertScimError(dup, 409, 'uniqueness');
  });

  test('Retrieve users page by page', async () => {
    const res = await s.scim.get(`${s.base}/Users?startIndex=1&count=100`);
    assert.equal(res.body.totalResults, 1);
    assert.equal(typeof res.body.itemsPerPage, 'number');
  });

  test('Update a specific user (PUT) with id, groups and meta in the body', async () => {
    const res = await s.scim.put(
      `${s.base}/Users/${userId}`,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: userId,
        userName: 'test.user@okta.local',
        name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' }],
        active: true,
        groups: [],
        meta: { resourceType: 'User' },
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, userId);
    assert.deepEqual(res.body.name, { givenName: 'Another', middleName: 'Excited', familyName: 'User' });
  });

  test('Deactivate (path-less replace {active:false}) → 200 with the user', async () => {
    const res = await s.scim.patch(`${s.base}/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }, SCIM_JSON);
    assert.equal(res.status, 200);
    assert.equal(res.body.active, false);
  });

  test('Push a group, rename it (path-less replace carrying id), change and replace its members, delete it', async () => {
    const created = await s.scim.post(`${s.base}/Groups`, { schemas: [GROUP_SCHEMA], displayName: 'Test SCIMv2', members: [] }, SCIM_JSON);
    assert.equal(created.status, 201);
    groupId = created.body.id;
    const list = await s.scim.get(`${s.base}/Groups?startIndex=1&count=100`);
    assert.equal(list.body.totalResults, 1);

    const rename = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Test SCIMv20' } }] },
      SCIM_JSON,
    );
    assert.equal(rename.status, 204);
    const renamed = await s.scim.get(`${s.base}/Groups/${groupId}`);
    assert.equal(renamed.body.displayName, 'Test SCIMv20');
    assert.equal(renamed.body.id, groupId);

    const other = await createUser(s, 'other.user@okta.local');
    const membership = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'remove', path: 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]' },
          { op: 'add', path: 'members', value: [{ value: userId, display: 'test.user@okta.local' }] },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(membership.status, 204, membership.text);
    const full = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'replace',
            path: 'members',
            value: [
              { value: userId, display: 'test.user@okta.local' },
              { value: other, display: 'other.user@okta.local' },
            ],
          },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(full.status, 204);
    const g = await s.scim.get(`${s.base}/Groups/${groupId}`);
    assert.deepEqual(g.body.members.map((m: { value: string }) => m.value).sort(), [userId, other].sort());

    assert.equal((await s.scim.delete(`${s.base}/Groups/${groupId}`)).status, 204);
    assertScimError(await s.scim.get(`${s.base}/Groups/${groupId}`), 404);
  });
});

describe('leniency, one case each', () => {
  let s: ScimSetup;
  before(async () => {
    s = await setupScim(t, { source: 'other' });
  });

  test('op in any case: "ADD", "Replace", "rEmOvE"', async () => {
    const id = await createUser(s, 'ops@x.test');
    const res = await s.scim.patch(
      `${s.base}/Users/${id}`,
      {
        Operations: [
          { op: 'ADD', path: 'title', value: 'A' },
          { op: 'Replace', path: 'nickName', value: 'N' },
          { op: 'rEmOvE', path: 'title' },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.nickName, 'N');
    assert.equal(res.body.title, undefined);
  });

  test('booleans sent as "True"/"False", in bodies and in filters', async () => {
    const id = await createUser(s, 'bools@x.test', { active: 'False', emails: [{ value: 'b@x.test', primary: 'True' }] });
    const got = await s.scim.get(`${s.base}/Users/${id}`);
    assert.equal(got.body.active, false);
    assert.equal(got.body.emails[0].primary, true);
    const filtered = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq "bools@x.test" and active eq False')}`);
    assert.equal(filtered.body.totalResults, 1);
  });

  test('unquoted filter values', async () => {
    await createUser(s, 'john@x.com');
    const res = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq john@x.com')}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.totalResults, 1);
    assert.equal(res.body.Resources[0].userName, 'john@x.com');
  });

  test("Entra's dotted and URN-qualified keys in a path-less replace", async () => {
    const id = await createUser(s, 'dotted@x.test');
    const res = await s.scim.patch(
      `${s.base}/Users/${id}`,
      {
        Operations: [
          { op: 'Replace', value: { 'name.givenName': 'G', [`${ENTERPRISE}:department`]: 'Sales', 'urn:ietf:params:scim:schemas:core:2.0:User:title': 'T' } },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.name.givenName, 'G');
    assert.equal(res.body[ENTERPRISE].department, 'Sales');
    assert.equal(res.body.title, 'T');
  });

  test('members removed by path "members" with a value array removes only those', async () => {
    const a = await createUser(s, 'm-a@x.test');
    const b = await createUser(s, 'm-b@x.test');
    const g = await createGroup(s, 'Remove by value', [a, b]);
    const res = await s.scim.patch(`${s.base}/Groups/${g}`, { Operations: [{ op: 'remove', path: 'members', value: [{ value: a }] }] }, SCIM_JSON);
    assert.equal(res.status, 204);
    assert.deepEqual(
      (await s.scim.get(`${s.base}/Groups/${g}`)).body.members.map((m: { value: string }) => m.value),
      [b],
    );
  });

  test('manager sent as a plain string', async () => {
    const boss = await createUser(s, 'boss@x.test');
    const id = await createUser(s, 'report@x.test');
    const res = await s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: boss }] }, SCIM_JSON);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body[ENTERPRISE].manager, { value: boss });
    const byManager = await s.scim.get(`${s.base}/Users?${filterQuery(`${ENTERPRISE}:manager.value eq "${boss}"`)}`);
    assert.equal(byManager.body.totalResults, 1);
  });

  test('deactivation sent as add on active', async () => {
    const id = await createUser(s, 'add-active@x.test');
    const res = await s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'add', path: 'active', value: false }] }, SCIM_JSON);
    assert.equal(res.body.active, false);
  });

  test('JSON without a content type (and as application/json)', async () => {
    const bare = (payload: string) => t.rt.app!.inject({ method: 'POST', url: `${s.base}/Users`, headers: { authorization: `Bearer ${s.token}` }, payload });
    const res = await bare(JSON.stringify({ userName: 'no-ct@x.test' }));
    assert.equal(res.statusCode, 201, res.body);
    assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
    const plain = await s.scim.post(`${s.base}/Users`, { userName: 'json-ct@x.test' }, { 'content-type': 'application/json' });
    assert.equal(plain.status, 201);
    const charset = await s.scim.post(`${s.base}/Users`, { userName: 'scim-ct@x.test' }, { 'content-type': 'application/scim+json; charset=utf-8' });
    assert.equal(charset.status, 201);
    const broken = await bare('{not json');
    assertScimError({ status: broken.statusCode, body: JSON.parse(broken.body), headers: broken.headers }, 400, 'invalidSyntax');
  });

  test("Okta's path-less replace carrying id leaves the id alone", async () => {
    const id = await createUser(s, 'okta-id@x.test');
    const res = await s.scim.patch(
      `${s.base}/Users/${id}`,
      { Operations: [{ op: 'replace', value: { id: '00000000-0000-4000-8000-000000000000', displayName: 'Okta' } }] },
      SCIM_JSON,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.id, id);
    assert.equal(res.body.displayName, 'Okta');
  });

  test('group rename with members null leaves members alone', async () => {
    const a = await createUser(s, 'keep@x.test');
    const g = await createGroup(s, 'Before', [a]);
    const res = await s.scim.patch(`${s.base}/Groups/${g}`, { Operations: [{ op: 'replace', value: { displayName: 'After', members: null } }] }, SCIM_JSON);
    assert.equal(res.status, 204);
    const got = await s.scim.get(`${s.base}/Groups/${g}`);
    assert.equal(got.body.displayName, 'After');
    assert.deepEqual(
      got.body.members.map((m: { value: string }) => m.value),
      [a],
    );
  });

  test('soft delete: active=false keeps the user readable and filterable', async () => {
    const id = await createUser(s, 'soft@x.test');
    await s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: false }] }, SCIM_JSON);
    const got = await s.scim.get(`${s.base}/Users/${id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.active, false);
    const inactive = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq "soft@x.test" and active eq false')}`);
    assert.equal(inactive.body.totalResults, 1);
    const active = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq "soft@x.test" and active eq true')}`);
    assert.equal(active.body.totalResults, 0);
  });
});
