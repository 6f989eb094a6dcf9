// Runs compiled filters and sorts against real PostgreSQL (embedded PGlite) to prove the SQL
// executes and means what the SCIM filter says.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { compileSort, filterToSql } from '../../../src/scim/protocol/filter.ts';
import type { ResourceType } from '../../../src/scim/protocol/schemas.ts';

const CONFIG = '00000000-0000-4000-8000-000000000001';
const U1 = '10000000-0000-4000-8000-000000000001';
const U2 = '10000000-0000-4000-8000-000000000002';
const U3 = '10000000-0000-4000-8000-000000000003';
const G1 = '20000000-0000-4000-8000-000000000001';
const G2 = '20000000-0000-4000-8000-000000000002';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let db: PGlite;

before(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE scim_users (
      id uuid PRIMARY KEY, configuration_id uuid NOT NULL, user_name text NOT NULL, external_id text,
      active boolean NOT NULL DEFAULT true, display_name text, resource jsonb NOT NULL,
      created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version integer NOT NULL DEFAULT 1);
    CREATE UNIQUE INDEX scim_users_name ON scim_users (configuration_id, lower(user_name));
    CREATE TABLE scim_groups (
      id uuid PRIMARY KEY, configuration_id uuid NOT NULL, display_name text NOT NULL, external_id text,
      resource jsonb NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version integer NOT NULL DEFAULT 1);
    CREATE TABLE scim_group_members (group_id uuid NOT NULL, member_id uuid NOT NULL, member_type text NOT NULL, display text,
      PRIMARY KEY (group_id, member_id));
  `);
  const users = [
    {
      id: U1,
      userName: 'BJensen@Example.com',
      externalId: 'E-1',
      active: true,
      displayName: 'Babs Jensen',
      created: '2024-01-01T10:00:00.123456Z',
      resource: {
        userName: 'BJensen@Example.com',
        name: { givenName: 'Barbara', familyName: "O'Malley" },
        title: 'Tour Guide',
        userType: 'Employee',
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@home.org', type: 'home' },
        ],
        [ENT]: { employeeNumber: '701984', department: '50%_off', manager: { value: U2 } },
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
      },
    },
    {
      id: U2,
      userName: 'mary',
      externalId: null,
      active: false,
      displayName: null,
      created: '2024-02-01T10:00:00Z',
      resource: {
        userName: 'mary',
        name: { givenName: 'Mary' },
        userType: 'Intern',
        title: '',
        emails: [
          { value: 'mary@example.org', type: 'home' },
          { value: 'mary@work.example', type: 'work' },
        ],
        [ENT]: { department: '50 percent' },
      },
    },
    {
      id: U3,
      userName: 'zed',
      externalId: 'e-1',
      active: true,
      displayName: 'Zed',
      created: '2024-03-01T10:00:00Z',
      // Bad data must not break queries: emails as an object, not an array.
      resource: { userName: 'zed', emails: { value: 'zed@example.com' }, phoneNumbers: [{ value: '555', type: 'work' }] },
    },
  ];
  for (const u of users) {
    await db.query(
      `INSERT INTO scim_users (id, configuration_id, user_name, external_id, active, display_name, resource, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [u.id, CONFIG, u.userName, u.externalId, u.active, u.displayName, JSON.stringify(u.resource), u.created],
    );
  }
  await db.query(
    `INSERT INTO scim_groups (id, configuration_id, display_name, resource, created_at, updated_at)
     VALUES ($1, $3, 'Admins', '{"displayName":"Admins"}', now(), now()), ($2, $3, 'Everyone', '{"displayName":"Everyone"}', now(), now())`,
    [G1, G2, CONFIG],
  );
  await db.query(
    `INSERT INTO scim_group_members VALUES ($1, $3, 'User', 'Babs'), ($2, $3, 'User', 'Babs'), ($2, $4, 'User', 'Mary'), ($2, $1, 'Group', 'Admins')`,
    [G1, G2, U1, U2],
  );
});

after(async () => {
  await db.close();
});

async function ids(rt: ResourceType, filter: string, sortBy?: string, sortOrder?: string): Promise<string[]> {
  const table = rt === 'User' ? 'scim_users' : 'scim_groups';
  const where = filterToSql(filter, rt, 2);
  const order = compileSort(sortBy, sortOrder, rt);
  const res = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE configuration_id = $1 AND ${where.sql} ORDER BY ${order}`, [
    CONFIG,
    ...where.params,
  ]);
  return res.rows.map((r) => r.id);
}

test('userName eq is case-insensitive and uses the lower(user_name) index', async () => {
  assert.deepEqual(await ids('User', 'userName eq "bjensen@example.COM"'), [U1]);
  assert.deepEqual(await ids('User', 'USERNAME EQ MARY'), [U2]);
  await db.exec('SET enable_seqscan = off');
  try {
    const where = filterToSql('userName eq "mary"', 'User', 2);
    const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM scim_users WHERE configuration_id = $1 AND ${where.sql}`, [
      CONFIG,
      ...where.params,
    ]);
    assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /scim_users_name/);
  } finally {
    await db.exec('RESET enable_seqscan');
  }
});

