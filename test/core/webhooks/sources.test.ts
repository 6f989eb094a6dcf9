// The events come from where the changes happen: integrations (credentials replaced, a failed
// verification), SCIM (users provisioned, deprovisioned, deleted; groups and their members),
// provider connections (health down and recovered, consent). Each is checked as the receiver sees
// it, signature verified with the `standardwebhooks` package — and no payload, body or log line
// ever holds a stored secret or the webhook's own secret (the canary).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_EVENT_TYPES } from '../../../src/core/webhooks/event-types.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { type Receiver, startReceiver } from '../../helpers/webhook-receiver.ts';
import { createGroup, createUser, PATCH_OP, SCIM_JSON, setupScim } from '../../scim/helpers.ts';
import { type IntegrationsWorld, startWorld } from '../../surfaces/integrations/helpers.ts';

const CANARY_1 = 'ghp_CANARYwebhook0000000000000000first';
const CANARY_2 = 'ghp_CANARYwebhook000000000000000second';

let w: IntegrationsWorld;
let rx: Receiver;
let secret: string;

before(async () => {
  rx = await startReceiver();
  w = await startWorld({ env: { SWITCHBOARD_WEBHOOK_POLL_SECONDS: '0.05' } });
  const res = await w.owner.post(`/api/v1/workspaces/${w.ws.workspaceId}/webhooks`, { url: rx.url(), events: [...WEBHOOK_EVENT_TYPES] });
  assert.equal(res.status, 201, res.text);
  secret = res.body.secret;
});
after(async () => {
  await w.close();
  await rx.close();
});

type Msg = { type: string; timestamp: string; data: Record<string, any> };
const messages = (): Msg[] =>
  rx.received.map(
    (r) =>
      new Webhook(secret).verify(r.body, {
        'webhook-id': String(r.headers['webhook-id']),
        'webhook-timestamp': String(r.headers['webhook-timestamp']),
        'webhook-signature': String(r.headers['webhook-signature']),
      }) as Msg,
  );
const waitForEvent = (type: string, match: (m: Msg) => boolean = () => true) =>
  waitFor(async () => messages().find((m) => m.type === type && match(m)) ?? null);

