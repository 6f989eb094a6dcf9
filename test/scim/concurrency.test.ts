// Concurrent writers to one resource never lose each other's changes: every write is
// UPDATE … WHERE version = <version read>, retried (under a row lock) when another writer got
// there first, and a pinned If-Match turns the loser into a 412. On PostgreSQL these requests
// really run in parallel (pool of connections); on PGlite they serialize, and the outcome is the same.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { SCIM_JSON, createGroup, createUser, setupScim, type ScimSetup } from './helpers.ts';

let t: TestRuntime;
let s: ScimSetup;

before(async () => {
  t = await startTestRuntime({ work: false });
  s = await setupScim(t);
});
after(() => t.close());

test('16 parallel PATCH adds to one user all land', async () => {
  const id = await createUser(s, 'hot@x.test');
  const results = await Promise.all(
    Array.from({ length: 16 }, (_, i) =>
      s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'add', path: 'emails', value: [{ value: `e${i}@x.test`, type: 'other' }] }] }, SCIM_JSON),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.status),
    Array(16).fill(200),
  );
  const got = await s.scim.get(`${s.base}/Users/${id}`);
  assert.equal(got.body.emails.length, 16);
  assert.equal(got.body.meta.version, 'W/"17"');
});

test('16 parallel member adds to one group all land', async () => {
  const users = await Promise.all(Array.from({ length: 16 }, (_, i) => createUser(s, `member${i}@x.test`)));
  const g = await createGroup(s, 'Hot group');
  const results = await Promise.all(
    users.map((u) => s.scim.patch(`${s.base}/Groups/${g}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: u }] }] }, SCIM_JSON)),
  );
  assert.deepEqual(
    results.map((r) => r.status),
    Array(16).fill(204),
  );
  const got = await s.scim.get(`${s.base}/Groups/${g}`);
  assert.equal(got.body.members.length, 16);
  assert.equal(got.body.meta.version, 'W/"17"');
});

test('two writers pinned to the same version: exactly one wins, the other gets 412', async () => {
  const id = await createUser(s, 'pinned@x.test');
  const [a, b] = await Promise.all(
    ['A', 'B'].map((v) =>
      s.scim.patch(`${s.base}/Users/${id}`, { Operations: [{ op: 'replace', path: 'title', value: v }] }, { ...SCIM_JSON, 'if-match': 'W/"1"' }),
    ),
  );
  assert.deepEqual([a.status, b.status].sort(), [200, 412]);
  const winner = a.status === 200 ? 'A' : 'B';
  assert.equal((await s.scim.get(`${s.base}/Users/${id}`)).body.title, winner);
});
