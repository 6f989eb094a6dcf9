// contracts/scim-configurations.yaml under /directory: every documented response validated
// against the contract, tenant scoping by the frontegg-tenant-id header, the list of all (vendor
// only: a workspace principal gets 403, its console reads its own through /console/api),
// capabilities, connectionName uniqueness, lastSync, audit, and the token shown exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, memberToken, setupWorkspace, type Api } from '../../helpers/api.ts';
import { loadContract } from '../../helpers/contract.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';
import { CONFIGS, SCIM_JSON, USER_SCHEMA } from '../../scim/helpers.ts';

const contract = loadContract('scim-configurations.yaml');
const LIST = '/resources/v1/configurations/scim2';
const ONE = '/resources/v1/configurations/scim2/{id}';

let t: TestRuntime;
let vendor: Api;

before(async () => {
  t = await startTestRuntime({ work: false });
  vendor = apiClient(t.rt.app!, t.vendorToken);
});
after(() => t.close());

const tenantHeader = (id: number | string) => ({ 'frontegg-tenant-id': String(id) });
const CONSOLE_LIST = '/console/api/scim-configurations';

/** The contract's "Vendor only" list answered to a workspace principal: 403 in the error envelope. */
function assertVendorOnly(res: { status: number; body: any }): void {
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(res.body.error, 'access.forbidden');
  assert.equal(res.body.vendorOnly, true);
  assert.match(res.body.message, /vendor only/);
  assert.equal(typeof res.body.request_id, 'string');
}

