// Periodic health checks: due connections are picked (and only those that can be checked), the
// next check is scheduled one interval later, and a connection whose credential failed
// authentication is left alone until its credential changes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_ROLES, contractApi, DEDICATED_APP, DEDICATED_SECRET, I, iPath, fPath, F, startProviderEnv, type ProviderEnv } from '../../helpers/providers.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const WRONG_SECRET = 'Wrong~Canary.1zX4-Vb6nM8qW2eR4tY6uI8oP0aS';

function fixtures(env: ProviderEnv) {
  const api = contractApi(env.owner);
  let n = 0;
  async function dedicated(secret = DEDICATED_SECRET, connectionType: 'dedicated' | 'platform' = 'dedicated') {
    n += 1;
    const tenant = `${String(n).padStart(8, '0')}-9999-4888-8777-666666666666`;
    env.sim.registerTenant({ tenantId: tenant });
    env.sim.registerApp({ clientId: DEDICATED_APP, tenantId: tenant, clientSecret: DEDICATED_SECRET, roles: ALL_ROLES });
    const r = await api.identity(
      'POST',
      I.create,
      `/admin/tenants/${env.ws.tenantSlug}/provider-connections`,
      {
        provider: 'microsoft',
        entra_tenant_id: tenant,
        display_name: `Customer ${n}`,
        is_default: false,
        connection_type: connectionType,
        ...(connectionType === 'dedicated'
          ? { dedicated_credential: { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: secret } }
          : {}),
      },
      connectionType === 'dedicated' ? { 'x-confirm': 'dedicated' } : {},
    );
    assert.equal(r.status, 201, r.text);
    return { number: r.body.id as number, uuid: r.body.uuid as string, tenant };
  }
  const systemRuns = async (uuid: string) =>
    env.t.rt.db.query<{ id: number; status: string; reason_code: string | null }>(
      "SELECT id, status, reason_code FROM operation_runs WHERE target_id = $1 AND type = 'microsoft.health_check' AND initiator_type = 'system' ORDER BY id",
      [uuid],
    );
  const completedSystemRuns = async (uuid: string) => (await systemRuns(uuid)).filter((r) => r.status === 'completed');
  const rotate = (c: { number: number }, secret: string) =>
    api.identity('PUT', I.credential, iPath(c.number, 'dedicated-credential'), {
      credential_kind: 'client_secret',
      client_id: DEDICATED_APP,
      client_secret: secret,
    });
  return { api, dedicated, systemRuns, completedSystemRuns, rotate };
}

describe('on the schedule (interval 1 s, no jitter)', () => {
  let env: ProviderEnv;
  let f: ReturnType<typeof fixtures>;
  before(async () => {
    env = await startProviderEnv({ env: { SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS: '1', SWITCHBOARD_HEALTH_CHECK_JITTER_SECONDS: '0' } });
    f = fixtures(env);
  });
  after(() => env?.close());

  test('checks run periodically; a bad secret is tried once, then paused until the credential changes', async () => {
    const good = await f.dedicated();
    const bad = await f.dedicated(WRONG_SECRET);
    const platform = await f.dedicated(DEDICATED_SECRET, 'platform'); // no consent yet: not checkable
    const disabled = await f.dedicated();
    await f.api.foundation('PATCH', F.one, fPath(env.ws.tenantId, disabled.uuid), { status: 'disabled' });

    await waitFor(async () => (await f.completedSystemRuns(good.uuid)).length >= 2);
    const badRuns = await waitFor(async () => {
      const runs = await f.completedSystemRuns(bad.uuid);
      return runs.length ? runs : null;
    });
    assert.equal(badRuns[0].reason_code, 'authentication_failed');
    const tokenRequests = env.sim.count('token', { tenantId: bad.tenant });

    // several more intervals pass (measured by the good connection's checks, not by a clock)
    const seen = (await f.completedSystemRuns(good.uuid)).length;
    await waitFor(async () => (await f.completedSystemRuns(good.uuid)).length >= seen + 3);
    assert.equal((await f.systemRuns(bad.uuid)).length, 1);
    assert.equal(env.sim.count('token', { tenantId: bad.tenant }), tokenRequests);
    assert.equal((await f.systemRuns(platform.uuid)).length, 0);
    assert.equal((await f.systemRuns(disabled.uuid)).length, 0);

    // a new credential lifts the pause by itself
    assert.equal((await f.rotate(bad, DEDICATED_SECRET)).status, 200);
    await waitFor(async () => (await f.completedSystemRuns(bad.uuid)).some((r) => r.reason_code === 'ok'));
    const conn = await f.api.foundation('GET', F.one, fPath(env.ws.tenantId, bad.uuid));
    assert.equal(conn.body.status, 'connected');
  });
});

describe('one tick at a time (interval 1 h, driven by hand)', () => {
  let env: ProviderEnv;
  let f: ReturnType<typeof fixtures>;
  const makeDue = (uuid: string) =>
    env.t.rt.db.query("UPDATE provider_connections SET next_health_check_at = now() - interval '1 second' WHERE id = $1", [uuid]);
  const runDoneFor = async (uuid: string) =>
    waitFor(async () => {
      const runs = await f.systemRuns(uuid);
      return runs.length && runs.every((r) => r.status === 'completed') ? runs : null;
    });
  before(async () => {
    env = await startProviderEnv({ env: { SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS: '3600', SWITCHBOARD_HEALTH_CHECK_JITTER_SECONDS: '0' } });
    f = fixtures(env);
  });
  after(() => env?.close());

  test('a tick starts the due connections only, and schedules the next check one interval later', async () => {
    const due = await f.dedicated();
    const notDue = await f.dedicated();
    await makeDue(due.uuid);
    assert.deepEqual(await env.module.scheduler.tick(), [due.uuid]);
    const [row] = await env.t.rt.db.query('SELECT extract(epoch FROM next_health_check_at - now())::int AS s FROM provider_connections WHERE id = $1', [
      due.uuid,
    ]);
    assert.ok(row.s > 3500 && row.s <= 3600, String(row.s));
    assert.deepEqual(await env.module.scheduler.tick(), []);
    await runDoneFor(due.uuid);
    assert.equal((await f.systemRuns(notDue.uuid)).length, 0);
  });

  test('after authentication_failed the connection is skipped until its credential changes', async () => {
    const bad = await f.dedicated(WRONG_SECRET);
    await makeDue(bad.uuid);
    assert.deepEqual(await env.module.scheduler.tick(), [bad.uuid]);
    const [first] = await runDoneFor(bad.uuid);
    assert.equal(first.reason_code, 'authentication_failed');
    await makeDue(bad.uuid);
    assert.deepEqual(await env.module.scheduler.tick(), []); // paused
    // a manual check is still the operator's call (it fails the same way)
    const manual = await env.owner.post(fPath(env.ws.tenantId, bad.uuid, '/operations/health-check'));
    assert.equal(manual.status, 201);
    await f.rotate(bad, DEDICATED_SECRET);
    await waitFor(async () => (await env.t.rt.db.query("SELECT 1 FROM operation_runs WHERE id = $1 AND status = 'completed'", [manual.body.id])).length > 0);
    await makeDue(bad.uuid); // (any finished check schedules the next one an interval later)
    assert.deepEqual(await env.module.scheduler.tick(), [bad.uuid]);
    const runs = await runDoneFor(bad.uuid);
    assert.equal(runs.at(-1)!.reason_code, 'ok');
  });
});
