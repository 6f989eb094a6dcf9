// Webhook delivery end to end on the real runtime: events written by the operation-run trigger,
// delivered by the dispatcher to loopback receivers, signatures verified on the receiving side
// with the `standardwebhooks` package. Receiver down then up, per-scope order, duplicates only
// with the same webhook-id, a hanging or failing receiver next to a healthy one, rotation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { apiClient, setupWorkspace, type Api } from '../../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';
import { testRunsModule } from '../../helpers/test-runs-module.ts';
import { retryDelaySeconds } from '../../../src/core/webhooks/backoff.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { type Received, type Receiver, startReceiver } from '../../helpers/webhook-receiver.ts';

let t: TestRuntime;
let vendor: Api;
const receivers: Receiver[] = [];

before(async () => {
  t = await startTestRuntime({
    extraModules: (core) => [testRunsModule(core)],
    env: {
      SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'true',
      SWITCHBOARD_WEBHOOK_POLL_SECONDS: '0.05',
      SWITCHBOARD_WEBHOOK_BACKOFF_BASE_SECONDS: '0.05',
      SWITCHBOARD_WEBHOOK_BACKOFF_MAX_SECONDS: '0.2',
      SWITCHBOARD_WEBHOOK_TIMEOUT_MS: '3000',
      SWITCHBOARD_WEBHOOK_SECRET_GRACE_SECONDS: '3600',
    },
  });
  vendor = apiClient(t.rt.app!, t.vendorToken);
});
after(async () => {
  await t.close();
  for (const r of receivers) await r.close();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

async function workspace(name: string) {
  const ws = await setupWorkspace(vendor, name);
  return { ...ws, owner: vendor.as(ws.ownerToken) };
}

async function subscribe(owner: Api, workspaceId: string, url: string, events = ['operation_run.completed']) {
  const res = await owner.post(`/api/v1/workspaces/${workspaceId}/webhooks`, { url, events });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; secret: string };
}

/** A blocked run is born completed: one operation_run.completed event in scope `test:<scope>`. */
async function blockedRun(owner: Api, workspaceId: string, scope: string) {
  const res = await owner.post(`/test/workspaces/${workspaceId}/runs`, { type: 'test.sleep', scope, blocked: true });
  assert.equal(res.status, 200, res.text);
  return String(res.body.run.id);
}

const verified = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: Record<string, any> };

