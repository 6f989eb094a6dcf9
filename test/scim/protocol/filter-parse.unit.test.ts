import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter, parsePatchPath } from '../../../src/scim/protocol/filter-parse.ts';
import { ScimError } from '../../../src/scim/protocol/errors.ts';

function rejects(filter: string, scimType = 'invalidFilter') {
  assert.throws(
    () => parseFilter(filter),
    (err: unknown) => err instanceof ScimError && err.scimType === scimType && err.status === 400,
    filter,
  );
}

test('parses a simple comparison; operators and attribute names in any case', () => {
  assert.deepEqual(parseFilter('userName eq "bjensen"'), { op: 'eq', path: { attr: 'userName' }, value: 'bjensen' });
  assert.deepEqual(parseFilter('UserName EQ "john"'), { op: 'eq', path: { attr: 'UserName' }, value: 'john' });
  assert.deepEqual(parseFilter('title pr'), { op: 'pr', path: { attr: 'title' } });
  assert.deepEqual(parseFilter('title PR'), { op: 'pr', path: { attr: 'title' } });
});

test('accepts unquoted values the way identity providers send them', () => {
  assert.deepEqual(parseFilter('userName eq john@x.com'), {
    op: 'eq',
    path: { attr: 'userName' },
    value: 'john@x.com',
    raw: 'john@x.com',
  });
  assert.deepEqual(parseFilter('active eq True'), { op: 'eq', path: { attr: 'active' }, value: true, raw: 'True' });
  assert.deepEqual(parseFilter('active eq "True"'), { op: 'eq', path: { attr: 'active' }, value: 'True' });
  assert.deepEqual(parseFilter('externalId eq 00123'), { op: 'eq', path: { attr: 'externalId' }, value: 123, raw: '00123' });
  assert.deepEqual(parseFilter('title eq null'), { op: 'eq', path: { attr: 'title' }, value: null, raw: 'null' });
});

test('URN-qualified and sub-attribute paths', () => {
  assert.deepEqual(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"').valueOf(), {
    op: 'eq',
    path: { urn: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attr: 'employeeNumber' },
    value: '701984',
  });
  assert.deepEqual(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName sw "J"'), {
    op: 'sw',
    path: { urn: 'urn:ietf:params:scim:schemas:core:2.0:User', attr: 'name', sub: 'familyName' },
    value: 'J',
  });
  assert.deepEqual(parseFilter('members.$ref pr'), { op: 'pr', path: { attr: 'members', sub: '$ref' } });
});

test('precedence: not over and over or; parentheses group', () => {
  const f = parseFilter('a eq "1" or b eq "2" and not (c eq "3")');
  assert.deepEqual(f, {
    op: 'or',
    filters: [
      { op: 'eq', path: { attr: 'a' }, value: '1' },
      {
        op: 'and',
        filters: [
          { op: 'eq', path: { attr: 'b' }, value: '2' },
          { op: 'not', filter: { op: 'eq', path: { attr: 'c' }, value: '3' } },
        ],
      },
    ],
  });
  const g = parseFilter('(a eq "1" or b eq "2") AND c pr');
  assert.equal(g.op, 'and');
});

test('complex attribute filter and the sub-attribute after it fold into one element test', () => {
  assert.deepEqual(parseFilter('emails[type eq "work" and value co "@example.com"]'), {
    op: '[]',
    path: { attr: 'emails' },
    filter: {
      op: 'and',
      filters: [
        { op: 'eq', path: { attr: 'type' }, value: 'work' },
        { op: 'co', path: { attr: 'value' }, value: '@example.com' },
      ],
    },
  });
  assert.deepEqual(parseFilter('emails[type eq "work"].value eq "a@b.c"'), {
    op: '[]',
    path: { attr: 'emails' },
    filter: {
      op: 'and',
      filters: [
        { op: 'eq', path: { attr: 'type' }, value: 'work' },
        { op: 'eq', path: { attr: 'value' }, value: 'a@b.c' },
      ],
    },
  });
});

test('string escapes follow JSON; an unknown escape is taken literally', () => {
  assert.equal((parseFilter(String.raw`userName eq "a\"b"`) as { value: string }).value, 'a"b');
  assert.equal((parseFilter(String.raw`userName eq "a\\b"`) as { value: string }).value, 'a\\b');
  assert.equal((parseFilter(String.raw`userName eq "a\qb"`) as { value: string }).value, 'aqb');
});

test('malformed filters are invalidFilter', () => {
  for (const f of [
    '',
    '   ',
    'userName',
    'userName eq',
    'userName xx "a"',
    'userName eq "unterminated',
    '(userName eq "a"',
    'userName eq "a")',
    'emails[type eq "work"',
    'emails[type eq "work"] extra',
    'emails[value[type eq "x"]]',
    'and eq "x" or',
    'user\'Name eq "x"',
    'userName; DROP TABLE scim_users eq "x"',
    '"quoted" eq "x"',
  ]) {
    rejects(f);
  }
});

test('size and depth limits reject hostile input', () => {
  rejects(`userName eq "${'a'.repeat(5000)}"`);
  rejects(`${'('.repeat(40)}userName eq "a"${')'.repeat(40)}`);
  rejects(`${'not '.repeat(40)}(userName eq "a")`);
  // Within the limits it parses.
  parseFilter(`${'('.repeat(20)}userName eq "a"${')'.repeat(20)}`);
  assert.throws(() => parseFilter('userName eq "a"', { maxLength: 5 }), ScimError);
});

test('PATCH paths: attribute, value filter, and value filter with sub-attribute', () => {
  assert.deepEqual(parsePatchPath('name.familyName'), { path: { attr: 'name', sub: 'familyName' } });
  assert.deepEqual(parsePatchPath('members[value eq "2819c223-7f76-453a-919d-413861904646"]'), {
    path: { attr: 'members' },
    filter: { op: 'eq', path: { attr: 'value' }, value: '2819c223-7f76-453a-919d-413861904646' },
  });
  assert.deepEqual(parsePatchPath('addresses[type eq "work"].streetAddress'), {
    path: { attr: 'addresses' },
    filter: { op: 'eq', path: { attr: 'type' }, value: 'work' },
    subAttr: 'streetAddress',
  });
  assert.deepEqual(parsePatchPath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager'), {
    path: { urn: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attr: 'manager' },
  });
  for (const bad of ['', 'emails[type eq "work"', 'a b', 'emails[type eq "x"]trailing', 'x;y']) {
    assert.throws(
      () => parsePatchPath(bad),
      (err: unknown) => err instanceof ScimError && err.scimType === 'invalidPath',
      bad,
    );
  }
});
