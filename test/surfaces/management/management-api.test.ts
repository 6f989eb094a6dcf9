import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, memberToken, setupWorkspace, type Api } from '../../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';

let t: TestRuntime;
let vendor: Api;

before(async () => {
  t = await startTestRuntime({ work: false });
  vendor = apiClient(t.rt.app!, t.vendorToken);
});
after(() => t.close());

describe('workspaces', () => {
  test('the vendor creates and lists workspaces with the exact shape', async () => {
    const res = await vendor.post('/api/v1/workspaces', { name: 'Contoso' });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['created_at', 'id', 'name']);
    assert.match(res.body.id, /^[0-9a-f-]{36}$/);
    assert.equal(res.body.name, 'Contoso');
    const list = await vendor.get('/api/v1/workspaces');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((w: { id: string }) => w.id === res.body.id));
  });

  test('a workspace owner cannot create workspaces (403) and lists only their own', async () => {
    const a = await setupWorkspace(vendor, 'OwnerOnly');
    const owner = vendor.as(a.ownerToken);
    const res = await owner.post('/api/v1/workspaces', { name: 'Nope' });
    assert.equal(res.status, 403);
    assert.equal(res.body.error, 'access.forbidden');
    const list = await owner.get('/api/v1/workspaces');
    assert.deepEqual(
      list.body.items.map((w: { id: string }) => w.id),
      [a.workspaceId],
    );
  });
});