describe('event sources', () => {
  test('integrations: credentials_rotated (field names only) and verification_failed, with the actor', async () => {
    w.sim.setValid('github', { token: CANARY_1 });
    const created = await w.owner.post('/sfp/api/integrations?verify=true', {
      provider: 'github',
      authType: 'pat',
      credentials: { token: CANARY_1 },
      isGlobal: true,
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    w.sim.setValid('github', { token: CANARY_2 });
    const patched = await w.owner.patch(`/sfp/api/integrations/${id}`, { credentials: { token: CANARY_2 } });
    assert.equal(patched.status, 200, patched.text);
    const rotated = await waitForEvent('integration.credentials_rotated', (m) => m.data.integration.id === id);
    assert.deepEqual(rotated.data.fields, ['token']);
    assert.deepEqual(rotated.data.target, { type: 'integration', id });
    assert.equal(rotated.data.actor.type, 'member', 'the member whose request changed it');
    assert.equal(rotated.data.scope, `integration:${id}`);

    w.sim.reset(); // the simulator no longer knows the token: the next verification fails
    const verify = await w.owner.post(`/sfp/api/integrations/${id}/verify`, {});
    assert.ok([200, 201, 202].includes(verify.status), verify.text);
    const failed = await waitForEvent('integration.verification_failed', (m) => m.data.integration.id === id);
    assert.equal(typeof failed.data.reason_code, 'string');
    assert.ok(failed.data.sequence > rotated.data.sequence, 'the same scope, later');
  });

  test('SCIM: provisioned, deprovisioned, deleted; group created and members changed', async () => {
    const s = await setupScim(w.t, { workspace: w.ws });
    const userId = await createUser(s, 'ada@example.com');
    const provisioned = await waitForEvent('scim.user.provisioned', (m) => m.data.user.id === userId);
    assert.equal(provisioned.data.user.user_name, 'ada@example.com');
    assert.deepEqual(provisioned.data.actor, { type: 'scim_configuration', id: s.configurationId });

    const off = await s.scim.patch(
      `${s.base}/Users/${userId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
      SCIM_JSON,
    );
    assert.equal(off.status, 200, off.text);
    await waitForEvent('scim.user.deprovisioned', (m) => m.data.user.id === userId);

    const groupId = await createGroup(s, 'Ops');
    await waitForEvent('scim.group.changed', (m) => m.data.group.id === groupId && m.data.change === 'created');
    const add = await s.scim.patch(
      `${s.base}/Groups/${groupId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }] },
      SCIM_JSON,
    );
    assert.equal(add.status < 300, true, add.text);
    const members = await waitForEvent('scim.group.changed', (m) => m.data.group.id === groupId && m.data.change === 'members');
    assert.equal(members.data.members_added, 1);

    assert.equal((await s.scim.delete(`${s.base}/Users/${userId}`)).status, 204);
    await waitForEvent('scim.user.deleted', (m) => m.data.user.id === userId);
  });

  test('provider connections: health down and recovered, consent changes', async () => {
    const [conn] = await w.t.rt.db.query<{ id: string }>(
      `INSERT INTO provider_connections (workspace_id, tenant_id, provider, entra_tenant_id, display_name, health_status)
       VALUES ($1, $2, 'microsoft', 'contoso.onmicrosoft.com', 'Contoso', 'ok') RETURNING id`,
      [w.ws.workspaceId, w.ws.tenantId],
    );
    // The columns a health check's outcome writes (connection-state.ts), in the workspace's own transaction.
    const set = (sql: string) => w.t.rt.db.workspaceTx(w.ws.workspaceId, (q) => q.query(`UPDATE provider_connections SET ${sql} WHERE id = $1`, [conn.id]));
    await set(`health_status = 'down', last_error_reason_code = 'dependency_unreachable'`);
    await set(`health_status = 'ok', last_error_reason_code = NULL`);
    await set(`consent_status = 'failed'`);
    const down = await waitForEvent('provider_connection.health_changed', (m) => m.data.connection.id === conn.id && m.data.change === 'down');
    assert.equal(down.data.reason_code, 'dependency_unreachable');
    const up = await waitForEvent('provider_connection.health_changed', (m) => m.data.connection.id === conn.id && m.data.change === 'recovered');
    assert.equal(up.data.sequence, down.data.sequence + 1);
    assert.deepEqual([up.data.from, up.data.to], ['down', 'ok']);
    const consent = await waitForEvent('provider_connection.consent_changed', (m) => m.data.connection.id === conn.id);
    assert.deepEqual([consent.data.from, consent.data.to], ['required', 'failed']);
  });

  test('the canary: no stored secret and no webhook secret in any event, body or log line', async () => {
    const payloads = (await w.t.rt.db.query<{ p: string }>('SELECT payload::text AS p FROM webhook_events')).map((r) => r.p);
    assert.ok(payloads.length >= 8);
    const haystacks = [...payloads, ...rx.received.map((r) => r.body + JSON.stringify(r.headers)), ...w.t.logs];
    for (const needle of [CANARY_1, CANARY_2, secret, secret.slice('whsec_'.length)]) {
      assert.ok(!haystacks.some((h) => h.includes(needle)), `no ${needle.slice(0, 12)}… anywhere`);
    }
  });
  test('audit: a verification that finds the chain changed sends audit.chain_problem', async () => {
    const [row] = await w.t.rt.db.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_events WHERE chain = $1 ORDER BY seq LIMIT 1 OFFSET 1', [
      w.ws.workspaceId,
    ]);
    // Edited behind the service's back (the append-only trigger set aside, as an attacker with the database would).
    await w.t.rt.db.exec(
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update; UPDATE audit_events SET action = 'tenant.deleted' WHERE chain = '${w.ws.workspaceId}' AND seq = ${Number(row.seq)}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`,
    );
    const verify = await w.owner.get(`/api/v1/workspaces/${w.ws.workspaceId}/audit-events/verify`);
    assert.equal(verify.status, 200, verify.text);
    assert.equal(verify.body.ok, false);
    const ev = await waitForEvent('audit.chain_problem');
    assert.deepEqual(ev.data.target, { type: 'audit_chain', id: w.ws.workspaceId });
    assert.equal(ev.data.detected_by, 'api');
    assert.ok(ev.data.problem_count >= 1);
    assert.ok(
      ev.data.problems.some((p: { seq: number; problem: string }) => p.seq === Number(row.seq) && p.problem === 'hash_mismatch'),
      JSON.stringify(ev.data.problems),
    );
  });
});
