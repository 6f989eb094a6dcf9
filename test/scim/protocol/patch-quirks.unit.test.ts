// What Entra ID and Okta actually send, one test per quirk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch, type JsonObject } from '../../../src/scim/protocol/patch.ts';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ID1 = '6a0ef2a4-43c6-4cd5-9d51-3a4a1c5f5e01';
const ID2 = '6a0ef2a4-43c6-4cd5-9d51-3a4a1c5f5e02';
const USER_ID = '1f6e2a1c-0000-4000-8000-00000000000a';

const body = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
const user = (): JsonObject => ({
  schemas: [USER_SCHEMA],
  id: USER_ID,
  userName: 'ada@example.com',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  meta: { resourceType: 'User' },
});
const group = (): JsonObject => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Old' });

test('op in any case: Replace, ADD, Remove', () => {
  const r = applyPatch(
    user(),
    body({ op: 'Replace', path: 'title', value: 'Engineer' }, { op: 'ADD', path: 'nickName', value: 'Countess' }, { op: 'Remove', path: 'name.familyName' }),
    'User',
  );
  assert.equal(r.resource.title, 'Engineer');
  assert.equal(r.resource.nickName, 'Countess');
  assert.deepEqual(r.resource.name, { givenName: 'Ada' });
});

test('booleans sent as strings "True"/"False" are coerced for boolean attributes', () => {
  assert.equal(applyPatch(user(), body({ op: 'Replace', path: 'active', value: 'False' }), 'User').resource.active, false);
  assert.equal(applyPatch(user(), body({ op: 'replace', value: { active: 'TRUE' } }), 'User').resource.active, true);
  const r = applyPatch(user(), body({ op: 'Add', path: 'roles', value: [{ value: 'admin', primary: 'True' }] }), 'User');
  assert.deepEqual(r.resource.roles, [{ value: 'admin', primary: true }]);
  const e = applyPatch(user(), body({ op: 'replace', path: 'emails[type eq "work"].primary', value: 'False' }), 'User');
  assert.equal((e.resource.emails as JsonObject[])[0].primary, false);
  // A string attribute is left as the string.
  assert.equal(applyPatch(user(), body({ op: 'replace', path: 'title', value: 'True' }), 'User').resource.title, 'True');
});

test("Entra's dotted and URN-qualified keys in a path-less replace", () => {
  const r = applyPatch(
    user(),
    body({
      op: 'Replace',
      value: { 'name.givenName': 'A', [`${ENT}:department`]: 'X', [`${ENT}:manager`]: ID1, 'urn:ietf:params:scim:schemas:core:2.0:User:title': 'T' },
    }),
    'User',
  );
  assert.deepEqual(r.resource.name, { givenName: 'A', familyName: 'Lovelace' });
  assert.equal(r.resource.title, 'T');
  assert.deepEqual(r.resource[ENT], { department: 'X', manager: { value: ID1 } });
  assert.deepEqual(r.resource.schemas, [USER_SCHEMA, ENT]);
});

