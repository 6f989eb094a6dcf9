// syncToUserManagement: provisioned users become workspace members with a role mapped from their
// SCIM groups; deactivating or deleting the user disables the member and revokes its API tokens
// in the same transaction, so the next call with such a token is refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { CONFIGS, PATCH_OP, SCIM_JSON, createGroup, createUser, filterQuery, setupScim, type ScimSetup } from './helpers.ts';

let t: TestRuntime;
let vendor: Api;

before(async () => {
  t = await startTestRuntime({
    work: false,
    env: {
      SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: JSON.stringify({ Admins: 'admin', ops: 'operator', Owners: 'owner' }),
      SWITCHBOARD_SCIM_DEFAULT_ROLE: 'viewer',
    },
  });
  vendor = apiClient(t.rt.app!, t.vendorToken);
});
after(() => t.close());

interface MemberRow {
  id: string;
  email: string;
  role: string;
  source: string | null;
  disabled_at: Date | null;
}

async function memberByEmail(workspaceId: string, email: string): Promise<MemberRow | undefined> {
  const [m] = await t.rt.db.query<MemberRow>('SELECT id, email, role, source, disabled_at FROM members WHERE workspace_id = $1 AND email = $2', [
    workspaceId,
    email,
  ]);
  return m;
}

async function tokenFor(s: ScimSetup, memberId: string): Promise<{ id: string; token: string }> {
  const res = await vendor.post(`/api/v1/workspaces/${s.workspaceId}/tokens`, { name: 'member token', member_id: memberId });
  assert.equal(res.status, 201, res.text);
  return { id: res.body.id, token: res.body.token };
}

const patchUser = (s: ScimSetup, id: string, ops: unknown[]) => s.scim.patch(`${s.base}/Users/${id}`, { schemas: [PATCH_OP], Operations: ops }, SCIM_JSON);

