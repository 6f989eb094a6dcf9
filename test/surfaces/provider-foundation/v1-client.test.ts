// A provider-foundation v1 client, as the contract describes it: it knows connections, credentials
// and three operations — no platform app, no X-Confirm header. It creates a connection, attaches
// credentials (204), and starts runs with a worker running: a second identical start while the
// first is active is deduplicated (200, same run), another operation is refused with 409
// scope_busy carrying the active run. The confirmation still guards connections made through
// /admin, and the database keeps the origin that decides it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../../helpers/wait-for.ts';
import {
  ALL_ROLES,
  connectedPlatform,
  contractApi,
  DEDICATED_APP,
  DEDICATED_SECRET,
  F,
  fPath,
  getConnection,
  type ProviderEnv,
  runDone,
  startProviderEnv,
} from '../../helpers/providers.ts';

const V1_TENANT = '77777777-2222-4333-8444-555555555555';
let env: ProviderEnv;
let api: ReturnType<typeof contractApi>;

before(async () => {
  // Graph is made to hang below: the timeout is long so the run stays active while
  // the next starts arrive, however slow the machine.
  env = await startProviderEnv({ env: { SWITCHBOARD_MS_TIMEOUT_MS: '20000' } });
  env.sim.registerTenant({ tenantId: V1_TENANT, displayName: 'V1 customer', domain: 'v1.onmicrosoft.com' });
  env.sim.registerApp({ clientId: DEDICATED_APP, tenantId: V1_TENANT, clientSecret: DEDICATED_SECRET, roles: ALL_ROLES });
  api = contractApi(env.owner);
});
after(() => env?.close());

describe('a v1 client', () => {
  let id: string;

  test('creates a connection and attaches credentials without any confirmation header: 204', async () => {
    const created = await api.foundation('POST', F.list, fPath(env.ws.tenantId), { provider: 'microsoft', entra_tenant_id: V1_TENANT, display_name: 'V1' });
    assert.equal(created.status, 201, created.text);
    id = created.body.id;
    const put = await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, id, '/credentials'), {
      type: 'client_secret',
      client_id: DEDICATED_APP,
      client_secret: DEDICATED_SECRET,
    });
    assert.equal(put.status, 204, put.text);
    assert.equal(put.text, '');
    // rotating is the same call, again without a header
    const rotate = await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, id, '/credentials'), {
      type: 'client_secret',
      client_id: DEDICATED_APP,
      client_secret: DEDICATED_SECRET,
    });
    assert.equal(rotate.status, 204, rotate.text);
    const [row] = await env.t.rt.db.query<{ origin: string; connection_type: string; credential_kind: string }>(
      'SELECT origin, connection_type, credential_kind FROM provider_connections WHERE id = $1',
      [id],
    );
    assert.deepEqual(row, { origin: 'foundation_v1', connection_type: 'dedicated', credential_kind: 'client_secret' });
    const actions = await env.t.rt.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'provider_connection.%' ORDER BY id",
      [id],
    );
    assert.deepEqual(
      actions.map((a) => a.action),
      [
        'provider_connection.created',
        'provider_connection.connection_type_changed',
        'provider_connection.credential_created',
        'provider_connection.credential_rotated',
      ],
    );
  });

  test('with a run active: the same start is deduplicated (200, same run), another operation is scope_busy (409 with the run)', async () => {
    // a first check proves the credentials and the app's roles (until then an inventory start is blocked, not busy)
    const proven = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, id, '/operations/health-check'));
    assert.equal(proven.status, 201, proven.text);
    assert.equal((await runDone(env.owner, proven.body.id)).outcome, 'succeeded');
    assert.equal((await getConnection(env, id)).health_status, 'ok');

    const removeHang = env.sim.setFailure({ endpoint: 'graph', tenantId: V1_TENANT, failure: { kind: 'hang' } });
    const first = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, id, '/operations/health-check'));
    assert.equal(first.status, 201, first.text);
    // the worker takes it and blocks on Graph: the run is running, not just queued
    await waitFor(async () => (await env.owner.get(`/api/v1/operation-runs/${first.body.id}`)).body?.status === 'running');
    const again = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, id, '/operations/health-check'));
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.id, first.body.id);
    const busy = await api.foundation('POST', F.inventory, fPath(env.ws.tenantId, id, '/operations/inventory'));
    assert.equal(busy.status, 409, busy.text);
    assert.equal(busy.body.error, 'scope_busy');
    assert.equal(busy.body.active_run.id, first.body.id);
    assert.equal(busy.body.active_run.type, 'microsoft.health_check');
    removeHang();
    env.sim.cutHanging(); // the held Graph request fails now: the run ends without waiting for the timeout
    // Ended either way: failed, or succeeded when the client's retry of the cut request meets the
    // healthy Graph. Only then is the scope free again.
    const ended = await runDone(env.owner, first.body.id);
    assert.equal(ended.status, 'completed', JSON.stringify(ended));
    const next = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, id, '/operations/health-check'));
    assert.equal(next.status, 201, next.text);
    const done = await runDone(env.owner, next.body.id);
    assert.equal(done.outcome, 'succeeded', JSON.stringify(done));
  });
});

describe('the confirmation stays where the provider-identity contract asks for it', () => {
  test('a consented /admin platform connection is not switched by the v1 PUT without X-Confirm', async () => {
    const c = await connectedPlatform(env);
    const body = { type: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET };
    const refused = await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, c.uuid, '/credentials'), body);
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.error, 'access.confirmation_required');
    const [row] = await env.t.rt.db.query<{ connection_type: string; consent_status: string }>(
      'SELECT connection_type, consent_status FROM provider_connections WHERE id = $1',
      [c.uuid],
    );
    assert.deepEqual(row, { connection_type: 'platform', consent_status: 'granted' });
    const confirmed = await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, c.uuid, '/credentials'), body, { 'x-confirm': c.uuid });
    assert.equal(confirmed.status, 204, confirmed.text);
  });

  test('no writer can turn an /admin connection into a v1 one (the origin is fixed in the database)', async () => {
    const c = await connectedPlatform(env, { entraTenantId: 'fabrikam.onmicrosoft.com', displayName: 'Fabrikam' });
    await assert.rejects(
      env.t.rt.db.workspaceTx(env.ws.workspaceId, (q) => q.query("UPDATE provider_connections SET origin = 'foundation_v1' WHERE id = $1", [c.uuid])),
      /origin cannot change/,
    );
    await assert.rejects(
      env.t.rt.db.workspaceTx(env.ws.workspaceId, (q) => q.query("UPDATE provider_connections SET origin = 'somewhere' WHERE id = $1", [c.uuid])),
      /origin cannot change|check constraint/,
    );
  });
});
