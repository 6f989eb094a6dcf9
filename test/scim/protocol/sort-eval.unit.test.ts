import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSort, parseFilter, type ValuePathNode } from '../../../src/scim/protocol/filter.ts';
import { matchesElement } from '../../../src/scim/protocol/filter-eval.ts';
import { ScimError } from '../../../src/scim/protocol/errors.ts';
import { USER_SCHEMA, findAttr, type AttrDef } from '../../../src/scim/protocol/schemas.ts';

test('compileSort: allow-listed expressions only', () => {
  assert.equal(compileSort(undefined, undefined, 'User'), 'created_at ASC, id ASC');
  assert.equal(compileSort('userName', undefined, 'User'), 'lower(user_name) ASC NULLS LAST, id ASC');
  assert.equal(compileSort('USERNAME', 'Descending', 'User'), 'lower(user_name) DESC NULLS FIRST, id DESC');
  assert.equal(compileSort('meta.lastModified', 'ascending', 'Group'), 'updated_at ASC NULLS LAST, id ASC');
  assert.equal(compileSort('externalId', 'ascending', 'Group'), 'external_id ASC NULLS LAST, id ASC');
  assert.equal(compileSort('name.familyName', undefined, 'User'), "lower(resource #>> '{name,familyName}') ASC NULLS LAST, id ASC");
  for (const bad of ['nosuch', 'userName; DROP TABLE x', "name.familyName') --", 'members', 'name']) {
    assert.throws(
      () => compileSort(bad, undefined, bad === 'members' ? 'Group' : 'User'),
      (e: unknown) => e instanceof ScimError && e.scimType === 'invalidValue',
      bad,
    );
  }
  assert.throws(() => compileSort('userName', 'sideways', 'User'), ScimError);
});

test('matchesElement: the in-memory twin of the SQL rules', () => {
  const emails = findAttr(USER_SCHEMA.attributes, 'emails') as AttrDef;
  const el = { value: 'Ada@Example.com', type: 'work', primary: true };
  const m = (f: string) => matchesElement((parseFilter(`emails[${f}]`) as ValuePathNode).filter, el, emails);
  assert.equal(m('type eq "WORK"'), true);
  assert.equal(m('value ew "example.COM" and primary eq "True"'), true);
  assert.equal(m('type eq "home" or not (primary eq false)'), true);
  assert.equal(m('display pr'), false);
  assert.equal(m('display eq null'), true);
  assert.equal(m('value sw "ada@" and type ne "work"'), false);
  assert.equal(m('value gt "A"'), true);
  assert.throws(
    () => m('nosuch eq "x"'),
    (e: unknown) => e instanceof ScimError && e.scimType === 'invalidFilter',
  );
  assert.throws(() => m('primary gt true'), ScimError);
});