test('externalId is case-exact', async () => {
  assert.deepEqual(await ids('User', 'externalId eq "E-1"'), [U1]);
  assert.deepEqual(await ids('User', 'externalId eq "e-1"'), [U3]);
});

test('complex attribute filter needs one element to satisfy every clause', async () => {
  assert.deepEqual(await ids('User', 'emails[type eq "work" and value co "@example.com"]'), [U1]);
  assert.deepEqual(await ids('User', 'emails[type eq "home" and value co "example.org"]'), [U2]);
  // mary has a home address at example.org and a work one elsewhere: no single work element matches.
  assert.deepEqual(await ids('User', 'emails[type eq "work"].value co "example.org"'), []);
  assert.deepEqual(await ids('User', 'emails co "example"', 'userName'), [U1, U2]);
  assert.deepEqual(await ids('User', 'emails[primary eq true]'), [U1]);
  assert.deepEqual(await ids('User', 'emails pr', 'userName'), [U1, U2]);
});

test('ILIKE escaping treats % and _ literally', async () => {
  assert.deepEqual(await ids('User', `${ENT}:department co "50%_"`), [U1]);
  assert.deepEqual(await ids('User', `${ENT}:department sw "50"`, 'userName'), [U1, U2]);
  assert.deepEqual(await ids('User', `${ENT}:department co "%"`), [U1]);
  assert.deepEqual(await ids('User', 'name.familyName co "o\'mal"'), [U1]);
});

test('members filters hit the membership table; malformed ids match nothing', async () => {
  assert.deepEqual(await ids('Group', `members[value eq "${U2}"]`), [G2]);
  assert.deepEqual(await ids('Group', `members.value eq "${U1}"`, 'displayName'), [G1, G2]);
  assert.deepEqual(await ids('Group', `members[type eq "group"]`), [G2]);
  assert.deepEqual(await ids('Group', 'members[value eq "not-a-uuid"]'), []);
  assert.deepEqual(await ids('Group', 'id eq "nope\' or 1=1 --"'), []);
  assert.deepEqual(await ids('Group', `displayName eq "admins" and members[value eq "${U1}"]`), [G1]);
  assert.deepEqual(await ids('User', `groups[value eq "${G1}"]`), [U1]);
  assert.deepEqual(await ids('User', `groups.display eq "everyone"`, 'userName'), [U1, U2]);
});

test('booleans, presence, not, dates, enterprise manager', async () => {
  assert.deepEqual(await ids('User', 'active eq "False"'), [U2]);
  assert.deepEqual(await ids('User', 'active eq true', 'userName'), [U1, U3]);
  assert.deepEqual(await ids('User', 'title pr'), [U1]); // '' is not present
  assert.deepEqual(await ids('User', 'not (title eq "Tour Guide")', 'userName'), [U2, U3]);
  assert.deepEqual(await ids('User', 'meta.created gt "2024-01-15T00:00:00Z"', 'userName'), [U2, U3]);
  assert.deepEqual(await ids('User', 'meta.created eq "2024-01-01T10:00:00.123Z"'), [U1]);
  assert.deepEqual(await ids('User', `${ENT}:manager eq "${U2}"`), [U1]);
  assert.deepEqual(await ids('User', `schemas eq "${ENT}"`), [U1]);
  assert.deepEqual(await ids('User', 'phoneNumbers[type eq "work"]'), [U3]);
  assert.deepEqual(await ids('User', 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")'), [U1]);
});

test('sorting: case-insensitive, multi-valued by primary, nulls last ascending', async () => {
  assert.deepEqual(await ids('User', 'id pr', 'userName'), [U1, U2, U3]);
  assert.deepEqual(await ids('User', 'id pr', 'userName', 'descending'), [U3, U2, U1]);
  assert.deepEqual(await ids('User', 'id pr', 'displayName'), [U1, U3, U2]);
  assert.deepEqual(await ids('User', 'id pr', 'displayName', 'DESCENDING'), [U2, U3, U1]);
  // U1's primary is bjensen@, U2's first is mary@example.org, U3's emails are not an array.
  assert.deepEqual(await ids('User', 'id pr', 'emails'), [U1, U2, U3]);
  assert.deepEqual(await ids('User', 'id pr', 'name.givenName', 'descending'), [U3, U2, U1]);
  assert.deepEqual(await ids('User', 'id pr', 'meta.created', 'descending'), [U3, U2, U1]);
  assert.deepEqual(await ids('User', 'id pr', `${ENT}:employeeNumber`), [U1, U2, U3]);
});
