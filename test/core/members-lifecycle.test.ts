// Members can leave, and only owners manage owners. Attacked as a hostile workspace admin would:
// it tries to revoke the owner's tokens, mint a member token for someone else, promote itself,
// disable or delete the owner; a disabled member's tokens and everything minted from them die.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

let t: TestRuntime;
let vendor: Api;

before(async () => {
  t = await startTestRuntime({ work: false });
  vendor = apiClient(t.rt.app!, t.vendorToken);
});
after(() => t.close());

async function withAdmin(name: string) {
  const ws = await setupWorkspace(vendor, name);
  const owner = vendor.as(ws.ownerToken);
  const admin = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/members`, { email: `admin@${name.toLowerCase()}.test`, role: 'admin' });
  assert.equal(admin.status, 201, admin.text);
  const adminTok = await vendor.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'admin', member_id: admin.body.id });
  return { ws, owner, adminId: admin.body.id as string, admin: vendor.as(adminTok.body.token), adminTokenId: adminTok.body.id as string };
}

const tokenIdOf = async (workspaceId: string, memberId: string) =>
  (await t.rt.db.query<{ id: string }>('SELECT id FROM api_tokens WHERE workspace_id = $1 AND member_id = $2', [workspaceId, memberId]))[0].id;

describe('a hostile admin', () => {
  test("cannot revoke the owner's member token nor an application token the owner made", async () => {
    const { ws, owner, admin } = await withAdmin('RevokeOwner');
    const ownerTokenId = await tokenIdOf(ws.workspaceId, ws.ownerMemberId);
    const byOwner = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'owner ci', capabilities: ['tenants.view'] });
    for (const id of [ownerTokenId, byOwner.body.id]) {
      const res = await admin.delete(`/api/v1/tokens/${id}`);
      assert.equal(res.status, 403, res.text);
      assert.equal(res.body.error, 'access.owner_required');
    }
    assert.equal((await owner.get(`/api/v1/workspaces/${ws.workspaceId}/tenants`)).status, 200, "the owner's token still works");
    assert.equal((await vendor.as(ws.ownerToken).delete(`/api/v1/tokens/${byOwner.body.id}`)).status, 204, 'the owner can');
  });

  test('cannot mint a member token for another member, only for itself or application tokens', async () => {
    const { ws, owner, admin, adminId } = await withAdmin('MintOther');
    const viewer = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/members`, { email: 'viewer@mintother.test', role: 'viewer' });
    const forViewer = await admin.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'x', member_id: viewer.body.id });
    assert.equal(forViewer.status, 403, forViewer.text);
    assert.equal(forViewer.body.error, 'token.for_other_member');
    const forSelf = await admin.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'mine', member_id: adminId });
    assert.equal(forSelf.status, 201, forSelf.text);
    assert.equal((await admin.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'app', capabilities: ['tenants.view'] })).status, 201);
    // An owner may make a member token for someone else.
    assert.equal((await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'v', member_id: viewer.body.id })).status, 201);
  });

  test('cannot promote itself to owner, nor disable, demote or delete an owner', async () => {
    const { ws, admin, adminId } = await withAdmin('Promote');
    const attempts = [
      await admin.patch(`/api/v1/members/${adminId}`, { role: 'owner' }),
      await admin.patch(`/api/v1/members/${ws.ownerMemberId}`, { status: 'disabled' }),
      await admin.patch(`/api/v1/members/${ws.ownerMemberId}`, { role: 'viewer' }),
      await admin.delete(`/api/v1/members/${ws.ownerMemberId}`),
      await admin.post(`/api/v1/workspaces/${ws.workspaceId}/members`, { email: 'another-owner@promote.test', role: 'owner' }),
    ];
    for (const res of attempts) {
      assert.equal(res.status, 403, res.text);
      assert.equal(res.body.error, 'access.owner_required');
    }
    const list = await admin.get(`/api/v1/workspaces/${ws.workspaceId}/members`);
    const byId = Object.fromEntries(list.body.items.map((m: { id: string }) => [m.id, m]));
    assert.equal(byId[adminId].role, 'admin');
    assert.equal(byId[ws.ownerMemberId].status, 'active');
    assert.equal(byId[ws.ownerMemberId].role, 'owner');
  });

  test('an application token holding members.manage cannot manage members whose role holds more than it does', async () => {
    const { ws, owner, adminId } = await withAdmin('AppManage');
    const app = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'hr', capabilities: ['members.manage', 'members.view'] });
    const res = await vendor.as(app.body.token).patch(`/api/v1/members/${adminId}`, { status: 'disabled' });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.body.error, 'access.forbidden');
  });

  test("another workspace's member answers 404 exactly like a missing one", async () => {
    const { owner } = await withAdmin('Foreign');
    const other = await setupWorkspace(vendor, 'ForeignOther');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [a, b] of [
      [
        await owner.patch(`/api/v1/members/${other.ownerMemberId}`, { status: 'disabled' }),
        await owner.patch(`/api/v1/members/${missing}`, { status: 'disabled' }),
      ],
      [await owner.delete(`/api/v1/members/${other.ownerMemberId}`), await owner.delete(`/api/v1/members/${missing}`)],
    ]) {
      assert.equal(a.status, 404);
      assert.deepEqual([a.body.error, a.body.message], [b.body.error, b.body.message]);
    }
    assert.equal((await vendor.as(other.ownerToken).get(`/api/v1/workspaces/${other.workspaceId}/tenants`)).status, 200);
  });
});

