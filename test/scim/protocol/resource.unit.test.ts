import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnsOf, normalizeResource } from '../../../src/scim/protocol/resource.ts';
import { ScimError } from '../../../src/scim/protocol/errors.ts';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const M1 = '6a0ef2a4-43c6-4cd5-9d51-3a4a1c5f5e01';

test('a POST body becomes the canonical stored resource', () => {
  const { resource } = normalizeResource(
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
      id: 'client-chosen',
      externalId: 'E1',
      USERNAME: 'ada@example.com',
      Active: 'True',
      password: 'hunter2',
      name: { GivenName: 'Ada' },
      emails: [{ Value: 'ada@example.com', type: 'work', primary: 'true' }],
      groups: [{ value: 'g' }],
      meta: { created: 'x' },
      [ENT]: { department: 'R&D', manager: 'mgr-1' },
    },
    'User',
  );
  assert.deepEqual(resource, {
    externalId: 'E1',
    userName: 'ada@example.com',
    active: true,
    name: { givenName: 'Ada' },
    emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
    [ENT]: { department: 'R&D', manager: { value: 'mgr-1' } },
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  });
  assert.deepEqual(columnsOf(resource, 'User'), { userName: 'ada@example.com', displayName: null, externalId: 'E1', active: true });
});

test('required attributes and group members', () => {
  assert.throws(
    () => normalizeResource({ name: { givenName: 'x' } }, 'User'),
    (e: unknown) => e instanceof ScimError && e.scimType === 'invalidValue',
  );
  assert.throws(() => normalizeResource([], 'Group'), ScimError);
  const g = normalizeResource({ displayName: 'Eng', members: [{ value: M1, type: 'user' }] }, 'Group');
  assert.deepEqual(g.resource, { displayName: 'Eng', schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] });
  assert.deepEqual(g.members, [{ value: M1, type: 'User' }]);
  assert.equal(normalizeResource({ displayName: 'Eng' }, 'Group').members, undefined);
  assert.deepEqual(normalizeResource({ displayName: 'Eng', members: [] }, 'Group').members, []);
  assert.deepEqual(columnsOf(g.resource, 'Group'), { displayName: 'Eng', externalId: null });
});