describe('webhook delivery', () => {
  test('receiver down, then up: every event arrives, signed, in order per scope; repeats only with the same webhook-id', async () => {
    const rx = await receiver();
    rx.mode = { status: 503 };
    const { workspaceId, owner } = await workspace('Down');
    const hook = await subscribe(owner, workspaceId, rx.url());
    const runs: Record<string, string[]> = { a: [], b: [] };
    for (let i = 0; i < 4; i++) for (const s of ['a', 'b']) runs[s].push(await blockedRun(owner, workspaceId, `down-${s}`));
    // Down for a while: several attempts fail.
    await waitFor(async () => rx.received.filter((r) => r.answered === 503).length >= 6);
    rx.mode = { status: 200 };
    await waitFor(async () => new Set(rx.received.filter((r) => r.answered === 200).map((r) => r.headers['webhook-id'])).size === 8);

    const bodyById = new Map<string, string>();
    for (const r of rx.received) {
      const msg = verified(hook.secret, r);
      const id = String(r.headers['webhook-id']);
      assert.equal(msg.data.event_id, id, 'the webhook-id is the event id');
      // A repeat is the same event: same id, same body.
      if (bodyById.has(id)) assert.equal(bodyById.get(id), r.body);
      bodyById.set(id, r.body);
      assert.equal(msg.type, 'operation_run.completed');
      assert.equal(msg.data.workspace_id, workspaceId);
      assert.deepEqual(msg.data.target, { type: 'operation_run', id: msg.data.run.id });
      assert.equal(msg.data.actor.type, 'member');
      assert.equal(msg.data.outcome, 'blocked');
      assert.equal(msg.data.reason, 'missing_configuration');
    }
    // Per scope, attempts (failed ones too) went out in sequence order: a later event never before an earlier one was delivered.
    for (const s of ['a', 'b']) {
      const seen = rx.received.map((r) => JSON.parse(r.body).data).filter((d) => d.scope === `test:down-${s}`);
      const seqs = seen.map((d) => d.sequence as number);
      assert.deepEqual(
        seqs,
        [...seqs].sort((x, y) => x - y),
        `scope ${s} in order: ${seqs}`,
      );
      const delivered = rx.received
        .filter((r) => r.answered === 200)
        .map((r) => JSON.parse(r.body).data)
        .filter((d) => d.scope === `test:down-${s}`);
      assert.deepEqual(
        delivered.map((d) => d.run.id),
        runs[s],
        `each run of the scope delivered once, in the order they happened: ${JSON.stringify(rx.received.map((r) => [r.answered, r.headers['webhook-id']]))}`,
      );
      assert.deepEqual(
        delivered.map((d) => d.sequence),
        [1, 2, 3, 4],
      );
    }
    // The receiver has answered every event; the dispatcher stores each answer just after it.
    const deliveries = () => owner.get(`/api/v1/webhooks/${hook.id}/deliveries?limit=50`);
    await waitFor(async () => {
      const r = await deliveries();
      return r.status === 200 && r.body.items.length === 8 && r.body.items.every((d: { status: string }) => d.status === 'succeeded');
    });
    const list = await deliveries();
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.items.length, 8);
    for (const d of list.body.items) {
      assert.equal(d.status, 'succeeded');
      assert.equal(d.response_code, 200);
      assert.ok(d.attempts >= 1 && typeof d.latency_ms === 'number');
    }
    assert.ok(
      list.body.items.some((d: { attempts: number }) => d.attempts > 1),
      'the first of each scope was retried',
    );
  });

  test('a hanging receiver and one answering 500 do not slow another subscription', async () => {
    const hang = await receiver();
    hang.mode = 'hang';
    const failing = await receiver();
    failing.mode = { status: 500 };
    const good = await receiver();
    const { workspaceId, owner } = await workspace('Neighbours');
    await subscribe(owner, workspaceId, hang.url());
    await subscribe(owner, workspaceId, failing.url());
    const goodHook = await subscribe(owner, workspaceId, good.url());
    const started = Date.now();
    for (let i = 0; i < 3; i++) await blockedRun(owner, workspaceId, `n-${i}`);
    await waitFor(async () => good.received.length >= 3);
    const took = Date.now() - started;
    // The hanging receiver holds each attempt for the whole 3 s timeout; the healthy one is done before the first of them ends.
    assert.ok(took < 3000, `healthy receiver served in ${took} ms`);
    assert.ok(hang.received.length >= 1 && failing.received.length >= 1);
    for (const r of good.received) verified(goodHook.secret, r);
    await waitFor(async () => {
      const rows = await t.rt.db.query<{ last_error: string }>(
        `SELECT d.last_error FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.url = $1 AND d.last_error IS NOT NULL`,
        [hang.url()],
      );
      return rows.some((r) => r.last_error === 'timeout');
    });
    const failed = await t.rt.db.query<{ status: string; last_response_code: number; last_error: string }>(
      `SELECT d.status, d.last_response_code, d.last_error FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.url = $1 AND d.attempts > 0`,
      [failing.url()],
    );
    assert.ok(failed.some((d) => d.status === 'failed' && d.last_response_code === 500 && d.last_error === 'http_500'));
  });

  test('after a rotation both secrets sign until the grace period ends; then only the new one', async () => {
    const rx = await receiver();
    const { workspaceId, owner } = await workspace('Rotate');
    const hook = await subscribe(owner, workspaceId, rx.url());
    const rotated = await owner.post(`/api/v1/webhooks/${hook.id}/rotate-secret`);
    assert.equal(rotated.status, 200, rotated.text);
    assert.match(rotated.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.notEqual(rotated.body.secret, hook.secret);
    assert.ok(Date.parse(rotated.body.previous_secret_expires_at) > Date.now() + 3500_000);
    await blockedRun(owner, workspaceId, 'rot');
    await waitFor(async () => rx.received.length >= 1);
    const [r] = rx.received;
    const signatures = String(r.headers['webhook-signature']).split(' ');
    assert.equal(signatures.length, 2, 'both signatures during the grace period');
    assert.ok(signatures.every((s) => s.startsWith('v1,')));
    // Each secret alone verifies (a receiver on either side of its switch accepts).
    verified(hook.secret, r);
    verified(rotated.body.secret, r);
    assert.throws(() => verified('whsec_' + Buffer.alloc(32, 7).toString('base64'), r), /signature/i);

    // Grace over: only the new secret signs.
    await t.rt.db.query(`UPDATE webhooks SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [hook.id]);
    await blockedRun(owner, workspaceId, 'rot');
    await waitFor(async () => rx.received.length >= 2);
    const later = rx.received[1];
    assert.equal(String(later.headers['webhook-signature']).split(' ').length, 1);
    verified(rotated.body.secret, later);
    assert.throws(() => verified(hook.secret, later));
  });

  test('started and completed of a real run, in order in the scope of its target; redelivery repeats the same webhook-id', async () => {
    const rx = await receiver();
    const { workspaceId, owner } = await workspace('Lifecycle');
    const hook = await subscribe(owner, workspaceId, rx.url(), ['operation_run.started', 'operation_run.completed']);
    const res = await owner.post(`/test/workspaces/${workspaceId}/runs`, { type: 'test.fail', scope: 'life' });
    assert.equal(res.status, 201, res.text);
    await waitFor(async () => rx.received.length >= 2);
    const [first, second] = rx.received.map((r) => verified(hook.secret, r));
    assert.equal(first.type, 'operation_run.started');
    assert.equal(second.type, 'operation_run.completed');
    assert.equal(first.data.scope, 'test:life');
    assert.equal(second.data.sequence, first.data.sequence + 1);
    assert.equal(second.data.outcome, 'failed');
    assert.equal(second.data.reason, 'permission_denied');
    assert.equal(second.data.run.id, String(res.body.run.id));

    const list = await owner.get(`/api/v1/webhooks/${hook.id}/deliveries`);
    const completed = list.body.items.find((d: { event_type: string }) => d.event_type === 'operation_run.completed');
    const again = await owner.post(`/api/v1/webhook-deliveries/${completed.id}/redeliver`);
    assert.equal(again.status, 202, again.text);
    assert.equal(again.body.status, 'pending');
    await waitFor(async () => rx.received.length >= 3);
    assert.equal(rx.received[2].headers['webhook-id'], rx.received[1].headers['webhook-id']);
    assert.equal(rx.received[2].body, rx.received[1].body);
  });

  test('no delivery blocks a request: a hanging receiver leaves run starts as fast as without', async () => {
    const hang = await receiver();
    hang.mode = 'hang';
    const { workspaceId, owner } = await workspace('NonBlocking');
    await subscribe(owner, workspaceId, hang.url());
    const started = Date.now();
    for (let i = 0; i < 5; i++) await blockedRun(owner, workspaceId, 'nb');
    assert.ok(Date.now() - started < 3000, 'five requests answered before a single hanging attempt timed out');
  });
  test('past the retry window a failing delivery is dead, visible and redeliverable, and the next of its scope goes out', async () => {
    const rx = await receiver();
    rx.mode = { status: 500 };
    const { workspaceId, owner } = await workspace('Dead');
    const hook = await subscribe(owner, workspaceId, rx.url());
    await blockedRun(owner, workspaceId, 'dead');
    await waitFor(async () => rx.received.length >= 1);
    // A day has passed since its first attempt (the window is 24 h): the next failure is the last.
    await t.rt.db.query(`UPDATE webhook_deliveries SET window_started_at = now() - interval '25 hours' WHERE webhook_id = $1`, [hook.id]);
    await blockedRun(owner, workspaceId, 'dead');
    const dead = await waitFor(async () => {
      const res = await owner.get(`/api/v1/webhooks/${hook.id}/deliveries`);
      return res.body.items.find((d: { status: string }) => d.status === 'dead') ?? null;
    });
    assert.equal(dead.sequence, 1);
    assert.equal(dead.response_code, 500);
    assert.equal(dead.error, 'http_500');
    assert.equal(dead.next_attempt_at, null);
    rx.mode = { status: 200 };
    // The scope moves on past the dead one.
    await waitFor(async () => rx.received.some((r) => r.answered === 200 && JSON.parse(r.body).data.sequence === 2));
    assert.equal((await owner.post(`/api/v1/webhook-deliveries/${dead.id}/redeliver`)).status, 202);
    await waitFor(async () => rx.received.some((r) => r.answered === 200 && r.headers['webhook-id'] === dead.event_id));
  });

  test('failing for 3 days pauses the webhook with a webhook.paused event to the others; enabling resumes it', async () => {
    const down = await receiver();
    down.mode = { status: 502 };
    const watcher = await receiver();
    const { workspaceId, owner } = await workspace('Pause');
    const hook = await subscribe(owner, workspaceId, down.url());
    const ops = await subscribe(owner, workspaceId, watcher.url(), ['webhook.paused']);
    await blockedRun(owner, workspaceId, 'pause');
    // The failing clock starts at the first failure (recorded once the receiver has answered).
    await waitFor(async () => {
      const [clock] = await t.rt.db.query<{ failing_since: Date | null }>('SELECT failing_since FROM webhooks WHERE id = $1', [hook.id]);
      return clock.failing_since;
    });
    await t.rt.db.query(`UPDATE webhooks SET failing_since = now() - interval '3 days 1 minute' WHERE id = $1`, [hook.id]);
    await waitFor(async () => watcher.received.length >= 1);
    const msg = verified(ops.secret, watcher.received[0]);
    assert.equal(msg.type, 'webhook.paused');
    assert.deepEqual(msg.data.target, { type: 'webhook', id: hook.id });
    assert.equal(msg.data.reason, 'failing');
    const paused = await owner.get(`/api/v1/webhooks/${hook.id}`);
    assert.equal(typeof paused.body.paused_at, 'string');
    // Paused: nothing new is made or sent.
    const sent = down.received.length;
    await blockedRun(owner, workspaceId, 'pause-2');
    const [made] = await t.rt.db.query<{ n: string }>('SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = $1', [hook.id]);
    assert.equal(Number(made.n), 1);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(down.received.length, sent);
    // Enabled again: the waiting delivery goes out.
    down.mode = { status: 200 };
    const resumed = await owner.patch(`/api/v1/webhooks/${hook.id}`, { enabled: true });
    assert.equal(resumed.body.paused_at, null);
    await waitFor(async () => down.received.some((r) => r.answered === 200));
  });

  test('backoff doubles from the base up to the cap, with 50-100 % jitter', () => {
    assert.equal(
      retryDelaySeconds(1, 5, 3600, () => 1),
      5,
    );
    assert.equal(
      retryDelaySeconds(3, 5, 3600, () => 1),
      20,
    );
    assert.equal(
      retryDelaySeconds(3, 5, 3600, () => 0),
      10,
    );
    assert.equal(
      retryDelaySeconds(30, 5, 3600, () => 1),
      3600,
    );
    for (let i = 0; i < 100; i++) {
      const d = retryDelaySeconds(4, 5, 3600);
      assert.ok(d >= 20 && d <= 40);
    }
  });
});