describe('members follow SCIM users', () => {
  let s: ScimSetup;
  before(async () => {
    s = await setupScim(t, { syncToUserManagement: true });
  });

  test('a provisioned user becomes a member with the default role, linked by source', async () => {
    await createUser(s, 'Ada@Acme.test');
    const m = await memberByEmail(s.workspaceId, 'ada@acme.test');
    assert.ok(m);
    assert.equal(m.role, 'viewer');
    assert.equal(m.source, `scim:${s.configurationId}`);
    assert.equal(m.disabled_at, null);
    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.member.provisioned`);
    assert.equal(audit.body.items[0].target.id, m.id);
    assert.equal(audit.body.items[0].actor.type, 'scim');
  });

  test('a userName that is not an address uses the primary email', async () => {
    await createUser(s, 'E12345', {
      emails: [
        { value: 'other@acme.test', type: 'home' },
        { value: 'Grace@Acme.test', type: 'work', primary: true },
      ],
    });
    assert.equal((await memberByEmail(s.workspaceId, 'grace@acme.test'))?.source, `scim:${s.configurationId}`);
    // No address at all: no member, and no error.
    await createUser(s, 'no-address');
  });

  test('the role follows the mapped SCIM groups: membership, removal, rename; a group the mapping does not name gives nothing', async () => {
    const id = await createUser(s, 'lin@acme.test');
    const admins = await createGroup(s, 'ADMINS');
    const bogus = await createGroup(s, 'Bogus', [id]);
    assert.equal((await memberByEmail(s.workspaceId, 'lin@acme.test'))?.role, 'viewer');
    await s.scim.patch(`${s.base}/Groups/${admins}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] }, SCIM_JSON);
    assert.equal((await memberByEmail(s.workspaceId, 'lin@acme.test'))?.role, 'admin');
    await s.scim.patch(`${s.base}/Groups/${admins}`, { Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] }, SCIM_JSON);
    assert.equal((await memberByEmail(s.workspaceId, 'lin@acme.test'))?.role, 'viewer');
    await s.scim.patch(`${s.base}/Groups/${bogus}`, { Operations: [{ op: 'replace', path: 'displayName', value: 'Ops' }] }, SCIM_JSON);
    assert.equal((await memberByEmail(s.workspaceId, 'lin@acme.test'))?.role, 'operator');
    await s.scim.delete(`${s.base}/Groups/${bogus}`);
    assert.equal((await memberByEmail(s.workspaceId, 'lin@acme.test'))?.role, 'viewer');
    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.member.role_changed`);
    assert.ok(audit.body.items.some((e: { metadata: { from: string; to: string } }) => e.metadata.from === 'viewer' && e.metadata.to === 'admin'));
  });

  test('deactivation disables the member and revokes its tokens at once; reactivation re-enables (tokens stay revoked)', async () => {
    const id = await createUser(s, 'kim@acme.test');
    const m = await memberByEmail(s.workspaceId, 'kim@acme.test');
    const tok = await tokenFor(s, m!.id);
    const asKim = vendor.as(tok.token);
    assert.equal((await asKim.get(`/api/v1/workspaces/${s.workspaceId}/tenants`)).status, 200);

    const off = await patchUser(s, id, [{ op: 'Replace', path: 'active', value: 'False' }]);
    assert.equal(off.status, 200);
    const refused = await asKim.get(`/api/v1/workspaces/${s.workspaceId}/tenants`);
    assert.equal(refused.status, 401);
    const after = await memberByEmail(s.workspaceId, 'kim@acme.test');
    assert.notEqual(after?.disabled_at, null);
    const [row] = await t.rt.db.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM api_tokens WHERE id = $1', [tok.id]);
    assert.notEqual(row.revoked_at, null);
    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.member.deactivated&target=member:${m!.id}`);
    assert.equal(audit.body.items.length, 1, JSON.stringify(audit.body));
    assert.equal(audit.body.items[0].metadata.tokensRevoked, 1);

    await patchUser(s, id, [{ op: 'replace', value: { active: true } }]);
    assert.equal((await memberByEmail(s.workspaceId, 'kim@acme.test'))?.disabled_at, null);
    assert.equal((await asKim.get(`/api/v1/workspaces/${s.workspaceId}/tenants`)).status, 401);
    const fresh = await tokenFor(s, m!.id);
    assert.equal((await vendor.as(fresh.token).get(`/api/v1/workspaces/${s.workspaceId}/tenants`)).status, 200);
  });

  test('deleting the user disables the member and revokes its tokens', async () => {
    const id = await createUser(s, 'del@acme.test');
    const m = await memberByEmail(s.workspaceId, 'del@acme.test');
    const tok = await tokenFor(s, m!.id);
    assert.equal((await s.scim.delete(`${s.base}/Users/${id}`)).status, 204);
    assert.equal((await vendor.as(tok.token).get(`/api/v1/workspaces/${s.workspaceId}/tenants`)).status, 401);
    assert.notEqual((await memberByEmail(s.workspaceId, 'del@acme.test'))?.disabled_at, null);
  });

  test('a member that exists from elsewhere is never taken over', async () => {
    const manual = await vendor.post(`/api/v1/workspaces/${s.workspaceId}/members`, { email: 'boss@acme.test', role: 'owner' });
    const tok = await tokenFor(s, manual.body.id);
    const id = await createUser(s, 'boss@acme.test');
    // Even in a group that maps to admin (the group from the test above, found case-insensitively).
    const admins = await s.scim.get(`${s.base}/Groups?${filterQuery('displayName eq "admins"')}`);
    const add = await s.scim.patch(
      `${s.base}/Groups/${admins.body.Resources[0].id}`,
      { Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] },
      SCIM_JSON,
    );
    assert.equal(add.status, 204);
    let m = await memberByEmail(s.workspaceId, 'boss@acme.test');
    assert.equal(m?.role, 'owner');
    assert.equal(m?.source, null);
    await patchUser(s, id, [{ op: 'replace', path: 'active', value: false }]);
    m = await memberByEmail(s.workspaceId, 'boss@acme.test');
    assert.equal(m?.disabled_at, null);
    assert.equal((await vendor.as(tok.token).get(`/api/v1/workspaces/${s.workspaceId}/tenants`)).status, 200);
  });
});

