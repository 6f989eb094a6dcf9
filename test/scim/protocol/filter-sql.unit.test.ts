import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileFilter, filterToSql, parseFilter } from '../../../src/scim/protocol/filter.ts';
import { ScimError } from '../../../src/scim/protocol/errors.ts';

const EMAILS = `jsonb_array_elements(CASE WHEN jsonb_typeof(resource #> '{emails}') = 'array' THEN resource #> '{emails}' ELSE '[]'::jsonb END)`;

function invalid(filter: string, rt: 'User' | 'Group' = 'User') {
  assert.throws(
    () => filterToSql(filter, rt),
    (err: unknown) => err instanceof ScimError && err.scimType === 'invalidFilter' && err.status === 400,
    filter,
  );
}

test('RFC 7644 §3.4.2.2 examples all compile', () => {
  const examples = [
    'userName eq "bjensen"',
    'name.familyName co "O\'Malley"',
    'userName sw "J"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    'title pr',
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    'title pr and userType eq "Employee"',
    'title pr or userType eq "Intern"',
    'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'userType eq "Employee" and (emails.type eq "work")',
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    'userName Eq "john"',
    'Username eq "john"',
  ];
  for (const f of examples) {
    const { sql, params } = filterToSql(f, 'User');
    assert.ok(sql.length > 0, f);
    // Every parameter placeholder refers to a bound value, and every value is bound.
    const placeholders = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    assert.equal(placeholders.size, params.length, f);
  }
});

test('userName eq compares lower(user_name) so the unique index serves it', () => {
  assert.deepEqual(filterToSql('userName eq "BJensen"', 'User'), {
    sql: '(lower(user_name) = lower($1::text))',
    params: ['BJensen'],
  });
  assert.deepEqual(filterToSql('USERNAME EQ john@x.com', 'User', 4), {
    sql: '(lower(user_name) = lower($4::text))',
    params: ['john@x.com'],
  });
});

test('column-mapped attributes', () => {
  assert.deepEqual(filterToSql('externalId eq "E-1"', 'User'), { sql: '(external_id = $1::text)', params: ['E-1'] });
  assert.deepEqual(filterToSql('active eq true', 'User'), { sql: '(active = $1::boolean)', params: [true] });
  assert.deepEqual(filterToSql('active eq "False"', 'User'), { sql: '(active = $1::boolean)', params: [false] });
  assert.deepEqual(filterToSql('displayName eq "Admins"', 'Group'), {
    sql: '(lower(display_name) = lower($1::text))',
    params: ['Admins'],
  });
  assert.deepEqual(filterToSql('id eq "2819C223-7F76-453A-919D-413861904646"', 'User'), {
    sql: '(id = $1::uuid)',
    params: ['2819c223-7f76-453a-919d-413861904646'],
  });
  assert.deepEqual(filterToSql('meta.created ge "2024-01-02T03:04:05Z"', 'Group'), {
    sql: "(date_trunc('milliseconds', created_at) >= $1::timestamptz)",
    params: ['2024-01-02T03:04:05.000Z'],
  });
});

test('jsonb attributes, sub-attributes and the enterprise extension', () => {
  assert.deepEqual(filterToSql('name.familyName co "O\'Malley"', 'User'), {
    sql: "(resource #>> '{name,familyName}' ILIKE $1::text)",
    params: ["%O'Malley%"],
  });
  assert.deepEqual(filterToSql('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"', 'User'), {
    sql: `(lower(resource #>> '{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",employeeNumber}') = lower($1::text))`,
    params: ['701984'],
  });
  assert.deepEqual(filterToSql('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m1"', 'User'), {
    sql: `(lower(resource #>> '{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",manager,value}') = lower($1::text))`,
    params: ['m1'],
  });
  assert.deepEqual(filterToSql('title pr', 'User'), {
    sql: `coalesce(resource #> '{title}' NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`,
    params: [],
  });
});

