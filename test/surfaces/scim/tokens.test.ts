// SCIM tokens: stored only as a hash, two-phase rotation (the old token works until the rotation
// is completed or the grace period ends), and delete revoking the token and removing what the
// configuration provisioned. Rotation and completion are additions to the contract.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { apiClient } from '../../helpers/api.ts';
import { loadContract } from '../../helpers/contract.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';
import { CONFIGS, assertScimError, createGroup, createUser, setupScim } from '../../scim/helpers.ts';

const contract = loadContract('scim-configurations.yaml');
let t: TestRuntime;

before(async () => {
  t = await startTestRuntime({ work: false, env: { SWITCHBOARD_SCIM_ROTATION_GRACE_SECONDS: '3600' } });
});
after(() => t.close());

describe('token storage', () => {
  test('only the SHA-256 of the token is in the database', async () => {
    const s = await setupScim(t);
    const rows = await t.rt.db.query<{ token_hash: Uint8Array; display_prefix: string }>(
      'SELECT token_hash, display_prefix FROM scim_tokens WHERE configuration_id = $1',
      [s.configurationId],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(Buffer.from(rows[0].token_hash), createHash('sha256').update(s.token).digest());
    assert.equal(rows[0].display_prefix, s.token.slice(0, 13));
    const dump = JSON.stringify(await t.rt.db.query('SELECT * FROM scim_configurations WHERE id = $1', [s.configurationId]));
    assert.ok(!dump.includes(s.token));
  });
});

describe('two-phase rotation', () => {
  test('rotate issues a new token; both work until complete; then only the new one', async () => {
    const s = await setupScim(t);
    const rotated = await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`);
    assert.equal(rotated.status, 201, rotated.text);
    assert.equal(rotated.headers['cache-control'], 'no-store');
    assert.match(rotated.body.token, /^sbscim_/);
    assert.notEqual(rotated.body.token, s.token);
    assert.equal(rotated.body.id, s.configurationId);
    const expires = Date.parse(rotated.body.previousTokenExpiresAt);
    assert.ok(expires > Date.now() + 3500_000 && expires <= Date.now() + 3600_000 + 5000);

    const oldClient = s.scim;
    const newClient = apiClient(t.rt.app!, rotated.body.token);
    assert.equal((await oldClient.get(`${s.base}/Users`)).status, 200);
    assert.equal((await newClient.get(`${s.base}/Users`)).status, 200);
    // The configuration still reads the same (no token there).
    const got = await s.owner.get(`${CONFIGS}/${s.configurationId}`);
    contract.assertResponse('GET', '/resources/v1/configurations/scim2/{id}', 200, got.body);

    const done = await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate/complete`);
    assert.equal(done.status, 204);
    assertScimError(await oldClient.get(`${s.base}/Users`), 401);
    assert.equal((await newClient.get(`${s.base}/Users`)).status, 200);
    // Completing again is a no-op.
    assert.equal((await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate/complete`)).status, 204);

    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.token.*`);
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action).sort(), ['scim.token.rotation_completed', 'scim.token.rotation_started']);
    const text = JSON.stringify(audit.body) + t.logs.join('\n');
    assert.ok(!text.includes(rotated.body.token) && !text.includes(s.token), 'no token in audit rows or logs');
  });

  test('the previous token stops working when the grace period ends', async () => {
    const s = await setupScim(t);
    const rotated = await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`);
    assert.equal((await s.scim.get(`${s.base}/Users`)).status, 200);
    // Let the grace period pass (the clock is the database's).
    await t.rt.db.query(`UPDATE scim_tokens SET expires_at = now() - interval '1 second' WHERE configuration_id = $1 AND state = 'previous'`, [
      s.configurationId,
    ]);
    assertScimError(await s.scim.get(`${s.base}/Users`), 401);
    assert.equal((await apiClient(t.rt.app!, rotated.body.token).get(`${s.base}/Users`)).status, 200);
  });

  test('rotating again while a rotation is pending ends the oldest token at once', async () => {
    const s = await setupScim(t);
    const first = await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`);
    const second = await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`);
    assertScimError(await s.scim.get(`${s.base}/Users`), 401);
    assert.equal((await apiClient(t.rt.app!, first.body.token).get(`${s.base}/Users`)).status, 200);
    assert.equal((await apiClient(t.rt.app!, second.body.token).get(`${s.base}/Users`)).status, 200);
  });

  test('with a zero grace period the old token stops at once', async () => {
    const t0 = await startTestRuntime({ work: false, env: { SWITCHBOARD_SCIM_ROTATION_GRACE_SECONDS: '0' } });
    try {
      const s = await setupScim(t0);
      const rotated = await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`);
      assertScimError(await s.scim.get(`${s.base}/Users`), 401);
      assert.equal((await apiClient(t0.rt.app!, rotated.body.token).get(`${s.base}/Users`)).status, 200);
    } finally {
      await t0.close();
    }
  });
});

describe('delete', () => {
  test('delete revokes the tokens (old and new) and removes provisioned users, groups and memberships', async () => {
    const s = await setupScim(t);
    const keep = await setupScim(t); // another configuration, untouched
    const u1 = await createUser(s, 'one@x.test');
    const u2 = await createUser(s, 'two@x.test');
    await createGroup(s, 'Team', [u1, u2]);
    const kept = await createUser(keep, 'keep@x.test');
    const rotated = await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`);

    const del = await s.owner.delete(`${CONFIGS}/${s.configurationId}`);
    assert.equal(del.status, 204);
    assertScimError(await s.scim.get(`${s.base}/Users`), 401);
    assertScimError(await apiClient(t.rt.app!, rotated.body.token).get(`${s.base}/Users`), 401);

    const counts = await t.rt.db.query<{ users: number; groups: number; members: number; tokens: number }>(
      `SELECT (SELECT count(*) FROM scim_users WHERE configuration_id = $1)::int AS users,
              (SELECT count(*) FROM scim_groups WHERE configuration_id = $1)::int AS groups,
              (SELECT count(*) FROM scim_group_members WHERE configuration_id = $1)::int AS members,
              (SELECT count(*) FROM scim_tokens WHERE configuration_id = $1)::int AS tokens`,
      [s.configurationId],
    );
    assert.deepEqual(counts[0], { users: 0, groups: 0, members: 0, tokens: 0 });
    assert.equal((await keep.scim.get(`${keep.base}/Users/${kept}`)).status, 200);

    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.configuration.deleted`);
    assert.equal(audit.body.items.length, 1);
    assert.equal(audit.body.items[0].metadata.usersRemoved, 2);
    assert.equal(audit.body.items[0].metadata.groupsRemoved, 1);
  });
});
