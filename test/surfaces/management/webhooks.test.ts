// The webhooks management API in the shapes issue 16 gives: create (secret shown once), list
// (paged, no secret), read, change, delete, rotate-secret, deliveries, redeliver; the capability
// (owner, admin); another workspace's ids are 404; the outbound policy refuses loopback targets
// unless SWITCHBOARD_ALLOW_PRIVATE_NETWORKS is set (this runtime leaves it off).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WEBHOOK_EVENT_TYPES } from '../../../src/core/webhooks/event-types.ts';
import { apiClient, memberToken, setupWorkspace, type Api } from '../../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';
import { testRunsModule } from '../../helpers/test-runs-module.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { type Receiver, startReceiver } from '../../helpers/webhook-receiver.ts';

let t: TestRuntime;
let vendor: Api;
let rx: Receiver;

before(async () => {
  rx = await startReceiver();
  t = await startTestRuntime({
    extraModules: (core) => [testRunsModule(core)],
    env: { SWITCHBOARD_WEBHOOK_POLL_SECONDS: '0.05', SWITCHBOARD_WEBHOOK_BACKOFF_BASE_SECONDS: '30' },
  });
  vendor = apiClient(t.rt.app!, t.vendorToken);
});
after(async () => {
  await t.close();
  await rx.close();
});

async function workspace(name: string) {
  const ws = await setupWorkspace(vendor, name);
  return { ...ws, owner: vendor.as(ws.ownerToken) };
}

const HOOK = { url: 'https://hooks.example.com/switchboard', events: ['operation_run.completed', 'scim.user.provisioned'], description: 'pager' };