describe('tenants, members and tokens', () => {
  test('tenants get an int64 id and a unique slug per workspace', async () => {
    const a = await setupWorkspace(vendor, 'Slugs');
    const owner = vendor.as(a.ownerToken);
    const t1 = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'Fabrikam Ltd' });
    assert.equal(t1.status, 201);
    assert.deepEqual(Object.keys(t1.body).sort(), ['created_at', 'id', 'name', 'slug', 'workspace_id']);
    assert.equal(typeof t1.body.id, 'number');
    assert.equal(t1.body.slug, 'fabrikam-ltd');
    const t2 = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'Fabrikam Ltd' });
    assert.equal(t2.body.slug, 'fabrikam-ltd-2');
    const dup = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'X', slug: 'fabrikam-ltd' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error, 'tenant.already_exists');
    const list = await owner.get(`/api/v1/workspaces/${a.workspaceId}/tenants`);
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 3);
    assert.equal(list.body.next_cursor, null);
  });

  test('members: exact shape, duplicate email 409, bad role 400', async () => {
    const a = await setupWorkspace(vendor, 'Members');
    const owner = vendor.as(a.ownerToken);
    const m = await owner.post(`/api/v1/workspaces/${a.workspaceId}/members`, { email: 'Ada@Example.com', role: 'operator' });
    assert.equal(m.status, 201);
    assert.deepEqual(Object.keys(m.body).sort(), ['created_at', 'disabled_at', 'email', 'id', 'role', 'source', 'status']);
    assert.equal(m.body.status, 'active');
    assert.equal(m.body.source, 'manual');
    assert.equal(m.body.email, 'ada@example.com');
    const dup = await owner.post(`/api/v1/workspaces/${a.workspaceId}/members`, { email: 'ada@example.com', role: 'viewer' });
    assert.equal(dup.status, 409);
    const bad = await owner.post(`/api/v1/workspaces/${a.workspaceId}/members`, { email: 'b@example.com', role: 'god' });
    assert.equal(bad.status, 400);
  });

  test('tokens are shown once, stored only as a hash, and revocation takes effect at once', async () => {
    const a = await setupWorkspace(vendor, 'Tokens');
    const owner = vendor.as(a.ownerToken);
    const created = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: 'ci', capabilities: ['tenants.view'] });
    assert.equal(created.status, 201);
    assert.match(created.body.token, /^sbt_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.headers['cache-control'], 'no-store');
    const rows = await t.rt.db.query(`SELECT encode(token_hash, 'hex') AS h, display_prefix FROM api_tokens WHERE id = $1`, [created.body.id]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].h.length, 64);
    const dump = JSON.stringify(await t.rt.db.query('SELECT * FROM api_tokens'));
    assert.ok(!dump.includes(created.body.token), 'the token itself is never stored');

    const app = vendor.as(created.body.token);
    assert.equal((await app.get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 200);
    assert.equal((await app.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'x' })).status, 403, 'capability not granted');

    const del = await owner.delete(`/api/v1/tokens/${created.body.id}`);
    assert.equal(del.status, 204);
    const after = await app.get(`/api/v1/workspaces/${a.workspaceId}/tenants`);
    assert.equal(after.status, 401);
    assert.equal(after.body.error, 'auth.invalid_token');
  });

  test('last_used_at is kept (batched) and expired tokens are refused', async () => {
    const a = await setupWorkspace(vendor, 'Expiry');
    const owner = vendor.as(a.ownerToken);
    const soon = new Date(Date.now() + 1500).toISOString();
    const created = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: 'short', capabilities: ['tenants.view'], expires_at: soon });
    assert.equal(created.status, 201);
    const app = vendor.as(created.body.token);
    assert.equal((await app.get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 200);
    await t.rt.authenticator.flush();
    const [row] = await t.rt.db.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [created.body.id]);
    assert.ok(row.last_used_at instanceof Date);
    await new Promise((r) => setTimeout(r, 1700));
    assert.equal((await app.get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 401);
    const past = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tokens`, {
      name: 'past',
      capabilities: ['tenants.view'],
      expires_at: '2001-01-01T00:00:00Z',
    });
    assert.equal(past.status, 400);
  });

  test('nobody grants more than they hold', async () => {
    const a = await setupWorkspace(vendor, 'Escalation');
    const adminTok = await memberToken(vendor, a.workspaceId, 'admin');
    const admin = vendor.as(adminTok);
    const res = await admin.post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: 'x', capabilities: ['integrations.credentials.read'] });
    assert.equal(res.status, 403);
    const owner = await admin.post(`/api/v1/workspaces/${a.workspaceId}/members`, { email: 'new-owner@x.test', role: 'owner' });
    assert.equal(owner.status, 403);
    const unknown = await vendor.as(a.ownerToken).post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: 'x', capabilities: ['root.everything'] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error, 'token.capability_invalid');
  });
});

describe('tenancy', () => {
  test("another workspace's resources answer 404 exactly like missing ones", async () => {
    const a = await setupWorkspace(vendor, 'Alpha');
    const b = await setupWorkspace(vendor, 'Beta');
    const ownerA = vendor.as(a.ownerToken);
    const foreign = await ownerA.get(`/api/v1/workspaces/${b.workspaceId}/tenants`);
    const missing = await ownerA.get(`/api/v1/workspaces/00000000-0000-4000-8000-000000000000/tenants`);
    assert.equal(foreign.status, 404);
    assert.equal(missing.status, 404);
    assert.equal(foreign.body.error, missing.body.error);
    assert.equal(foreign.body.message, missing.body.message);
    // a token of B cannot be revoked by A
    const tb = await vendor.as(b.ownerToken).post(`/api/v1/workspaces/${b.workspaceId}/tokens`, { name: 'b', capabilities: ['tenants.view'] });
    assert.equal((await ownerA.delete(`/api/v1/tokens/${tb.body.id}`)).status, 404);
    assert.equal((await ownerA.delete(`/api/v1/tokens/00000000-0000-4000-8000-000000000000`)).status, 404);
  });

  test('a missing capability inside your own workspace answers 403', async () => {
    const a = await setupWorkspace(vendor, 'Viewers');
    const viewer = vendor.as(await memberToken(vendor, a.workspaceId, 'viewer'));
    assert.equal((await viewer.get(`/api/v1/workspaces/${a.workspaceId}/tenants`)).status, 200);
    const res = await viewer.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'x' });
    assert.equal(res.status, 403);
    assert.equal(res.body.error, 'access.forbidden');
    assert.equal((await viewer.get(`/api/v1/workspaces/${a.workspaceId}/audit-events`)).status, 403);
  });

  test('row-level security confines a workspace transaction even when a query forgets its filter', async () => {
    const a = await setupWorkspace(vendor, 'RlsA');
    const b = await setupWorkspace(vendor, 'RlsB');
    const seen = await t.rt.db.workspaceTx(a.workspaceId, (q) => q.query('SELECT workspace_id FROM tenants'));
    assert.ok(seen.length >= 1);
    assert.ok(seen.every((r) => r.workspace_id === a.workspaceId));
    const members = await t.rt.db.workspaceTx(a.workspaceId, (q) => q.query('SELECT workspace_id FROM members'));
    assert.ok(members.every((r) => r.workspace_id === a.workspaceId));
    await assert.rejects(
      t.rt.db.workspaceTx(a.workspaceId, (q) =>
        q.query('INSERT INTO tenants (workspace_id, name, slug) VALUES ($1, $2, $3)', [b.workspaceId, 'sneaky', 'sneaky']),
      ),
      /row-level security/,
    );
    await assert.rejects(
      t.rt.db.workspaceTx(a.workspaceId, (q) => q.query('UPDATE audit_events SET action = $1', ['x'])),
      /permission denied|append-only/,
    );
  });
});

describe('audit events API', () => {
  test('filters by action, actor and target with cursor pagination', async () => {
    const a = await setupWorkspace(vendor, 'Audit');
    const owner = vendor.as(a.ownerToken);
    for (let i = 0; i < 5; i++) await owner.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: `T${i}` });
    const page1 = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?action=tenant.created&limit=3`);
    assert.equal(page1.status, 200);
    assert.equal(page1.body.items.length, 3);
    assert.ok(page1.body.next_cursor);
    const page2 = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?action=tenant.created&limit=3&cursor=${page1.body.next_cursor}`);
    assert.equal(page2.body.items.length, 3); // 5 by owner + 1 by vendor in setupWorkspace
    assert.equal(page2.body.next_cursor, null);
    const ids = [...page1.body.items, ...page2.body.items].map((e: { id: number }) => e.id);
    assert.deepEqual(
      ids,
      [...ids].sort((x, y) => y - x),
    );
    const byActor = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?actor=member:${a.ownerMemberId}`);
    assert.equal(byActor.body.items.length, 5);
    const target = page1.body.items[0].target;
    const byTarget = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?target=${target.type}:${target.id}`);
    assert.equal(byTarget.body.items.length, 1);
    const future = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?since=2999-01-01T00:00:00Z`);
    assert.equal(future.body.items.length, 0);
    const bad = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events?cursor=nonsense`);
    assert.equal(bad.status, 400);
    const verify = await owner.get(`/api/v1/workspaces/${a.workspaceId}/audit-events/verify`);
    assert.equal(verify.status, 200);
    assert.equal(verify.body.ok, true);
  });
});

describe('one pagination style: ?limit=&cursor= → { items, next_cursor }', () => {
  test('every management list walks its pages by cursor, without gaps or repeats, while rows are added', async () => {
    const a = await setupWorkspace(vendor, 'Pages');
    const owner = vendor.as(a.ownerToken);
    for (let i = 0; i < 7; i++) {
      assert.equal((await owner.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: `Tenant ${i}` })).status, 201);
      assert.equal((await owner.post(`/api/v1/workspaces/${a.workspaceId}/members`, { email: `m${i}@pages.test`, role: 'viewer' })).status, 201);
      assert.equal((await owner.post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: `t${i}`, capabilities: ['providers.view'] })).status, 201);
    }
    const walk = async (path: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r: { status: number; text: string; body: any } = await owner.get(`${path}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor']);
        assert.ok(r.body.items.length <= 3);
        ids.push(...r.body.items.map((x: { id: string | number }) => String(x.id)));
        cursor = r.body.next_cursor;
        // a row added mid-walk lands after the cursor (creation order): it is seen once, nothing shifts
        if (pages++ === 0 && path.endsWith('/tenants')) await owner.post(`/api/v1/workspaces/${a.workspaceId}/tenants`, { name: 'Late' });
      } while (cursor);
      return ids;
    };
    const all = async (path: string) => (await owner.get(`${path}?limit=200`)).body.items.map((x: { id: string | number }) => String(x.id));
    for (const list of ['tenants', 'members', 'tokens']) {
      const path = `/api/v1/workspaces/${a.workspaceId}/${list}`;
      const walked = await walk(path);
      assert.equal(new Set(walked).size, walked.length, `${list}: no repeats`);
      assert.deepEqual(walked, await all(path), `${list}: the pages are the whole list, in order`);
    }
    assert.equal((await all(`/api/v1/workspaces/${a.workspaceId}/tenants`)).length, 9); // the workspace's first + 7 + the late one
    // the default page is bounded, and the vendor's workspace list pages the same way
    const vendorPage = await vendor.get('/api/v1/workspaces?limit=1');
    assert.equal(vendorPage.body.items.length, 1);
    assert.equal(typeof vendorPage.body.next_cursor, 'string');
    const second = await vendor.get(`/api/v1/workspaces?limit=1&cursor=${encodeURIComponent(vendorPage.body.next_cursor)}`);
    assert.notEqual(second.body.items[0].id, vendorPage.body.items[0].id);
  });

  test('a forged or foreign cursor is a 400 with a stable code, a limit outside 1..200 a 400', async () => {
    const a = await setupWorkspace(vendor, 'BadCursor');
    const owner = vendor.as(a.ownerToken);
    for (const cursor of ['not-base64!', Buffer.from('["x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const r = await owner.get(`/api/v1/workspaces/${a.workspaceId}/members?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.error, 'pagination.cursor_invalid');
    }
    // a cursor whose parts are not what this list sorts by ('yesterday' would be a timestamp to PostgreSQL)
    const bogus = Buffer.from(JSON.stringify(['yesterday', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const r = await owner.get(`/api/v1/workspaces/${a.workspaceId}/members?cursor=${bogus}`);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error, 'pagination.cursor_invalid');
    for (const limit of ['0', '201', 'many']) assert.equal((await owner.get(`/api/v1/workspaces/${a.workspaceId}/tenants?limit=${limit}`)).status, 400);
  });
});
