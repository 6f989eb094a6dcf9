// The PATCH examples of RFC 7644 §3.5.2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch, type JsonObject } from '../../../src/scim/protocol/patch.ts';
import { ScimError } from '../../../src/scim/protocol/errors.ts';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const BABS = '2819c223-7f76-453a-919d-413861904646';
const MANDY = '902c246b-6245-4190-8e05-00816be7344a';

const body = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

function user(): JsonObject {
  return {
    schemas: [USER_SCHEMA],
    userName: 'bjensen',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [
      { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA', primary: true },
      { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA' },
    ],
  };
}

const group = (): JsonObject => ({ schemas: [GROUP_SCHEMA], displayName: 'Tour Guides' });

function scimError(type: string) {
  return (err: unknown) => err instanceof ScimError && err.scimType === type && err.status === 400;
}

test('add members: a membership set operation, the resource stays member-free', () => {
  const r = applyPatch(
    group(),
    body({
      op: 'add',
      path: 'members',
      value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS }],
    }),
    'Group',
  );
  assert.deepEqual(r.members, { add: [{ value: BABS, display: 'Babs Jensen' }], remove: [] });
  assert.deepEqual(r.resource, group());
  assert.equal(r.modified, true);
});

test('path-less add with an object value (attribute names in any case)', () => {
  const r = applyPatch(
    user(),
    body({
      op: 'add',
      value: {
        emails: [
          { value: 'babs@jensen.org', type: 'home' },
          { value: 'babs@new.org', type: 'other' },
        ],
        nickname: 'Babs',
      },
    }),
    'User',
  );
  assert.equal(r.resource.nickName, 'Babs');
  assert.equal(Object.hasOwn(r.resource, 'nickname'), false);
  // The duplicate home email is not added twice.
  assert.deepEqual((r.resource.emails as unknown[]).length, 3);
});

test('remove a single member, several members, and all members', () => {
  assert.deepEqual(applyPatch(group(), body({ op: 'remove', path: `members[value eq "${BABS}"]` }), 'Group').members, {
    add: [],
    remove: [BABS],
  });
  assert.deepEqual(
    applyPatch(group(), body({ op: 'remove', path: `members[value eq "${BABS}"]` }, { op: 'remove', path: `members[value eq "${MANDY}"]` }), 'Group').members,
    { add: [], remove: [BABS, MANDY] },
  );
  assert.deepEqual(applyPatch(group(), body({ op: 'remove', path: 'members' }), 'Group').members, { add: [], remove: 'all' });
});

test('remove from a multi-valued attribute with a complex filter', () => {
  const r = applyPatch(user(), body({ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }), 'User');
  assert.deepEqual(r.resource.emails, [{ value: 'babs@jensen.org', type: 'home' }]);
  const none = applyPatch(user(), body({ op: 'remove', path: 'emails[type eq "work"]' }, { op: 'remove', path: 'emails[type eq "home"]' }), 'User');
  assert.equal(Object.hasOwn(none.resource, 'emails'), false);
});

test('replace all members: remove then add', () => {
  const r = applyPatch(
    group(),
    body(
      { op: 'remove', path: 'members' },
      {
        op: 'add',
        path: 'members',
        value: [
          { display: 'Babs Jensen', value: BABS },
          { display: 'James Smith', value: MANDY },
        ],
      },
    ),
    'Group',
  );
  assert.deepEqual(r.members, {
    add: [
      { value: BABS, display: 'Babs Jensen' },
      { value: MANDY, display: 'James Smith' },
    ],
    remove: 'all',
  });
  const viaReplace = applyPatch(
    group(),
    body({
      op: 'replace',
      path: 'members',
      value: [
        { display: 'Babs Jensen', value: BABS },
        { display: 'James Smith', value: MANDY },
      ],
    }),
    'Group',
  );
  assert.deepEqual(viaReplace.members, r.members);
});

test('replace a work address selected by filter, and one of its sub-attributes', () => {
  const address = {
    type: 'work',
    streetAddress: '911 Universal City Plaza',
    locality: 'Hollywood',
    region: 'CA',
    postalCode: '91608',
    country: 'US',
    formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
    primary: true,
  };
  const r = applyPatch(user(), body({ op: 'replace', path: 'addresses[type eq "work"]', value: address }), 'User');
  assert.deepEqual((r.resource.addresses as unknown[])[0], address);
  assert.equal((r.resource.addresses as JsonObject[])[1].type, 'home');

  const s = applyPatch(user(), body({ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }), 'User');
  assert.equal((s.resource.addresses as JsonObject[])[0].streetAddress, '1010 Broadway Ave');
  assert.equal((s.resource.addresses as JsonObject[])[0].locality, 'Hollywood');
});

test('path-less replace with an object value', () => {
  const r = applyPatch(
    user(),
    body({
      op: 'replace',
      value: {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
        nickname: 'Babs',
      },
    }),
    'User',
  );
  assert.equal(r.resource.nickName, 'Babs');
  assert.equal((r.resource.emails as unknown[]).length, 2);
});

test('replace on a complex attribute merges sub-attributes; sub-attribute paths', () => {
  const r = applyPatch(user(), body({ op: 'replace', path: 'name', value: { givenName: 'Babs' } }), 'User');
  assert.deepEqual(r.resource.name, { givenName: 'Babs', familyName: 'Jensen' });
  const s = applyPatch(user(), body({ op: 'replace', path: 'NAME.FAMILYNAME', value: 'Jensen-Smith' }), 'User');
  assert.deepEqual(s.resource.name, { givenName: 'Barbara', familyName: 'Jensen-Smith' });
  const t = applyPatch(user(), body({ op: 'remove', path: 'name.givenName' }, { op: 'remove', path: 'name.familyName' }), 'User');
  assert.equal(Object.hasOwn(t.resource, 'name'), false);
});