describe('switching sync on and off, and deleting the configuration', () => {
  test('turning sync on brings existing users in; turning it off keeps members, but deprovisioning still reaches them', async () => {
    const ws = await setupWorkspace(vendor, 'SyncLater');
    const s = await setupScim(t, { workspace: ws, syncToUserManagement: false });
    const a = await createUser(s, 'a@later.test');
    await createUser(s, 'b@later.test', { active: false });
    assert.equal(await memberByEmail(ws.workspaceId, 'a@later.test'), undefined);

    assert.equal((await s.owner.patch(`${CONFIGS}/${s.configurationId}`, { syncToUserManagement: true })).status, 204);
    assert.equal((await memberByEmail(ws.workspaceId, 'a@later.test'))?.role, 'viewer');
    assert.equal(await memberByEmail(ws.workspaceId, 'b@later.test'), undefined, 'inactive users do not become members');

    assert.equal((await s.owner.patch(`${CONFIGS}/${s.configurationId}`, { syncToUserManagement: false })).status, 204);
    const m = await memberByEmail(ws.workspaceId, 'a@later.test');
    assert.equal(m?.disabled_at, null);
    const tok = await tokenFor(s, m!.id);
    // The flag is read when the request authenticates; this request sees it off.
    await patchUser(s, a, [{ op: 'replace', path: 'active', value: false }]);
    assert.notEqual((await memberByEmail(ws.workspaceId, 'a@later.test'))?.disabled_at, null);
    assert.equal((await vendor.as(tok.token).get(`/api/v1/workspaces/${ws.workspaceId}/tenants`)).status, 401);
  });

  test('deleting the configuration disables the members it provisioned and revokes their tokens', async () => {
    const s = await setupScim(t, { syncToUserManagement: true });
    await createUser(s, 'gone@conf.test');
    const m = await memberByEmail(s.workspaceId, 'gone@conf.test');
    const tok = await tokenFor(s, m!.id);
    assert.equal((await s.owner.delete(`${CONFIGS}/${s.configurationId}`)).status, 204);
    assert.notEqual((await memberByEmail(s.workspaceId, 'gone@conf.test'))?.disabled_at, null);
    assert.equal((await vendor.as(tok.token).get(`/api/v1/workspaces/${s.workspaceId}/tenants`)).status, 401);
    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.configuration.deleted`);
    assert.equal(audit.body.items[0].metadata.membersDisabled, 1);
    assert.equal(audit.body.items[0].metadata.memberTokensRevoked, 1);
  });
});

describe('issue 12: SCIM cannot make look-alikes or owners, and deprovisioning reaches every token', () => {
  test('"owner@a.test " (any case, trailing space) from SCIM is the existing member, not a look-alike, and does not change it', async () => {
    const s = await setupScim(t, { syncToUserManagement: true });
    const manual = await vendor.post(`/api/v1/workspaces/${s.workspaceId}/members`, { email: 'owner@a.test', role: 'operator' });
    const admins = await createGroup(s, 'Admins');
    for (const [userName, emails] of [
      ['E-1', [{ value: 'Owner@A.test ', primary: true }]],
      ['owner@a.test\u00a0', []],
      ['E-3', [{ value: '\towner@a.test', primary: true }]],
    ] as const) {
      const id = await createUser(s, userName, emails.length ? { emails } : {});
      await s.scim.patch(`${s.base}/Groups/${admins}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] }, SCIM_JSON);
    }
    const rows = await t.rt.db.query<MemberRow>(
      `SELECT id, email, role, source, disabled_at FROM members WHERE workspace_id = $1 AND email LIKE '%owner@a.test%'`,
      [s.workspaceId],
    );
    assert.equal(rows.length, 1, `no look-alike member: ${JSON.stringify(rows.map((r) => r.email))}`);
    assert.equal(rows[0].id, manual.body.id);
    assert.equal(rows[0].role, 'operator', 'neither raised nor lowered');
    assert.equal(rows[0].source, null);
    await assert.rejects(
      t.rt.db.workspaceTx(s.workspaceId, (q) =>
        q.query(`INSERT INTO members (workspace_id, email, role) VALUES ($1, 'owner@a.test ', 'owner')`, [s.workspaceId]),
      ),
      /white space/,
      'the database refuses a look-alike whoever writes it',
    );
  });

  test('a group mapped to owner makes an admin until an owner of the workspace allows it; turning it off caps at once', async () => {
    const s = await setupScim(t, { syncToUserManagement: true });
    const id = await createUser(s, 'boss@own.test');
    const owners = await createGroup(s, 'Owners', [id]);
    let m = await memberByEmail(s.workspaceId, 'boss@own.test');
    assert.equal(m?.role, 'admin', 'an owner mapping gives no more than admin by default');
    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.member.role_changed&target=member:${m!.id}`);
    assert.equal(audit.body.items[0].metadata.capped, 'scim_owner_mapping_not_allowed');
    assert.equal((await s.owner.patch(`/api/v1/workspaces/${s.workspaceId}/settings`, { scim_owner_mapping_allowed: true })).status, 200);
    await patchUser(s, id, [{ op: 'replace', path: 'displayName', value: 'The Boss' }]);
    m = await memberByEmail(s.workspaceId, 'boss@own.test');
    assert.equal(m?.role, 'owner');
    assert.equal((await s.owner.patch(`/api/v1/workspaces/${s.workspaceId}/settings`, { scim_owner_mapping_allowed: false })).status, 200);
    assert.equal((await memberByEmail(s.workspaceId, 'boss@own.test'))?.role, 'admin');
    await s.scim.delete(`${s.base}/Groups/${owners}`);
  });

  test('deprovisioning revokes the application tokens the member made and every token minted from them', async () => {
    const s = await setupScim(t, { syncToUserManagement: true });
    const id = await createUser(s, 'dev@deprov.test');
    const admins = await createGroup(s, 'Admins', [id]);
    assert.ok(admins);
    const m = await memberByEmail(s.workspaceId, 'dev@deprov.test');
    assert.equal(m?.role, 'admin');
    const own = await tokenFor(s, m!.id);
    const app = await vendor.as(own.token).post(`/api/v1/workspaces/${s.workspaceId}/tokens`, { name: 'ci', capabilities: ['tokens.manage', 'tenants.view'] });
    assert.equal(app.status, 201, app.text);
    const gc = await vendor.as(app.body.token).post(`/api/v1/workspaces/${s.workspaceId}/tokens`, { name: 'gc', capabilities: ['tenants.view'] });
    assert.equal(gc.status, 201, gc.text);
    await patchUser(s, id, [{ op: 'replace', path: 'active', value: false }]);
    for (const tok of [own.token, app.body.token, gc.body.token]) {
      assert.equal((await vendor.as(tok).get(`/api/v1/workspaces/${s.workspaceId}/tenants`)).status, 401);
    }
    const audit = await s.owner.get(`/api/v1/workspaces/${s.workspaceId}/audit-events?action=scim.member.deactivated&target=member:${m!.id}`);
    assert.equal(audit.body.items[0].metadata.tokensRevoked, 3);
  });

  test('a member disabled by hand stays disabled when SCIM writes its (active) user again', async () => {
    const s = await setupScim(t, { syncToUserManagement: true });
    const id = await createUser(s, 'held@manual.test');
    const m = await memberByEmail(s.workspaceId, 'held@manual.test');
    const off = await s.owner.patch(`/api/v1/members/${m!.id}`, { status: 'disabled' });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.source, 'scim');
    await patchUser(s, id, [{ op: 'replace', path: 'displayName', value: 'Still Active In The IdP' }]);
    assert.notEqual((await memberByEmail(s.workspaceId, 'held@manual.test'))?.disabled_at, null);
    const role = await s.owner.patch(`/api/v1/members/${m!.id}`, { role: 'admin' });
    assert.equal(role.status, 409);
    assert.equal(role.body.error, 'member.role_managed_by_scim');
  });
});