test('URN-qualified paths, and the extension object keyed by its URN', () => {
  const r = applyPatch(
    user(),
    body(
      { op: 'add', path: `${ENT}:employeeNumber`, value: '42' },
      { op: 'add', path: `${ENT.toLowerCase()}:DEPARTMENT`, value: 'R&D' },
      { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:displayName', value: 'Ada L.' },
    ),
    'User',
  );
  assert.deepEqual(r.resource[ENT], { employeeNumber: '42', department: 'R&D' });
  assert.equal(r.resource.displayName, 'Ada L.');
  const s = applyPatch(user(), body({ op: 'add', value: { [ENT]: { costCenter: 'CC1' } } }), 'User');
  assert.deepEqual(s.resource[ENT], { costCenter: 'CC1' });
  const t = applyPatch(s.resource, body({ op: 'remove', path: `${ENT}:costCenter` }), 'User');
  assert.equal(Object.hasOwn(t.resource, ENT), false);
  assert.deepEqual(t.resource.schemas, [USER_SCHEMA]);
});

test('manager sent as a plain string, as an object, and removed', () => {
  const a = applyPatch(user(), body({ op: 'Add', path: `${ENT}:manager`, value: 'mgr-id' }), 'User');
  assert.deepEqual((a.resource[ENT] as JsonObject).manager, { value: 'mgr-id' });
  // A different manager replaces the old server-filled displayName too.
  const withName = { ...user(), [ENT]: { manager: { value: 'old', displayName: 'Old Boss' } } };
  const b = applyPatch(withName, body({ op: 'replace', path: `${ENT}:manager`, value: { value: 'new' } }), 'User');
  assert.deepEqual((b.resource[ENT] as JsonObject).manager, { value: 'new' });
  const c = applyPatch(a.resource, body({ op: 'Remove', path: `${ENT}:manager` }), 'User');
  assert.equal(Object.hasOwn(c.resource, ENT), false);
  // The manager's displayName is read-only: ignored inside a value.
  const d = applyPatch(user(), body({ op: 'add', path: `${ENT}:manager`, value: { value: 'm', displayName: 'M' } }), 'User');
  assert.deepEqual((d.resource[ENT] as JsonObject).manager, { value: 'm' });
});

test('deactivation sent as add on active', () => {
  const r = applyPatch(user(), body({ op: 'add', path: 'active', value: false }), 'User');
  assert.equal(r.resource.active, false);
  assert.equal(r.modified, true);
});

test("Okta's path-less replace carrying id, meta and schemas: read-only ones are ignored", () => {
  const r = applyPatch(
    user(),
    body({
      op: 'replace',
      value: { id: 'something-else', schemas: ['x'], meta: { created: 'x' }, userName: 'ada@new.example', groups: [{ value: ID1 }], active: false },
    }),
    'User',
  );
  assert.equal(r.resource.id, USER_ID);
  assert.deepEqual(r.resource.meta, { resourceType: 'User' });
  assert.deepEqual(r.resource.schemas, [USER_SCHEMA]);
  assert.equal(r.resource.userName, 'ada@new.example');
  assert.equal(r.resource.active, false);
  assert.equal(Object.hasOwn(r.resource, 'groups'), false);
});

test('Entra removes specific members with path "members" and a value list', () => {
  const r = applyPatch(group(), body({ op: 'Remove', path: 'members', value: [{ value: ID1 }, { value: ID2.toUpperCase() }] }), 'Group');
  assert.deepEqual(r.members, { add: [], remove: [ID1, ID2] });
  // Without a value, remove takes every member.
  assert.deepEqual(applyPatch(group(), body({ op: 'remove', path: 'members' }), 'Group').members, { add: [], remove: 'all' });
});

test('group rename with members null renames and leaves members alone', () => {
  const r = applyPatch(group(), body({ op: 'replace', value: { id: 'abc', displayName: 'New', members: null } }), 'Group');
  assert.equal(r.resource.displayName, 'New');
  assert.equal(r.members, undefined);
  assert.equal(Object.hasOwn(r.resource, 'members'), false);
  assert.equal(Object.hasOwn(r.resource, 'id'), false);
});

test('Okta member add and filtered remove in one request; add then remove cancels', () => {
  const r = applyPatch(
    group(),
    body({ op: 'add', path: 'members', value: [{ value: ID1, display: 'One' }, { value: ID2 }] }, { op: 'remove', path: `members[value eq "${ID2}"]` }),
    'Group',
  );
  assert.deepEqual(r.members, { add: [{ value: ID1, display: 'One' }], remove: [ID2] });
  const s = applyPatch(group(), body({ op: 'remove', path: `members[value eq "${ID1}" or value eq "${ID2}"]` }), 'Group');
  assert.deepEqual(s.members, { add: [], remove: [ID1, ID2] });
});

test('a 10,000-member add is a set operation and never reads the member list', () => {
  const value = Array.from({ length: 10_000 }, (_, i) => ({ value: `6a0ef2a4-43c6-4cd5-9d51-${i.toString(16).padStart(12, '0')}`, type: 'User' }));
  const r = applyPatch(group(), body({ op: 'add', path: 'members', value }), 'Group');
  assert.equal(r.members?.add.length, 10_000);
  assert.equal(r.members?.remove.length, 0);
  assert.deepEqual(r.resource, group());
});

test('Entra sets a work email or phone the user does not have yet', () => {
  const r = applyPatch(
    user(),
    body(
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      { op: 'Replace', path: 'addresses[type eq "work"].locality', value: 'London' },
    ),
    'User',
  );
  assert.deepEqual(r.resource.phoneNumbers, [{ type: 'mobile', value: '+1 555 0100' }]);
  assert.deepEqual(r.resource.addresses, [{ type: 'work', locality: 'London' }]);
});

test('password is accepted and never stored', () => {
  const r = applyPatch(user(), body({ op: 'replace', path: 'password', value: 'hunter2' }, { op: 'replace', value: { password: 'x' } }), 'User');
  assert.equal(JSON.stringify(r.resource).includes('hunter2'), false);
  assert.equal(Object.hasOwn(r.resource, 'password'), false);
});

test('replace with null unassigns; "Operations" key and op keys in any case', () => {
  const r = applyPatch(user(), { schemas: [PATCH], operations: [{ OP: 'replace', Path: 'name', Value: null }] }, 'User');
  assert.equal(Object.hasOwn(r.resource, 'name'), false);
});