describe('configuration lifecycle against the contract', () => {
  test('create (201, token once) → get → list → patch (204) → delete (204) → 404', async () => {
    const ws = await setupWorkspace(vendor, 'Lifecycle');
    const owner = vendor.as(ws.ownerToken);

    const created = await owner.post(CONFIGS, { source: 'okta', connectionName: 'Okta prod', syncToUserManagement: false }, tenantHeader(ws.tenantId));
    assert.equal(created.status, 201, created.text);
    contract.assertResponse('POST', LIST, 201, created.body);
    assert.equal(created.body.connectionName, 'Okta prod');
    assert.match(created.body.token, /^sbscim_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.body.baseUrl, `http://switchboard.test/directory/resources/scim/v2.0/${created.body.id}`);
    assert.equal(created.headers['cache-control'], 'no-store');
    const id = created.body.id as string;

    const got = await owner.get(`${CONFIGS}/${id}`, tenantHeader(ws.tenantId));
    assert.equal(got.status, 200);
    contract.assertResponse('GET', ONE, 200, got.body);
    assert.deepEqual(
      { ...got.body, createdAt: undefined },
      {
        id,
        tenantId: String(ws.tenantId),
        connectionName: 'Okta prod',
        source: 'okta',
        syncToUserManagement: false,
        unknownAttributePolicy: 'ignore',
        lastSync: null,
        createdAt: undefined,
        baseUrl: created.body.baseUrl,
      },
    );
    assert.ok(!got.text.includes(created.body.token), 'the token is never shown again');

    const list = await vendor.get(`${CONFIGS}?id=${id}`);
    assert.equal(list.status, 200);
    contract.assertResponse('GET', LIST, 200, list.body);
    assert.deepEqual(
      list.body.map((c: { id: string }) => c.id),
      [id],
    );
    assert.ok(!list.text.includes(created.body.token));
    const own = await owner.get(CONSOLE_LIST);
    assert.deepEqual(own.body, [got.body], "the console's read shows the configuration as the contract does");
    assert.ok(!own.text.includes(created.body.token));

    const patched = await owner.patch(`${CONFIGS}/${id}`, { syncToUserManagement: true }, tenantHeader(ws.tenantId));
    assert.equal(patched.status, 204);
    contract.assertResponse('PATCH', ONE, 204, undefined);
    assert.equal((await owner.get(`${CONFIGS}/${id}`)).body.syncToUserManagement, true);

    const deleted = await owner.delete(`${CONFIGS}/${id}`, tenantHeader(ws.tenantId));
    assert.equal(deleted.status, 204);
    contract.assertResponse('DELETE', ONE, 204, undefined);
    const gone = await owner.get(`${CONFIGS}/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error, 'scim_configuration.not_found');

    const audit = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=scim.configuration.*`);
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action).sort(), [
      'scim.configuration.created',
      'scim.configuration.deleted',
      'scim.configuration.updated',
    ]);
    const auditText = JSON.stringify(audit.body);
    assert.ok(!auditText.includes(created.body.token), 'no token in the audit log');
    assert.ok(!t.logs.join('\n').includes(created.body.token), 'no token in any log line');
  });

  test('lastSync is the time of the last provisioning write', async () => {
    const ws = await setupWorkspace(vendor, 'LastSync');
    const owner = vendor.as(ws.ownerToken);
    const created = await owner.post(CONFIGS, { source: 'azure-ad' }, tenantHeader(ws.tenantId));
    const before = Date.now();
    assert.equal((await owner.get(`${CONFIGS}/${created.body.id}`)).body.lastSync, null);
    const scim = apiClient(t.rt.app!, created.body.token);
    const base = `/directory/resources/scim/v2.0/${created.body.id}`;
    // A read is not a provisioning write.
    await scim.get(`${base}/Users`);
    assert.equal((await owner.get(`${CONFIGS}/${created.body.id}`)).body.lastSync, null);
    const u = await scim.post(`${base}/Users`, { schemas: [USER_SCHEMA], userName: 'sync@x.test' }, SCIM_JSON);
    assert.equal(u.status, 201);
    const got = await owner.get(`${CONFIGS}/${created.body.id}`);
    contract.assertResponse('GET', ONE, 200, got.body);
    assert.ok(Date.parse(got.body.lastSync) >= before - 1000, got.body.lastSync);
  });

  test('without connectionName one is generated, unique per tenant; a taken name is 409 (any case)', async () => {
    const ws = await setupWorkspace(vendor, 'Names');
    const owner = vendor.as(ws.ownerToken);
    const a = await owner.post(CONFIGS, { source: 'azure-ad' }, tenantHeader(ws.tenantId));
    const b = await owner.post(CONFIGS, { source: 'azure-ad' }, tenantHeader(ws.tenantId));
    contract.assertResponse('POST', LIST, 201, a.body);
    contract.assertResponse('POST', LIST, 201, b.body);
    assert.equal(a.body.connectionName, 'azure-ad');
    assert.equal(b.body.connectionName, 'azure-ad-2');
    const named = await owner.post(CONFIGS, { source: 'other', connectionName: 'HR feed' }, tenantHeader(ws.tenantId));
    assert.equal(named.status, 201);
    const dup = await owner.post(CONFIGS, { source: 'okta', connectionName: 'hr FEED' }, tenantHeader(ws.tenantId));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error, 'scim_configuration.already_exists');
    // The same name in another tenant is fine.
    const other = await vendor.post(`/api/v1/workspaces/${ws.workspaceId}/tenants`, { name: 'Second' });
    const ok = await owner.post(CONFIGS, { source: 'okta', connectionName: 'HR feed' }, tenantHeader(other.body.id));
    assert.equal(ok.status, 201);
  });

  test('request validation: unknown source, extra field, missing syncToUserManagement → 400', async () => {
    const ws = await setupWorkspace(vendor, 'Validation');
    const owner = vendor.as(ws.ownerToken);
    assert.equal((await owner.post(CONFIGS, { source: 'google' }, tenantHeader(ws.tenantId))).status, 400);
    assert.equal((await owner.post(CONFIGS, { source: 'okta', extra: 1 }, tenantHeader(ws.tenantId))).status, 400);
    const c = await owner.post(CONFIGS, { source: 'okta' }, tenantHeader(ws.tenantId));
    const bad = await owner.patch(`${CONFIGS}/${c.body.id}`, {}, tenantHeader(ws.tenantId));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'request.validation_failed');
  });
});