describe('members leave', () => {
  test('disabling a member kills its member tokens, the application tokens it made and theirs; no new token for it', async () => {
    const { ws, owner, admin, adminId } = await withAdmin('Disable');
    const app = await admin.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'ci', capabilities: ['tokens.manage', 'tenants.view'] });
    const grandchild = await vendor.as(app.body.token).post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'gc', capabilities: ['tenants.view'] });
    assert.equal(grandchild.status, 201, grandchild.text);
    const res = await owner.patch(`/api/v1/members/${adminId}`, { status: 'disabled' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.status, 'disabled');
    for (const api of [admin, vendor.as(app.body.token), vendor.as(grandchild.body.token)]) {
      assert.equal((await api.get(`/api/v1/workspaces/${ws.workspaceId}/tenants`)).status, 401);
    }
    const audit = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=member.disabled&target=member:${adminId}`);
    assert.equal(audit.body.items.length, 1);
    assert.equal(audit.body.items[0].metadata.tokensRevoked, 3);
    const mint = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'again', member_id: adminId });
    assert.equal(mint.status, 409);
    assert.equal(mint.body.error, 'member.disabled');
    // Enabled again, the old tokens stay dead; a new one works.
    const on = await owner.patch(`/api/v1/members/${adminId}`, { status: 'active' });
    assert.equal(on.body.status, 'active');
    assert.equal((await admin.get(`/api/v1/workspaces/${ws.workspaceId}/tenants`)).status, 401);
    const fresh = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'again', member_id: adminId });
    assert.equal(fresh.status, 201);
  });

  test('deleting a member revokes what it made, removes it from the list, and is audited', async () => {
    const { ws, owner, admin, adminId } = await withAdmin('Delete');
    const app = await admin.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'ci', capabilities: ['tenants.view'] });
    const del = await owner.delete(`/api/v1/members/${adminId}`);
    assert.equal(del.status, 204, del.text);
    assert.equal((await vendor.as(app.body.token).get(`/api/v1/workspaces/${ws.workspaceId}/tenants`)).status, 401);
    const [row] = await t.rt.db.query('SELECT revoked_at FROM api_tokens WHERE id = $1', [app.body.id]);
    assert.notEqual(row.revoked_at, null, 'the application token it made stays, revoked');
    const list = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/members`);
    assert.ok(!list.body.items.some((m: { id: string }) => m.id === adminId));
    assert.equal((await owner.delete(`/api/v1/members/${adminId}`)).status, 404);
    const audit = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=member.deleted&target=member:${adminId}`);
    assert.equal(audit.body.items[0].metadata.tokensRevoked, 2);
  });

  test('the member list shows status and source; role changes are audited; the last owner cannot leave', async () => {
    const { ws, owner, adminId } = await withAdmin('Roles');
    const list = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/members`);
    assert.deepEqual(Object.keys(list.body.items[0]).sort(), ['created_at', 'disabled_at', 'email', 'id', 'role', 'source', 'status']);
    assert.ok(list.body.items.every((m: { status: string; source: string }) => m.status === 'active' && m.source === 'manual'));
    const changed = await owner.patch(`/api/v1/members/${adminId}`, { role: 'operator' });
    assert.equal(changed.body.role, 'operator');
    const audit = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=member.role_changed&target=member:${adminId}`);
    assert.deepEqual([audit.body.items[0].metadata.from, audit.body.items[0].metadata.to], ['admin', 'operator']);
    const last = await owner.patch(`/api/v1/members/${ws.ownerMemberId}`, { role: 'admin' });
    assert.equal(last.status, 409);
    assert.equal(last.body.error, 'member.last_owner');
    assert.equal((await owner.patch(`/api/v1/members/${ws.ownerMemberId}`, { status: 'disabled' })).body.error, 'member.last_owner');
    const bad = await owner.patch(`/api/v1/members/${adminId}`, { role: 'emperor' });
    assert.equal(bad.status, 400);
  });

  test('only an owner lets SCIM group mappings make owners; the change is audited', async () => {
    const { ws, owner, admin } = await withAdmin('Setting');
    const url = `/api/v1/workspaces/${ws.workspaceId}/settings`;
    assert.deepEqual((await admin.get(url)).body, { scim_owner_mapping_allowed: false });
    const byAdmin = await admin.patch(url, { scim_owner_mapping_allowed: true });
    assert.equal(byAdmin.status, 403);
    assert.equal(byAdmin.body.error, 'access.owner_required');
    const byOwner = await owner.patch(url, { scim_owner_mapping_allowed: true });
    assert.deepEqual(byOwner.body, { scim_owner_mapping_allowed: true });
    const audit = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=workspace.settings_changed`);
    assert.deepEqual(audit.body.items[0].metadata.scim_owner_mapping_allowed, { from: false, to: true });
  });
});