describe('webhooks API', () => {
  test('create answers {id, url, events, secret, created_at}; the secret is whsec_ + 32 bytes, sealed, never shown again', async () => {
    const { workspaceId, owner } = await workspace('Shapes');
    const res = await owner.post(`/api/v1/workspaces/${workspaceId}/webhooks`, HOOK);
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(Object.keys(res.body).sort(), ['created_at', 'events', 'id', 'secret', 'url']);
    assert.equal(res.body.url, HOOK.url);
    assert.deepEqual(res.body.events, HOOK.events);
    assert.match(res.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(res.body.secret.slice(6), 'base64').length, 32);
    assert.ok(!Number.isNaN(Date.parse(res.body.created_at)));
    const id = res.body.id;

    const one = await owner.get(`/api/v1/webhooks/${id}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.description, 'pager');
    assert.equal(one.body.enabled, true);
    const list = await owner.get(`/api/v1/workspaces/${workspaceId}/webhooks`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((w: { id: string }) => w.id),
      [id],
    );
    assert.equal(list.body.next_cursor, null);
    for (const text of [one.text, list.text]) assert.ok(!text.includes(res.body.secret.slice(6)) && !text.includes('secret"'), 'no secret after creation');
    // At rest: only in the vault, encrypted.
    const stored = await t.rt.db.query<{ c: string }>(
      `SELECT encode(ciphertext, 'escape') AS c FROM vault_secrets WHERE record_type = 'webhook' AND record_id = $1 AND field = 'secret'`,
      [id],
    );
    assert.equal(stored.length, 1);
    assert.ok(!stored[0].c.includes(res.body.secret));
    const row = await t.rt.db.query('SELECT * FROM webhooks WHERE id = $1', [id]);
    assert.ok(!JSON.stringify(row).includes(res.body.secret.slice(6)));
    const audit = await t.rt.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE target_id = $1`, [id]);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['webhook.created'],
    );
  });

  test('list pages with a cursor; change and delete', async () => {
    const { workspaceId, owner } = await workspace('Paging');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await owner.post(`/api/v1/workspaces/${workspaceId}/webhooks`, { ...HOOK, url: `${HOOK.url}/${i}` })).body.id);
    const p1 = await owner.get(`/api/v1/workspaces/${workspaceId}/webhooks?limit=2`);
    assert.equal(p1.body.items.length, 2);
    assert.equal(typeof p1.body.next_cursor, 'string');
    const p2 = await owner.get(`/api/v1/workspaces/${workspaceId}/webhooks?limit=2&cursor=${p1.body.next_cursor}`);
    assert.deepEqual(
      [...p1.body.items, ...p2.body.items].map((w: { id: string }) => w.id),
      ids,
    );
    assert.equal(p2.body.next_cursor, null);
    assert.equal((await owner.get(`/api/v1/workspaces/${workspaceId}/webhooks?cursor=bogus`)).status, 400);

    const patched = await owner.patch(`/api/v1/webhooks/${ids[0]}`, { events: ['scim.group.changed'], enabled: false, description: null });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.body.events, ['scim.group.changed']);
    assert.equal(patched.body.enabled, false);
    assert.equal(patched.body.description, null);
    assert.equal((await owner.patch(`/api/v1/webhooks/${ids[0]}`, {})).status, 400, 'an empty change');
    assert.equal((await owner.delete(`/api/v1/webhooks/${ids[0]}`)).status, 204);
    assert.equal((await owner.get(`/api/v1/webhooks/${ids[0]}`)).status, 404);
    const left = await t.rt.db.query(`SELECT 1 FROM vault_secrets WHERE record_type = 'webhook' AND record_id = $1`, [ids[0]]);
    assert.equal(left.length, 0, 'its secret went with it');
  });

  test('bad input is a 400 with a stable code', async () => {
    const { workspaceId, owner } = await workspace('Invalid');
    const url = `/api/v1/workspaces/${workspaceId}/webhooks`;
    for (const body of [
      { ...HOOK, events: ['no.such.event'] },
      { ...HOOK, events: [] },
      { ...HOOK, url: 'ftp://example.com/x' },
      { ...HOOK, url: 'https://user:pw@example.com/x' },
      { ...HOOK, extra: 1 },
      { events: HOOK.events },
    ]) {
      const res = await owner.post(url, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assert.ok(['request.validation_failed', 'webhook.url_invalid', 'webhook.event_type_unknown'].includes(res.body.error), res.text);
    }
    assert.equal((await owner.get('/api/v1/webhooks/not-a-uuid')).status, 400);
  });

  test('webhooks.manage: owner and admin; operator and viewer are refused', async () => {
    const { workspaceId, owner } = await workspace('Caps');
    const id = (await owner.post(`/api/v1/workspaces/${workspaceId}/webhooks`, HOOK)).body.id;
    const admin = vendor.as(await memberToken(vendor, workspaceId, 'admin'));
    assert.equal((await admin.post(`/api/v1/workspaces/${workspaceId}/webhooks`, HOOK)).status, 201);
    assert.equal((await admin.post(`/api/v1/webhooks/${id}/rotate-secret`)).status, 200);
    for (const role of ['operator', 'viewer']) {
      const other = vendor.as(await memberToken(vendor, workspaceId, role));
      for (const res of [
        await other.post(`/api/v1/workspaces/${workspaceId}/webhooks`, HOOK),
        await other.get(`/api/v1/workspaces/${workspaceId}/webhooks`),
        await other.get(`/api/v1/webhooks/${id}`),
        await other.post(`/api/v1/webhooks/${id}/rotate-secret`),
      ]) {
        assert.equal(res.status, 403, `${role}: ${res.text}`);
        assert.equal(res.body.error, 'access.forbidden');
      }
    }
  });

  test("workspace B gets 404 for A's webhook and delivery ids and cannot list A's", async () => {
    const a = await workspace('TenantA');
    const b = await workspace('TenantB');
    const hook = await a.owner.post(`/api/v1/workspaces/${a.workspaceId}/webhooks`, { url: rx.url(), events: ['operation_run.completed'] });
    await a.owner.post(`/test/workspaces/${a.workspaceId}/runs`, { type: 'test.sleep', scope: 'x', blocked: true });
    const [delivery] = (await a.owner.get(`/api/v1/webhooks/${hook.body.id}/deliveries`)).body.items;
    assert.ok(delivery, 'A has a delivery');
    const id = hook.body.id;
    for (const res of [
      await b.owner.get(`/api/v1/webhooks/${id}`),
      await b.owner.patch(`/api/v1/webhooks/${id}`, { enabled: false }),
      await b.owner.post(`/api/v1/webhooks/${id}/rotate-secret`),
      await b.owner.get(`/api/v1/webhooks/${id}/deliveries`),
      await b.owner.post(`/api/v1/webhook-deliveries/${delivery.id}/redeliver`),
      await b.owner.delete(`/api/v1/webhooks/${id}`),
      await b.owner.get(`/api/v1/workspaces/${a.workspaceId}/webhooks`),
      await b.owner.post(`/api/v1/workspaces/${a.workspaceId}/webhooks`, HOOK),
    ]) {
      assert.equal(res.status, 404, res.text);
      assert.ok(!res.text.includes(a.workspaceId));
    }
    assert.equal((await b.owner.get(`/api/v1/workspaces/${b.workspaceId}/webhooks`)).body.items.length, 0);
    assert.equal((await a.owner.get(`/api/v1/webhooks/${id}`)).body.enabled, true, 'unchanged by B');
    // Row-level security too: B's transaction does not see A's rows even unfiltered.
    const seen = await t.rt.db.workspaceTx(b.workspaceId, (q) =>
      q.query('SELECT (SELECT count(*) FROM webhooks) + (SELECT count(*) FROM webhook_events) + (SELECT count(*) FROM webhook_deliveries) AS n'),
    );
    assert.equal(Number(seen[0].n), 0);
  });

  test('deliveries show status, attempts, response code and latency; a loopback target is refused by the outbound policy', async () => {
    const { workspaceId, owner } = await workspace('Private');
    const hook = await owner.post(`/api/v1/workspaces/${workspaceId}/webhooks`, { url: rx.url(), events: ['operation_run.completed'] });
    await owner.post(`/test/workspaces/${workspaceId}/runs`, { type: 'test.sleep', scope: 'p', blocked: true });
    const failed = await waitFor(async () => {
      const res = await owner.get(`/api/v1/webhooks/${hook.body.id}/deliveries`);
      return res.body.items.find((d: { attempts: number }) => d.attempts >= 1) ?? null;
    });
    assert.deepEqual(Object.keys(failed).sort(), [
      'attempts',
      'created_at',
      'delivered_at',
      'error',
      'event_id',
      'event_type',
      'id',
      'latency_ms',
      'next_attempt_at',
      'response_code',
      'sequence',
      'status',
      'updated_at',
      'webhook_id',
    ]);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error, 'private_address_refused');
    assert.equal(failed.response_code, null);
    assert.equal(failed.event_type, 'operation_run.completed');
    assert.ok(Date.parse(failed.next_attempt_at) > Date.now(), 'retried later (backoff)');
    assert.equal(rx.received.length, 0, 'nothing reached the loopback receiver');
    const again = await owner.post(`/api/v1/webhook-deliveries/${failed.id}/redeliver`);
    assert.equal(again.status, 202, again.text);
    assert.equal(again.body.id, failed.id);
    assert.equal(again.body.status, 'pending');
    assert.equal((await owner.post('/api/v1/webhook-deliveries/00000000-0000-4000-8000-000000000000/redeliver')).status, 404);
  });

  test('the catalogue here is the one the database enforces', async () => {
    const [row] = await t.rt.db.query<{ types: string[] }>('SELECT webhook_event_types() AS types');
    assert.deepEqual(row.types, [...WEBHOOK_EVENT_TYPES]);
  });
});
