import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAttributeRequested, project } from '../../../src/scim/protocol/projection.ts';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  id: 'u1',
  externalId: 'e1',
  userName: 'bjensen',
  password: 'never-returned',
  name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Barbara Jensen' },
  title: 'Guide',
  emails: [
    { value: 'b@x.com', type: 'work', primary: true },
    { value: 'b@home.org', type: 'home' },
  ],
  [ENT]: { employeeNumber: '7', department: 'Tours', manager: { value: 'm1', displayName: 'Boss' } },
  meta: { resourceType: 'User', location: 'https://h/Users/u1' },
};
const ALWAYS = { schemas: user.schemas, id: 'u1', userName: 'bjensen', meta: user.meta };

test('by default everything but returned:never attributes', () => {
  const out = project(user, {}, 'User');
  const { password: _omit, ...rest } = user;
  assert.deepEqual(out, rest);
});

test('attributes: only those plus id, schemas, meta and userName', () => {
  assert.deepEqual(project(user, { attributes: 'title' }, 'User'), { ...ALWAYS, title: 'Guide' });
  assert.deepEqual(project(user, { attributes: ['TITLE', 'externalid'] }, 'User'), { ...ALWAYS, externalId: 'e1', title: 'Guide' });
  assert.deepEqual(project(user, { attributes: 'password' }, 'User'), ALWAYS);
});

test('attributes: sub-attributes of single and multi-valued complex attributes', () => {
  assert.deepEqual(project(user, { attributes: 'name.givenName' }, 'User'), { ...ALWAYS, name: { givenName: 'Barbara' } });
  assert.deepEqual(project(user, { attributes: 'name.givenName,name.familyName' }, 'User'), {
    ...ALWAYS,
    name: { givenName: 'Barbara', familyName: 'Jensen' },
  });
  assert.deepEqual(project(user, { attributes: 'emails.value' }, 'User'), { ...ALWAYS, emails: [{ value: 'b@x.com' }, { value: 'b@home.org' }] });
});

test('attributes: URN-qualified names and whole extension', () => {
  assert.deepEqual(project(user, { attributes: `${ENT}:department` }, 'User'), { ...ALWAYS, [ENT]: { department: 'Tours' } });
  assert.deepEqual(project(user, { attributes: `${ENT}:manager.value` }, 'User'), { ...ALWAYS, [ENT]: { manager: { value: 'm1' } } });
  assert.deepEqual(project(user, { attributes: ENT }, 'User'), { ...ALWAYS, [ENT]: user[ENT] });
  assert.deepEqual(project(user, { attributes: 'urn:ietf:params:scim:schemas:core:2.0:User:title' }, 'User'), { ...ALWAYS, title: 'Guide' });
  // Unknown names are ignored.
  assert.deepEqual(project(user, { attributes: 'nosuch,title' }, 'User'), { ...ALWAYS, title: 'Guide' });
});

test('excludedAttributes: removes, but never id, schemas, meta or userName', () => {
  const out = project(user, { excludedAttributes: 'emails,name.formatted,id,userName,meta,schemas' }, 'User');
  assert.equal(out.emails, undefined);
  assert.deepEqual(out.name, { givenName: 'Barbara', familyName: 'Jensen' });
  assert.equal(out.id, 'u1');
  assert.equal(out.userName, 'bjensen');
  assert.deepEqual(out.meta, user.meta);
  assert.equal(out.password, undefined);
  const noExt = project(user, { excludedAttributes: ENT }, 'User');
  assert.equal(noExt[ENT], undefined);
  const noDept = project(user, { excludedAttributes: `${ENT}:department,emails.type` }, 'User');
  assert.deepEqual(noDept[ENT], { employeeNumber: '7', manager: { value: 'm1', displayName: 'Boss' } });
  assert.deepEqual(noDept.emails, [{ value: 'b@x.com', primary: true }, { value: 'b@home.org' }]);
});

test('Group: excludedAttributes=members and the member-loading hint', () => {
  const g = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: 'g1',
    displayName: 'Admins',
    members: [{ value: 'u1' }],
    meta: { resourceType: 'Group' },
  };
  assert.deepEqual(project(g, { excludedAttributes: 'members' }, 'Group'), { schemas: g.schemas, id: 'g1', displayName: 'Admins', meta: g.meta });
  assert.deepEqual(project(g, { attributes: 'displayName' }, 'Group'), { schemas: g.schemas, id: 'g1', displayName: 'Admins', meta: g.meta });
  assert.equal(isAttributeRequested({ excludedAttributes: 'members' }, 'Group', 'members'), false);
  assert.equal(isAttributeRequested({ excludedAttributes: 'Members' }, 'Group', 'members'), false);
  assert.equal(isAttributeRequested({ attributes: 'displayName' }, 'Group', 'members'), false);
  assert.equal(isAttributeRequested({ attributes: 'members.value' }, 'Group', 'members'), true);
  assert.equal(isAttributeRequested({ excludedAttributes: 'members.display' }, 'Group', 'members'), true);
  assert.equal(isAttributeRequested({}, 'Group', 'members'), true);
  assert.equal(isAttributeRequested({ excludedAttributes: 'groups' }, 'User', 'groups'), false);
  assert.equal(isAttributeRequested({ attributes: 'title' }, 'User', 'userName'), true);
  assert.equal(isAttributeRequested({}, 'User', 'password'), false);
});