test('replace with a filter that matches nothing is noTarget unless the filter describes the element', () => {
  assert.throws(() => applyPatch(user(), body({ op: 'replace', path: 'emails[value co "nobody"]', value: { value: 'x@y.z' } }), 'User'), scimError('noTarget'));
  const r = applyPatch(user(), body({ op: 'replace', path: 'emails[type eq "other"].value', value: 'o@x.z' }), 'User');
  assert.deepEqual((r.resource.emails as unknown[])[2], { type: 'other', value: 'o@x.z' });
});

test('a primary true value demotes the previous primary', () => {
  const r = applyPatch(user(), body({ op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'work', primary: true }] }), 'User');
  const emails = r.resource.emails as JsonObject[];
  assert.deepEqual(
    emails.map((e) => e.primary === true),
    [false, false, true],
  );
  const s = applyPatch(user(), body({ op: 'replace', path: 'emails[type eq "home"].primary', value: true }), 'User');
  assert.deepEqual(
    (s.resource.emails as JsonObject[]).map((e) => e.primary),
    [false, true],
  );
});

test('invalid operations are rejected with the RFC scimType', () => {
  assert.throws(() => applyPatch(user(), body({ op: 'move', path: 'title', value: 'x' }), 'User'), scimError('invalidSyntax'));
  assert.throws(() => applyPatch(user(), body({ op: 'remove' }), 'User'), scimError('noTarget'));
  // an unknown attribute in a PATCH path: refused under the reject policy (the path is what is wrong), ignored by default
  assert.throws(() => applyPatch(user(), body({ op: 'add', path: 'nosuch', value: 'x' }), 'User', { unknownAttributes: 'reject' }), scimError('invalidPath'));
  assert.equal(applyPatch(user(), body({ op: 'add', path: 'nosuch', value: 'x' }), 'User').modified, false);
  assert.throws(() => applyPatch(user(), body({ op: 'add', path: 'emails[type eq "work"', value: 'x' }), 'User'), scimError('invalidPath'));
  assert.throws(() => applyPatch(user(), body({ op: 'add', path: 'emails[nosuch eq "work"].value', value: 'x' }), 'User'), scimError('invalidPath'));
  assert.throws(() => applyPatch(user(), body({ op: 'add', path: 'title' }), 'User'), scimError('invalidValue'));
  assert.throws(() => applyPatch(user(), body({ op: 'add', value: 'not-an-object' }), 'User'), scimError('invalidValue'));
  assert.throws(() => applyPatch(user(), body({ op: 'replace', path: 'active', value: 'maybe' }), 'User'), scimError('invalidValue'));
  assert.throws(() => applyPatch(user(), body({ op: 'replace', path: 'title', value: { a: 1 } }), 'User'), scimError('invalidValue'));
  assert.throws(() => applyPatch(user(), body({ op: 'replace', path: 'id', value: 'x' }), 'User'), scimError('mutability'));
  assert.throws(() => applyPatch(user(), body({ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }), 'User'), scimError('mutability'));
  assert.throws(() => applyPatch(user(), body({ op: 'add', path: 'groups', value: [{ value: BABS }] }), 'User'), scimError('mutability'));
  assert.throws(() => applyPatch(user(), body({ op: 'remove', path: 'userName' }), 'User'), scimError('invalidValue'));
  assert.throws(() => applyPatch(group(), body({ op: 'remove', path: 'displayName' }), 'Group'), scimError('invalidValue'));
  assert.throws(() => applyPatch(user(), { schemas: [PATCH] }, 'User'), scimError('invalidSyntax'));
  assert.throws(() => applyPatch(group(), body({ op: 'add', path: 'members', value: [{ value: 'not-a-uuid' }] }), 'Group'), scimError('invalidValue'));
  assert.throws(() => applyPatch(group(), body({ op: 'remove', path: 'members[display eq "Babs"]' }), 'Group'), scimError('invalidPath'));
  assert.throws(() => applyPatch(group(), body({ op: 'add', path: 'members', value: [{ value: BABS, type: 'Robot' }] }), 'Group'), scimError('invalidValue'));
});

test('the input resource is not mutated and a no-op reports modified: false', () => {
  const u = user();
  const snapshot = structuredClone(u);
  const r = applyPatch(u, body({ op: 'replace', path: 'title', value: 'Boss' }), 'User');
  assert.deepEqual(u, snapshot);
  assert.equal(r.resource.title, 'Boss');
  const same = applyPatch(u, body({ op: 'replace', path: 'userName', value: 'bjensen' }, { op: 'remove', path: 'title' }), 'User');
  assert.equal(same.modified, false);
  assert.equal(same.members, undefined);
});

test('unknown attributes can be ignored instead of rejected', () => {
  const r = applyPatch(user(), body({ op: 'replace', value: { nosuch: 1, title: 'T', emails: [{ value: 'a@b.c', weird: 1 }] } }), 'User', {
    unknownAttributes: 'ignore',
  });
  assert.equal(r.resource.title, 'T');
  assert.equal(Object.hasOwn(r.resource, 'nosuch'), false);
  assert.deepEqual(r.resource.emails, [{ value: 'a@b.c' }]);
});