test('multi-valued attributes become EXISTS over jsonb_array_elements', () => {
  assert.deepEqual(filterToSql('emails[type eq "work" and value co "@example.com"]', 'User'), {
    sql: `EXISTS (SELECT 1 FROM ${EMAILS} AS e1(v) WHERE ((lower(e1.v ->> 'type') = lower($1::text)) AND (e1.v ->> 'value' ILIKE $2::text)))`,
    params: ['work', '%@example.com%'],
  });
  // Sub-attribute after the value filter: the same element must satisfy both.
  assert.deepEqual(filterToSql('emails[type eq "work"].value eq "a@b.c"', 'User'), {
    sql: `EXISTS (SELECT 1 FROM ${EMAILS} AS e1(v) WHERE ((lower(e1.v ->> 'type') = lower($1::text)) AND (lower(e1.v ->> 'value') = lower($2::text))))`,
    params: ['work', 'a@b.c'],
  });
  // No sub-attribute: a complex multi-valued attribute compares its "value".
  assert.deepEqual(filterToSql('emails co "example.com"', 'User'), {
    sql: `EXISTS (SELECT 1 FROM ${EMAILS} AS e1(v) WHERE (e1.v ->> 'value' ILIKE $1::text))`,
    params: ['%example.com%'],
  });
  assert.deepEqual(filterToSql('emails[primary eq "True"]', 'User'), {
    sql: `EXISTS (SELECT 1 FROM ${EMAILS} AS e1(v) WHERE (e1.v -> 'primary' = to_jsonb($1::boolean)))`,
    params: [true],
  });
});

test('Group members filters query the membership table, never the jsonb', () => {
  const id = '2819c223-7f76-453a-919d-413861904646';
  const expected = {
    sql: 'EXISTS (SELECT 1 FROM scim_group_members m1 WHERE m1.group_id = scim_groups.id AND ((m1.member_id = $1::uuid)))',
    params: [id],
  };
  assert.deepEqual(filterToSql(`members[value eq "${id}"]`, 'Group'), expected);
  assert.deepEqual(filterToSql(`members.value eq "${id}"`, 'Group'), expected);
  assert.deepEqual(filterToSql(`members eq "${id}"`, 'Group'), expected);
  // A malformed id matches nothing instead of failing the ::uuid cast.
  assert.deepEqual(filterToSql('members[value eq "not-a-uuid"]', 'Group'), {
    sql: 'EXISTS (SELECT 1 FROM scim_group_members m1 WHERE m1.group_id = scim_groups.id AND (FALSE))',
    params: [],
  });
  assert.deepEqual(filterToSql('id eq "x\' OR 1=1"', 'Group'), { sql: 'FALSE', params: [] });
  assert.deepEqual(filterToSql('members pr', 'Group', 1, { tableRef: 'g' }), {
    sql: 'EXISTS (SELECT 1 FROM scim_group_members m1 WHERE m1.group_id = g.id)',
    params: [],
  });
  assert.throws(() => filterToSql('members pr', 'Group', 1, { tableRef: 'g; drop' }), TypeError);
});

test('co/sw/ew escape LIKE wildcards; case-exact attributes use LIKE', () => {
  assert.deepEqual(filterToSql('userName co "50%_off\\\\x"', 'User'), {
    sql: '(user_name ILIKE $1::text)',
    params: ['%50\\%\\_off\\\\x%'],
  });
  assert.deepEqual(filterToSql('userName sw "J"', 'User'), { sql: '(user_name ILIKE $1::text)', params: ['J%'] });
  assert.deepEqual(filterToSql('userName ew "x.com"', 'User'), { sql: '(user_name ILIKE $1::text)', params: ['%x.com'] });
  assert.deepEqual(filterToSql('externalId sw "E"', 'User'), { sql: '(external_id LIKE $1::text)', params: ['E%'] });
});