describe('tenant scoping by frontegg-tenant-id', () => {
  test('create needs the header (400); a foreign or unknown tenant is 404; id or slug both work', async () => {
    const a = await setupWorkspace(vendor, 'TenantA');
    const b = await setupWorkspace(vendor, 'TenantB');
    const owner = vendor.as(a.ownerToken);
    const missing = await owner.post(CONFIGS, { source: 'okta' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'scim_configuration.tenant_required');
    assert.equal(missing.body.field, 'frontegg-tenant-id');
    const blank = await owner.post(CONFIGS, { source: 'okta' }, tenantHeader('  '));
    assert.equal(blank.status, 400);
    assert.equal(blank.body.error, 'scim_configuration.tenant_required');
    // The body is checked first: its failure keeps the generic code and names its field.
    const badBody = await owner.post(CONFIGS, { source: 'nobody' });
    assert.equal(badBody.status, 400);
    assert.equal(badBody.body.error, 'request.validation_failed');
    assert.equal(badBody.body.field, 'source');
    const foreign = await owner.post(CONFIGS, { source: 'okta' }, tenantHeader(b.tenantId));
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error, 'tenant.not_found');
    assert.equal((await owner.post(CONFIGS, { source: 'okta' }, tenantHeader('no-such-tenant'))).status, 404);
    const bySlug = await owner.post(CONFIGS, { source: 'okta' }, tenantHeader(a.tenantSlug));
    assert.equal(bySlug.status, 201);
    const got = await owner.get(`${CONFIGS}/${bySlug.body.id}`, tenantHeader(a.tenantSlug));
    assert.equal(got.body.tenantId, String(a.tenantId));
  });

  test('get/patch/delete with the header naming another tenant → 404; without the header the caller workspace decides', async () => {
    const ws = await setupWorkspace(vendor, 'Scoped');
    const owner = vendor.as(ws.ownerToken);
    const second = await vendor.post(`/api/v1/workspaces/${ws.workspaceId}/tenants`, { name: 'Other tenant' });
    const c = await owner.post(CONFIGS, { source: 'okta' }, tenantHeader(ws.tenantId));
    for (const res of [
      await owner.get(`${CONFIGS}/${c.body.id}`, tenantHeader(second.body.id)),
      await owner.patch(`${CONFIGS}/${c.body.id}`, { syncToUserManagement: true }, tenantHeader(second.body.id)),
      await owner.delete(`${CONFIGS}/${c.body.id}`, tenantHeader(second.body.id)),
    ]) {
      assert.equal(res.status, 404);
      assert.equal(res.body.error, 'scim_configuration.not_found');
    }
    assert.equal((await owner.get(`${CONFIGS}/${c.body.id}`)).status, 200);
    assert.equal((await owner.get(`${CONFIGS}/not-a-uuid`)).status, 404);
  });

  test('another workspace cannot see or touch a configuration (404, never 403)', async () => {
    const a = await setupWorkspace(vendor, 'OwnerA');
    const b = await setupWorkspace(vendor, 'OwnerB');
    const c = await vendor.as(a.ownerToken).post(CONFIGS, { source: 'okta' }, tenantHeader(a.tenantId));
    const other = vendor.as(b.ownerToken);
    for (const res of [
      await other.get(`${CONFIGS}/${c.body.id}`),
      await other.patch(`${CONFIGS}/${c.body.id}`, { syncToUserManagement: true }),
      await other.delete(`${CONFIGS}/${c.body.id}`),
      await other.post(`${CONFIGS}/${c.body.id}/rotate`),
      await other.get(`${CONFIGS}/${c.body.id}`, tenantHeader(a.tenantId)),
    ]) {
      assert.equal(res.status, 404, res.text);
    }
    assertVendorOnly(await other.get(CONFIGS));
    assert.deepEqual((await other.get(CONSOLE_LIST)).body, []);
  });
});

