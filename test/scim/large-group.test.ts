// A change to a 10,000-member group is a set operation on the membership table: PATCH answers
// 204 with no body, existing membership rows are not rewritten, adds and removes are idempotent,
// and reads that exclude members never load them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { PATCH_OP, SCIM_JSON, createUser, filterQuery, setupScim, type ScimSetup } from './helpers.ts';
import { seedGroup, seedUsers } from './seed.ts';

let t: TestRuntime;
let s: ScimSetup;
let groupId: string;
let outsider: string;

before(async () => {
  t = await startTestRuntime({ work: false });
  s = await setupScim(t);
  await seedUsers(t.rt.db, s, 10_000);
  groupId = await seedGroup(t.rt.db, s, 'Everyone', 10_000);
  outsider = await createUser(s, 'outsider@x.test');
});
after(() => t.close());

const memberCount = async () =>
  Number((await t.rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM scim_group_members WHERE group_id = $1', [groupId]))[0].n);
/** Row versions of a sample of existing memberships: unchanged means not rewritten. */
const sampleXmins = async () =>
  (await t.rt.db.query<{ x: string }>('SELECT xmin::text AS x FROM scim_group_members WHERE group_id = $1 ORDER BY member_id LIMIT 50', [groupId])).map(
    (r) => r.x,
  );

test('adding one member to a 10,000-member group: 204, empty body, one new row, nothing rewritten', async () => {
  assert.equal(await memberCount(), 10_000);
  const before = await sampleXmins();
  const add = await s.scim.patch(
    `${s.base}/Groups/${groupId}`,
    { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: outsider }] }] },
    SCIM_JSON,
  );
  assert.equal(add.status, 204);
  assert.equal(add.text, '');
  assert.equal(add.headers.etag, 'W/"2"');
  assert.equal(await memberCount(), 10_001);
  assert.deepEqual(await sampleXmins(), before);
  // The group row itself never holds members.
  const [row] = await t.rt.db.query<{ resource: Record<string, unknown> }>('SELECT resource FROM scim_groups WHERE id = $1', [groupId]);
  assert.equal(row.resource.members, undefined);
});

test('adding it again is idempotent; removing it (filter form, then value form) too', async () => {
  const again = await s.scim.patch(`${s.base}/Groups/${groupId}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: outsider }] }] }, SCIM_JSON);
  assert.equal(again.status, 204);
  assert.equal(await memberCount(), 10_001);
  const before = await sampleXmins();
  const remove = await s.scim.patch(`${s.base}/Groups/${groupId}`, { Operations: [{ op: 'remove', path: `members[value eq "${outsider}"]` }] }, SCIM_JSON);
  assert.equal(remove.status, 204);
  assert.equal(remove.text, '');
  assert.equal(await memberCount(), 10_000);
  assert.deepEqual(await sampleXmins(), before);
  const removeAgain = await s.scim.patch(
    `${s.base}/Groups/${groupId}`,
    { Operations: [{ op: 'Remove', path: 'members', value: [{ value: outsider }] }] },
    SCIM_JSON,
  );
  assert.equal(removeAgain.status, 204);
  assert.equal(await memberCount(), 10_000);
});

test('reads without members stay small; asking for attributes on PATCH returns only those', async () => {
  const g = await s.scim.get(`${s.base}/Groups/${groupId}?excludedAttributes=members`);
  assert.equal(g.status, 200);
  assert.ok(g.text.length < 1000, `response is ${g.text.length} bytes`);
  const withDisplay = await s.scim.patch(
    `${s.base}/Groups/${groupId}?attributes=displayName`,
    { Operations: [{ op: 'add', path: 'members', value: [{ value: outsider }] }] },
    SCIM_JSON,
  );
  assert.equal(withDisplay.status, 200);
  assert.deepEqual(Object.keys(withDisplay.body).sort(), ['displayName', 'id', 'meta', 'schemas']);
  // Membership questions are answered by the database, not by loading the group.
  const member = await s.scim.get(`${s.base}/Groups?excludedAttributes=members&${filterQuery(`members[value eq "${outsider}"]`)}`);
  assert.equal(member.body.totalResults, 1);
  const full = await s.scim.get(`${s.base}/Groups/${groupId}`);
  assert.equal(full.body.members.length, 10_001);
});

test('userName eq is answered by the unique index, under row-level security, among 10,000 users', async () => {
  const { filterToSql } = await import('../../src/scim/protocol/index.ts');
  const f = filterToSql('userName eq "USER4242@seed.test"', 'User', 2, { tableRef: 'scim_users', foldedColumns: true });
  const plan = await t.rt.db.workspaceTx(s.workspaceId, (q) =>
    q.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM scim_users WHERE configuration_id = $1 AND (${f.sql})`, [s.configurationId, ...f.params]),
  );
  const text = plan.map((r) => r['QUERY PLAN']).join('\n');
  assert.match(text, /scim_users_user_name/, text);
  assert.doesNotMatch(text, /Seq Scan/, text);
  const res = await s.scim.get(`${s.base}/Users?${filterQuery('userName eq "USER4242@seed.test"')}`);
  assert.equal(res.body.totalResults, 1);
  assert.equal(res.body.Resources[0].userName, 'user4242@seed.test');
});