test('logical operators and not keep absent attributes matching', () => {
  assert.deepEqual(filterToSql('not (title eq "x")', 'User'), {
    sql: "(NOT coalesce((lower(resource #>> '{title}') = lower($1::text)), false))",
    params: ['x'],
  });
  assert.deepEqual(filterToSql('userType ne "Employee"', 'User'), {
    sql: "(lower(resource #>> '{userType}') IS DISTINCT FROM lower($1::text))",
    params: ['Employee'],
  });
  const { sql, params } = filterToSql('userName eq "a" or userName eq "b" and active eq false', 'User', 3);
  assert.equal(sql, '((lower(user_name) = lower($3::text)) OR ((lower(user_name) = lower($4::text)) AND (active = $5::boolean)))');
  assert.deepEqual(params, ['a', 'b', false]);
});

test('injection attempts become parameters or invalidFilter', () => {
  const hostile = `x' OR 1=1 --`;
  const { sql, params } = filterToSql(`userName eq "${hostile}"`, 'User');
  assert.equal(sql, '(lower(user_name) = lower($1::text))');
  assert.deepEqual(params, [hostile]);
  const r2 = filterToSql(`name.givenName eq "'); DROP TABLE scim_users; --"`, 'User');
  assert.ok(!r2.sql.includes('DROP'));
  invalid(`userName' OR '1'='1 eq "x"`);
  invalid(`userName;DROP eq "x"`);
  invalid(`name.given"Name eq "x"`);
  invalid(`emails[type' eq "x"]`);
  invalid(`urn:x:y';--:userName eq "x"`);
});

test('property: any string value is bound as a parameter, never spliced into SQL', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 60 }), (value) => {
      const quoted = JSON.stringify(value);
      const { sql, params } = filterToSql(`name.givenName eq ${quoted} or emails[value co ${quoted}]`, 'User');
      assert.deepEqual(params, [value, `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
      // The SQL text is the same whatever the value: values only ever travel as parameters.
      const again = filterToSql(`name.givenName eq "safe" or emails[value co "safe"]`, 'User');
      assert.equal(sql, again.sql);
    }),
    { numRuns: 300 },
  );
});

test('property: arbitrary input never escapes as anything but a ScimError', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      try {
        filterToSql(text, 'User');
      } catch (err) {
        assert.ok(err instanceof ScimError, String(err));
        assert.equal(err.scimType, 'invalidFilter');
      }
    }),
    { numRuns: 1000 },
  );
});

test('property: token soup from the filter grammar never escapes as anything but a ScimError', () => {
  const token = fc.constantFrom(
    'userName',
    'emails',
    'members',
    'name.givenName',
    'active',
    'meta.created',
    'id',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
    'eq',
    'ne',
    'co',
    'gt',
    'pr',
    'and',
    'or',
    'not',
    '(',
    ')',
    '[',
    ']',
    '].value',
    '"x"',
    'True',
    '5',
    'null',
    '"2020-01-01T00:00:00Z"',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 14 }), fc.constantFrom('User' as const, 'Group' as const), (tokens, rt) => {
      try {
        filterToSql(tokens.join(' ').replace(/ \]\.value/g, '].value'), rt);
      } catch (err) {
        assert.ok(err instanceof ScimError, String(err));
        assert.equal(err.scimType, 'invalidFilter');
      }
    }),
    { numRuns: 2000 },
  );
});

test('unknown attributes and type mismatches are invalidFilter', () => {
  invalid('nosuch eq "x"');
  invalid('name.nosuch eq "x"');
  invalid('members[value eq "x"]', 'User');
  invalid('userName eq "x"', 'Group');
  invalid('active gt true');
  invalid('active eq "maybe"');
  invalid('meta.lastModified gt "yesterday"');
  invalid('meta.created co "2011"');
  invalid('name eq "x"');
  invalid('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User eq "x"');
  invalid('members[$ref eq "x"]', 'Group');
  invalid('title[value eq "x"]');
  invalid('userName gt null');
});

test('parameter numbering starts at firstParamIndex and the AST compiles for either type', () => {
  const ast = parseFilter('displayName sw "Eng" and externalId pr');
  assert.deepEqual(compileFilter(ast, 'Group', 7), {
    sql: "((display_name ILIKE $7::text) AND (external_id IS NOT NULL AND external_id <> ''))",
    params: ['Eng%'],
  });
  assert.throws(() => compileFilter(ast, 'Group', 0), RangeError);
});