describe('who may do what', () => {
  test('viewer and operator may read (scim.view) but not create, change or delete (403)', async () => {
    const ws = await setupWorkspace(vendor, 'Roles');
    const c = await vendor.as(ws.ownerToken).post(CONFIGS, { source: 'okta' }, tenantHeader(ws.tenantId));
    for (const role of ['viewer', 'operator']) {
      const api = vendor.as(await memberToken(vendor, ws.workspaceId, role));
      const got = await api.get(`${CONFIGS}/${c.body.id}`);
      assert.equal(got.status, 200);
      contract.assertResponse('GET', ONE, 200, got.body);
      assertVendorOnly(await api.get(CONFIGS));
      assert.deepEqual(
        (await api.get(CONSOLE_LIST)).body.map((x: { id: string }) => x.id),
        [c.body.id],
      );
      for (const res of [
        await api.post(CONFIGS, { source: 'okta' }, tenantHeader(ws.tenantId)),
        await api.patch(`${CONFIGS}/${c.body.id}`, { syncToUserManagement: true }),
        await api.delete(`${CONFIGS}/${c.body.id}`),
        await api.post(`${CONFIGS}/${c.body.id}/rotate`),
      ]) {
        assert.equal(res.status, 403, res.text);
        assert.equal(res.body.error, 'access.forbidden');
      }
    }
    const admin = vendor.as(await memberToken(vendor, ws.workspaceId, 'admin'));
    assert.equal((await admin.post(CONFIGS, { source: 'okta' }, tenantHeader(ws.tenantId))).status, 201);
    assert.equal((await apiClient(t.rt.app!).get(CONFIGS)).status, 401);
  });

  test('the vendor lists across workspaces with filters; a workspace principal may not list all (403)', async () => {
    const a = await setupWorkspace(vendor, 'ListA');
    const b = await setupWorkspace(vendor, 'ListB');
    const ca = await vendor.as(a.ownerToken).post(CONFIGS, { source: 'okta', connectionName: 'main' }, tenantHeader(a.tenantId));
    const cb = await vendor.as(b.ownerToken).post(CONFIGS, { source: 'azure-ad', connectionName: 'main' }, tenantHeader(b.tenantId));
    // The vendor acts on any tenant too.
    const cv = await vendor.post(CONFIGS, { source: 'other', connectionName: 'by-vendor' }, tenantHeader(b.tenantId));
    assert.equal(cv.status, 201);
    contract.assertResponse('POST', LIST, 201, cv.body);

    const all = await vendor.get(CONFIGS);
    contract.assertResponse('GET', LIST, 200, all.body);
    const ids = all.body.map((c: { id: string }) => c.id);
    for (const id of [ca.body.id, cb.body.id, cv.body.id]) assert.ok(ids.includes(id));

    const byTenant = await vendor.get(`${CONFIGS}?tenantId=${b.tenantId}`);
    contract.assertResponse('GET', LIST, 200, byTenant.body);
    assert.deepEqual(byTenant.body.map((c: { id: string }) => c.id).sort(), [cb.body.id, cv.body.id].sort());
    const bySource = await vendor.get(`${CONFIGS}?source=azure-ad&connectionName=main`);
    assert.ok(bySource.body.every((c: { source: string; connectionName: string }) => c.source === 'azure-ad' && c.connectionName === 'main'));
    assert.ok(bySource.body.some((c: { id: string }) => c.id === cb.body.id));
    const byId = await vendor.get(`${CONFIGS}?id=${ca.body.id}`);
    assert.deepEqual(
      byId.body.map((c: { id: string }) => c.id),
      [ca.body.id],
    );
    assert.deepEqual((await vendor.get(`${CONFIGS}?id=nope`)).body, []);

    // "Vendor only": an owner, with or without filters, and an application token holding scim.view.
    assertVendorOnly(await vendor.as(a.ownerToken).get(CONFIGS));
    assertVendorOnly(await vendor.as(a.ownerToken).get(`${CONFIGS}?tenantId=${a.tenantId}`));
    const app = await vendor.as(a.ownerToken).post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: 'scim-reader', capabilities: ['scim.view'] });
    assert.equal(app.status, 201, JSON.stringify(app.body));
    assertVendorOnly(await vendor.as(app.body.token).get(CONFIGS));

    // Vendor get/patch/delete by id with or without the header.
    const vget = await vendor.get(`${CONFIGS}/${ca.body.id}`, tenantHeader(a.tenantId));
    assert.equal(vget.status, 200);
    contract.assertResponse('GET', ONE, 200, vget.body);
    assert.equal((await vendor.patch(`${CONFIGS}/${ca.body.id}`, { syncToUserManagement: true })).status, 204);
    assert.equal((await vendor.delete(`${CONFIGS}/${cv.body.id}`, tenantHeader(b.tenantId))).status, 204);
  });

  test('a slug that names tenants in several workspaces is ambiguous for the vendor (400); the numeric id is not', async () => {
    const a = await setupWorkspace(vendor, 'Twin');
    const b = await setupWorkspace(vendor, 'Twin');
    assert.equal(a.tenantSlug, b.tenantSlug);
    const amb = await vendor.post(CONFIGS, { source: 'okta' }, tenantHeader(a.tenantSlug));
    assert.equal(amb.status, 400);
    assert.equal(amb.body.error, 'tenant.ambiguous');
    const ok = await vendor.post(CONFIGS, { source: 'okta' }, tenantHeader(b.tenantId));
    assert.equal(ok.status, 201);
    assert.equal((await vendor.get(`${CONFIGS}/${ok.body.id}`)).body.tenantId, String(b.tenantId));
  });
});
