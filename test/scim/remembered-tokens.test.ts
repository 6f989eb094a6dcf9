// A node remembers which configuration a SCIM token opens, and checks the token live inside the
// request's own transaction (src/scim/http/auth.ts). These tests hold that to what a revoked or
// expired token must get — a 401 on every path, nothing written — and show that the remembered
// path is the one taken: after the first request, a token costs no lookup of its own. The
// endpoint remembers tokens on a PostgreSQL server only (src/scim/module.ts), so the HTTP tests
// take the remembered path in the PostgreSQL pass; the authenticator's own tests run on both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createScimAuthenticator } from '../../src/scim/http/auth.ts';
import type { Db } from '../../src/db/database.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import {
  CONFIGS,
  GROUP_SCHEMA,
  PATCH_OP,
  SCIM_JSON,
  USER_SCHEMA,
  assertScimError,
  createGroup,
  createUser,
  filterQuery,
  setupScim,
  type ScimSetup,
} from './helpers.ts';

let t: TestRuntime;

before(async () => {
  t = await startTestRuntime({ work: false, env: { SWITCHBOARD_SCIM_ROTATION_GRACE_SECONDS: '3600' } });
});
after(() => t.close());

/** Every request a SCIM client can make, each answered by a different path through the endpoint. */
function everyKindOfRequest(
  s: ScimSetup,
  userId: string,
  groupId: string,
): Array<[string, () => Promise<{ status: number; body: any; headers: Record<string, unknown> }>]> {
  return [
    ['list', () => s.scim.get(`${s.base}/Users`)],
    ['filter', () => s.scim.get(`${s.base}/Users?${filterQuery('userName eq "kept@x.test"')}`)],
    ['invalid filter (a 400 before the database)', () => s.scim.get(`${s.base}/Users?${filterQuery('userName eq')}`)],
    ['get', () => s.scim.get(`${s.base}/Users/${userId}`)],
    ['get with an id that is no UUID (a 404 before the database)', () => s.scim.get(`${s.base}/Users/not-a-uuid`)],
    ['create', () => s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'after-revocation@x.test' }, SCIM_JSON)],
    [
      'patch a group (204 path)',
      () =>
        s.scim.patch(`${s.base}/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }] }, SCIM_JSON),
    ],
    ['replace', () => s.scim.put(`${s.base}/Groups/${groupId}`, { schemas: [GROUP_SCHEMA], displayName: 'Renamed' }, SCIM_JSON)],
    ['delete', () => s.scim.delete(`${s.base}/Users/${userId}`)],
    ['bulk', () => s.scim.post(`${s.base}/Bulk`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] }, SCIM_JSON)],
    ['discovery (no database work)', () => s.scim.get(`${s.base}/ServiceProviderConfig`)],
    ['method not allowed', () => s.scim.delete(`${s.base}/Users`)],
  ];
}

async function rememberedThenRevoked(revoke: (s: ScimSetup) => Promise<void>) {
  const s = await setupScim(t);
  const userId = await createUser(s, 'kept@x.test');
  const groupId = await createGroup(s, 'Kept', [userId]);
  // Used once more on this node: remembered from here on.
  assert.equal((await s.scim.get(`${s.base}/Users`)).status, 200);
  await revoke(s);
  for (const [name, request] of everyKindOfRequest(s, userId, groupId)) {
    const res = await request();
    assert.equal(res.status, 401, `${name}: ${JSON.stringify(res.body)}`);
    assertScimError(res, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="SCIM"', name);
    assert.equal(res.headers.etag, undefined, name);
    assert.equal(res.headers.location, undefined, name);
  }
  return { s, userId, groupId };
}

describe('a remembered token that is no longer live', () => {
  test('revoked by completing a rotation: 401 on every path, and nothing was written', async () => {
    const { s, userId, groupId } = await rememberedThenRevoked(async (s) => {
      assert.equal((await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`)).status, 201);
      assert.equal((await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate/complete`)).status, 204);
    });
    const users = await t.rt.db.query<{ user_name: string }>('SELECT user_name FROM scim_users WHERE configuration_id = $1 ORDER BY user_name', [
      s.configurationId,
    ]);
    assert.deepEqual(
      users.map((u) => u.user_name),
      ['kept@x.test'],
    );
    const [group] = await t.rt.db.query<{ display_name: string; version: number }>('SELECT display_name, version FROM scim_groups WHERE id = $1', [groupId]);
    assert.deepEqual({ ...group }, { display_name: 'Kept', version: 1 });
    const members = await t.rt.db.query('SELECT member_id FROM scim_group_members WHERE group_id = $1', [groupId]);
    assert.deepEqual(
      members.map((m) => m.member_id),
      [userId],
    );
  });

  test('past the rotation grace period: 401 on every path', async () => {
    await rememberedThenRevoked(async (s) => {
      assert.equal((await s.owner.post(`${CONFIGS}/${s.configurationId}/rotate`)).status, 201);
      await t.rt.db.query(`UPDATE scim_tokens SET expires_at = now() - interval '1 second' WHERE configuration_id = $1 AND state = 'previous'`, [
        s.configurationId,
      ]);
    });
  });

  test('its configuration deleted: 401 on every path', async () => {
    await rememberedThenRevoked(async (s) => {
      assert.equal((await s.owner.delete(`${CONFIGS}/${s.configurationId}`)).status, 204);
    });
  });
});

test('a change of syncToUserManagement reaches a remembered token at its next request', async () => {
  const s = await setupScim(t, { syncToUserManagement: false });
  await createUser(s, 'before@x.test');
  assert.equal((await s.owner.patch(`${CONFIGS}/${s.configurationId}`, { syncToUserManagement: true })).status, 204);
  await createUser(s, 'after@x.test');
  const members = await t.rt.db.query<{ email: string }>('SELECT email FROM members WHERE workspace_id = $1 AND email LIKE $2 ORDER BY email', [
    s.workspaceId,
    '%@x.test',
  ]);
  // Turning sync on brings existing users in as well (the configuration service does that).
  assert.deepEqual(
    members.map((m) => m.email),
    ['after@x.test', 'before@x.test'],
  );
  assert.equal((await s.owner.patch(`${CONFIGS}/${s.configurationId}`, { syncToUserManagement: false })).status, 204);
  await createUser(s, 'later@x.test');
  const later = await t.rt.db.query('SELECT 1 FROM members WHERE workspace_id = $1 AND email = $2', [s.workspaceId, 'later@x.test']);
  assert.equal(later.length, 0, 'sync off: a new user does not become a member');
});

describe('the authenticator', () => {
  /** The runtime's database, counting the statements that run outside any transaction (the lookup). */
  function counting(db: Db) {
    const seen = { lookups: 0, guards: 0 };
    const wrapped: Db = {
      ...db,
      query: (sql, params) => {
        seen.lookups++;
        return db.query(sql, params);
      },
      workspaceTx: (ws, fn, guard) => {
        if (guard) seen.guards++;
        return db.workspaceTx(ws, fn, guard);
      },
    };
    return { db: wrapped, seen };
  }

  test('looks a token up once; afterwards the check rides in the transaction, and a dead token is forgotten', async () => {
    const s = await setupScim(t);
    const { db, seen } = counting(t.rt.db);
    const auth = createScimAuthenticator(db, { rememberedTokens: 100 });
    const header = `Bearer ${s.token}`;

    const first = await auth.authenticate(header, s.configurationId);
    assert.equal(first.verified, true);
    assert.equal(seen.lookups, 1);

    const second = await auth.authenticate(header, s.configurationId.toUpperCase());
    assert.equal(second.verified, false, 'remembered: not looked up again');
    assert.equal(seen.lookups, 1);
    let sync: boolean | undefined;
    const count = await auth
      .database(second, (v) => (sync = v))
      .workspaceTx(s.workspaceId, async (q) => (await q.query('SELECT count(*)::int AS n FROM scim_users')).length);
    assert.equal(count, 1);
    assert.equal(seen.guards, 1);
    assert.equal(second.verified, true, 'the guard passed');
    assert.equal(sync, false);

    // Another configuration's endpoint: refused without a lookup.
    await assert.rejects(auth.authenticate(header, '00000000-0000-4000-8000-000000000000'), (e: { status?: number }) => e.status === 401);

    await t.rt.db.query('UPDATE scim_tokens SET revoked_at = now() WHERE configuration_id = $1', [s.configurationId]);
    const third = await auth.authenticate(header, s.configurationId);
    assert.equal(third.verified, false);
    await assert.rejects(
      auth.database(third, () => {}).workspaceTx(s.workspaceId, (q) => q.query('SELECT 1')),
      (e: { status?: number }) => e.status === 401,
    );
    assert.equal(third.verified, false);
    // Forgotten: the next request looks it up again, and is refused there.
    await assert.rejects(auth.authenticate(header, s.configurationId), (e: { status?: number }) => e.status === 401);
    assert.equal(seen.lookups, 2);
  });

  test('with rememberedTokens 0 every request looks its token up', async () => {
    const s = await setupScim(t);
    const { db, seen } = counting(t.rt.db);
    const auth = createScimAuthenticator(db, { rememberedTokens: 0 });
    for (let i = 0; i < 3; i++) assert.equal((await auth.authenticate(`Bearer ${s.token}`, s.configurationId)).verified, true);
    assert.equal(seen.lookups, 3);
  });
});
