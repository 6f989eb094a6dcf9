// kill -9 of the worker mid-delivery loses nothing: the attempt it held stays leased, the lease
// expires, another worker takes the delivery over and sends it with the same webhook-id, and the
// rest of the scope follows in order. Real processes on one PostgreSQL database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { clusterEnvironment, httpTo, type Proc, spawnSwitchboard } from '../../helpers/processes.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { type Receiver, startReceiver } from '../../helpers/webhook-receiver.ts';

const cluster = clusterEnvironment('sb_whkill');
const env = {
  ...cluster.env,
  SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'true',
  SWITCHBOARD_WEBHOOK_POLL_SECONDS: '0.1',
  SWITCHBOARD_WEBHOOK_TIMEOUT_MS: '1000',
  SWITCHBOARD_WEBHOOK_BACKOFF_BASE_SECONDS: '0.1',
  SWITCHBOARD_WEBHOOK_BACKOFF_MAX_SECONDS: '0.5',
};
const procs: Proc[] = [];
let rx: Receiver;

before(async () => {
  await cluster.createDatabase();
  rx = await startReceiver();
});
after(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await rx.close();
  await cluster.dropDatabase();
});

test('a worker killed mid-delivery: the delivery is taken over, same webhook-id, nothing lost, order kept', async () => {
  const api = await spawnSwitchboard('serve', { ...env, SWITCHBOARD_WORKER_MODE: 'off' });
  procs.push(api);
  const port = api.port!;
  const v = cluster.vendorToken;
  const workspaceId = (await httpTo(port, 'POST', '/api/v1/workspaces', v, { name: 'Kill' })).body.id;
  const m = await httpTo(port, 'POST', `/api/v1/workspaces/${workspaceId}/members`, v, { email: 'o@kill.test', role: 'owner' });
  const owner = (await httpTo(port, 'POST', `/api/v1/workspaces/${workspaceId}/tokens`, v, { name: 'o', member_id: m.body.id })).body.token;
  const hook = await httpTo(port, 'POST', `/api/v1/workspaces/${workspaceId}/webhooks`, owner, { url: rx.url(), events: ['operation_run.completed'] });
  assert.equal(hook.status, 201);

  // The receiver holds the first request: the worker is mid-delivery when it dies.
  rx.mode = 'hang';
  for (let i = 0; i < 3; i++) {
    const r = await httpTo(port, 'POST', `/test/workspaces/${workspaceId}/runs`, owner, { type: 'test.sleep', scope: 'k', blocked: true });
    assert.equal(r.status, 200);
  }
  const first = await spawnSwitchboard('worker', env);
  procs.push(first);
  await waitFor(async () => rx.received.length >= 1);
  await first.kill('SIGKILL');
  const heldId = rx.received[0].headers['webhook-id'];

  rx.mode = { status: 200 };
  const second = await spawnSwitchboard('worker', env);
  procs.push(second);
  await waitFor(async () => new Set(rx.received.filter((r) => r.answered === 200).map((r) => r.headers['webhook-id'])).size === 3, 60_000);

  const delivered = rx.received.filter((r) => r.answered === 200);
  assert.equal(delivered[0].headers['webhook-id'], heldId, 'the held delivery is sent again first, with the same webhook-id');
  const msgs = delivered.map(
    (r) =>
      new Webhook(hook.body.secret).verify(r.body, {
        'webhook-id': String(r.headers['webhook-id']),
        'webhook-timestamp': String(r.headers['webhook-timestamp']),
        'webhook-signature': String(r.headers['webhook-signature']),
      }) as { data: { sequence: number } },
  );
  assert.deepEqual(
    msgs.map((x) => x.data.sequence),
    [1, 2, 3],
  );
  const list = await httpTo(port, 'GET', `/api/v1/webhooks/${hook.body.id}/deliveries`, owner);
  assert.ok(list.body.items.every((d: { status: string }) => d.status === 'succeeded'));
  assert.ok(
    list.body.items.some((d: { attempts: number }) => d.attempts === 2),
    'the taken-over attempt counts',
  );
});
