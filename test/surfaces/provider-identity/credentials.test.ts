// Dedicated credentials (client secret and certificate, both used against the simulator, which
// verifies the secret and the client assertion), rotate and delete with capability, confirmation
// and audit rows, connection-type changes, and the canary: no secret in any response, log line,
// audit row, run or connection row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Api, ApiResponse } from '../../helpers/api.ts';
import { createSelfSignedCertificate } from '../../../src/simulators/entra-graph/index.ts';
import {
  ALL_ROLES,
  connectedPlatform,
  contractApi,
  DEDICATED_APP,
  DEDICATED_SECRET,
  F,
  fPath,
  getConnection,
  I,
  iPath,
  PLATFORM_SECRET,
  runDone,
  startProviderEnv,
  type ProviderEnv,
} from '../../helpers/providers.ts';

let env: ProviderEnv;
let api: ReturnType<typeof contractApi>;
let limited: ReturnType<typeof contractApi>;
const responses: string[] = [];
const cert = createSelfSignedCertificate({ commonName: 'switchboard-dedicated' });
const ROTATED_SECRET = 'Rotated~Canary.2bN7-Qw3eRt5YuI8oP0aSdFgHjK';

/** Records every response body so the canary can look through all of them at the end. */
function recording(a: Api): Api {
  const call = async (method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse> => {
    const r = await a.call(method, url, body, headers);
    responses.push(r.text, JSON.stringify(r.headers));
    return r;
  };
  return {
    ...a,
    call,
    get: (u, h) => call('GET', u, undefined, h),
    post: (u, b, h) => call('POST', u, b ?? {}, h),
    put: (u, b, h) => call('PUT', u, b ?? {}, h),
    patch: (u, b, h) => call('PATCH', u, b ?? {}, h),
    delete: (u, h) => call('DELETE', u, undefined, h),
  } as Api;
}

let n = 0;
/** A fresh Entra tenant with the dedicated app installed (consented out of band, as customers do). */
function newEntraTenant(): string {
  n += 1;
  const id = `${String(n).padStart(8, '0')}-1111-4222-8333-444444444444`;
  env.sim.registerTenant({ tenantId: id, displayName: `Customer ${n}` });
  env.sim.registerApp({ clientId: DEDICATED_APP, tenantId: id, clientSecret: DEDICATED_SECRET, certificatePem: cert.certificatePem, roles: ALL_ROLES });
  return id;
}

async function createDedicated(
  credential: Record<string, unknown> | null = { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET },
) {
  const r = await api.identity(
    'POST',
    I.create,
    `/admin/tenants/${env.ws.tenantSlug}/provider-connections`,
    {
      provider: 'microsoft',
      entra_tenant_id: newEntraTenant(),
      display_name: 'Dedicated',
      is_default: false,
      connection_type: 'dedicated',
      dedicated_credential: credential,
    },
    { 'x-confirm': 'dedicated' },
  );
  assert.equal(r.status, 201, r.text);
  return { number: r.body.id as number, uuid: r.body.uuid as string, body: r.body };
}

async function healthCheck(uuid: string) {
  const r = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, uuid, '/operations/health-check'));
  assert.equal(r.status, 201, r.text);
  return runDone(env.owner, r.body.id);
}

const audits = async (uuid: string) =>
  env.t.rt.db.query<{ action: string; actor_id: string; outcome: string; metadata: Record<string, unknown> }>(
    'SELECT action, actor_id, outcome, metadata FROM audit_events WHERE target_id = $1 ORDER BY id',
    [uuid],
  );
const vaultRows = async (uuid: string) => (await env.t.rt.db.query('SELECT 1 FROM vault_secrets WHERE record_id = $1', [uuid])).length;

before(async () => {
  env = await startProviderEnv();
  env.owner = recording(env.owner);
  api = contractApi(env.owner);
  const tok = await env.vendor.post(`/api/v1/workspaces/${env.ws.workspaceId}/tokens`, {
    name: 'no dedicated',
    capabilities: ['providers.view', 'providers.manage', 'providers.run'],
  });
  limited = contractApi(recording(env.owner.as(tok.body.token)));
});
after(() => env?.close());

describe('dedicated credentials', () => {
  test('creating a dedicated connection needs providers.manage_dedicated and X-Confirm: dedicated', async () => {
    const body = {
      provider: 'microsoft',
      entra_tenant_id: newEntraTenant(),
      display_name: 'Dedicated',
      connection_type: 'dedicated',
      dedicated_credential: { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET },
    };
    const unconfirmed = await api.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, body);
    assert.equal(unconfirmed.status, 400);
    assert.equal(unconfirmed.body.error, 'access.confirmation_required');
    assert.equal(unconfirmed.body.confirm_header, 'X-Confirm');
    const denied = await limited.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, body, { 'x-confirm': 'dedicated' });
    assert.equal(denied.status, 403);
    const platformWithCredential = await api.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      ...body,
      connection_type: 'platform',
    });
    assert.equal(platformWithCredential.status, 400);
  });

  test('client secret: sealed, never returned, and used by the health check', async () => {
    const c = await createDedicated();
    assert.equal(c.body.effective_app_id, DEDICATED_APP);
    assert.equal(c.body.credential_source, 'dedicated_manual');
    assert.equal(c.body.credential_kind, 'client_secret');
    const run = await healthCheck(c.uuid);
    assert.equal(run.outcome, 'succeeded', JSON.stringify(run));
    const conn = await getConnection(env, c.uuid);
    assert.equal(conn.status, 'connected');
    assert.equal(conn.health_status, 'ok');
    assert.ok(conn.last_health_check_at);
    const [row] = await env.t.rt.db.query('SELECT ciphertext FROM vault_secrets WHERE record_id = $1', [c.uuid]);
    assert.ok(!Buffer.from(row.ciphertext).toString('latin1').includes(DEDICATED_SECRET));
  });

  test('certificate: private key + certificate, client-assertion JWT verified by the simulator', async () => {
    const c = await createDedicated(null);
    const put = await api.identity('PUT', I.credential, iPath(c.number, 'dedicated-credential'), {
      credential_kind: 'certificate',
      client_id: DEDICATED_APP,
      private_key_pem: cert.privateKeyPem,
      certificate_pem: cert.certificatePem,
    });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.credential_kind, 'certificate');
    assert.ok(!put.text.includes('PRIVATE KEY'));
    const before = env.sim.count('token', { clientId: DEDICATED_APP });
    const run = await healthCheck(c.uuid);
    assert.equal(run.outcome, 'succeeded', JSON.stringify(run));
    assert.equal(env.sim.count('token', { clientId: DEDICATED_APP }), before + 1);
    // a key that does not belong to the certificate is refused before anything is stored
    const other = createSelfSignedCertificate();
    const mismatch = await api.identity('PUT', I.credential, iPath(c.number, 'dedicated-credential'), {
      credential_kind: 'certificate',
      client_id: DEDICATED_APP,
      private_key_pem: other.privateKeyPem,
      certificate_pem: cert.certificatePem,
    });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.error, 'provider_connection.credential.invalid');
    assert.ok(!mismatch.text.includes('PRIVATE KEY'));
  });

  test('a certificate the app registration does not know fails authentication', async () => {
    const unknown = createSelfSignedCertificate();
    const c = await createDedicated({
      credential_kind: 'certificate',
      client_id: DEDICATED_APP,
      private_key_pem: unknown.privateKeyPem,
      certificate_pem: unknown.certificatePem,
    });
    const run = await healthCheck(c.uuid);
    assert.equal(run.outcome, 'failed');
    assert.equal(run.reason_code, 'authentication_failed');
  });

  test('rotate replaces the secret (audited with fingerprints, never the value); the new one is used', async () => {
    const c = await createDedicated();
    env.sim.registerApp({ clientId: DEDICATED_APP, clientSecret: ROTATED_SECRET });
    const denied = await limited.identity('PUT', I.credential, iPath(c.number, 'dedicated-credential'), {
      credential_kind: 'client_secret',
      client_id: DEDICATED_APP,
      client_secret: ROTATED_SECRET,
    });
    assert.equal(denied.status, 403);
    const rotated = await api.identity('PUT', I.credential, iPath(c.number, 'dedicated-credential'), {
      credential_kind: 'client_secret',
      source: 'legacy_migrated',
      client_id: DEDICATED_APP,
      client_secret: ROTATED_SECRET,
    });
    assert.equal(rotated.status, 200);
    assert.equal(rotated.body.credential_source, 'legacy_migrated');
    assert.equal(rotated.body.migration_review_required, true);
    const rows = await audits(c.uuid);
    const created = rows.find((r) => r.action === 'provider_connection.credential_created')!;
    const rotation = rows.find((r) => r.action === 'provider_connection.credential_rotated')!;
    assert.ok(rotation, JSON.stringify(rows.map((r) => r.action)));
    assert.equal(rotation.actor_id, `member:${env.ws.ownerMemberId}`);
    assert.equal(rotation.metadata.previous_fingerprint, created.metadata.fingerprint);
    assert.notEqual(rotation.metadata.fingerprint, created.metadata.fingerprint);
    assert.equal(await vaultRows(c.uuid), 1);
    const tokenRequests = env.sim.count('token', { clientId: DEDICATED_APP });
    const run = await healthCheck(c.uuid);
    assert.equal(run.outcome, 'succeeded');
    assert.equal(env.sim.count('token', { clientId: DEDICATED_APP }), tokenRequests + 1); // a new credential is a new cache key
  });

  test('delete needs providers.manage_dedicated and X-Confirm: <connection id>; it is audited and later runs are blocked', async () => {
    const c = await createDedicated();
    const noConfirm = await api.identity('DELETE', I.credential, iPath(c.number, 'dedicated-credential'));
    assert.equal(noConfirm.status, 400);
    assert.equal(noConfirm.body.error, 'access.confirmation_required');
    const wrongConfirm = await api.identity('DELETE', I.credential, iPath(c.number, 'dedicated-credential'), undefined, {
      'x-confirm': String(c.number + 1000),
    });
    assert.equal(wrongConfirm.status, 400);
    const denied = await limited.identity('DELETE', I.credential, iPath(c.number, 'dedicated-credential'), undefined, { 'x-confirm': String(c.number) });
    assert.equal(denied.status, 403);
    assert.equal(await vaultRows(c.uuid), 1);
    const ok = await api.identity('DELETE', I.credential, iPath(c.number, 'dedicated-credential'), undefined, { 'x-confirm': c.uuid });
    assert.equal(ok.status, 204);
    assert.equal(await vaultRows(c.uuid), 0);
    const deleted = (await audits(c.uuid)).find((r) => r.action === 'provider_connection.credential_deleted');
    assert.ok(deleted);
    assert.equal(deleted.outcome, 'success');
    const conn = await getConnection(env, c.uuid);
    assert.equal(conn.status, 'error');
    assert.equal(conn.last_error_reason_code, 'missing_configuration');
    const r = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, c.uuid, '/operations/health-check'));
    assert.equal(r.body.outcome, 'blocked');
    assert.equal(r.body.reason_code, 'missing_configuration');
    assert.equal((await api.identity('DELETE', I.credential, iPath(c.number, 'dedicated-credential'), undefined, { 'x-confirm': c.uuid })).status, 404);
  });

  test('the dedicated-credential PUT refuses a platform connection (change the type first)', async () => {
    const p = await api.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: newEntraTenant(),
      display_name: 'Platform',
      is_default: false,
    });
    const r = await api.identity('PUT', I.credential, iPath(p.body.id, 'dedicated-credential'), {
      credential_kind: 'client_secret',
      client_id: DEDICATED_APP,
      client_secret: DEDICATED_SECRET,
    });
    assert.equal(r.status, 409);
    assert.equal(r.body.error, 'provider_connection.conflict');
  });

  test('the foundation credentials PUT on an /admin platform connection switches it to dedicated, with confirmation', async () => {
    // made through /admin: the v1 PUT needs X-Confirm (a connection made through v1 does not: v1-client.test.ts)
    const made = await env.owner.post(`/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: newEntraTenant(),
      display_name: 'admin made',
    });
    assert.equal(made.status, 201, made.text);
    const created = { body: { id: made.body.uuid as string } };
    const body = { type: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET };
    const unconfirmed = await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, created.body.id, '/credentials'), body);
    assert.equal(unconfirmed.status, 400);
    assert.equal(unconfirmed.body.error, 'access.confirmation_required');
    const ok = await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, created.body.id, '/credentials'), body, { 'x-confirm': created.body.id });
    assert.equal(ok.status, 204);
    const actions = (await audits(created.body.id)).map((r) => r.action);
    assert.deepEqual(actions, ['provider_connection.created', 'provider_connection.connection_type_changed', 'provider_connection.credential_created']);
    // the v1 flow: attach credentials, check, connected (consent was granted outside Switchboard)
    const run = await healthCheck(created.body.id);
    assert.equal(run.outcome, 'succeeded');
    assert.equal((await getConnection(env, created.body.id)).status, 'connected');
    // once dedicated, a rotation through the v1 path needs no further confirmation
    assert.equal((await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, created.body.id, '/credentials'), body)).status, 204);
  });
});

describe('connection-type change', () => {
  test('needs the stronger capability and confirmation, resets consent and verification, is audited', async () => {
    const c = await connectedPlatform(env);
    const before = await api.identity('PUT', I.connectionType, iPath(c.number, 'connection-type'), { connection_type: 'dedicated' });
    assert.equal(before.status, 400);
    assert.equal(before.body.error, 'access.confirmation_required');
    assert.equal(
      (await limited.identity('PUT', I.connectionType, iPath(c.number, 'connection-type'), { connection_type: 'dedicated' }, { 'x-confirm': String(c.number) }))
        .status,
      403,
    );
    assert.equal((await getConnection(env, c.uuid)).status, 'connected');

    const toDedicated = await api.identity(
      'PUT',
      I.connectionType,
      iPath(c.number, 'connection-type'),
      { connection_type: 'dedicated' },
      { 'x-confirm': String(c.number) },
    );
    assert.equal(toDedicated.status, 200);
    assert.equal(toDedicated.body.connection_type, 'dedicated');
    assert.equal(toDedicated.body.consent_status, 'required');
    assert.equal(toDedicated.body.verification_status, 'unknown');
    assert.equal(toDedicated.body.status, 'needs_consent');
    assert.equal(toDedicated.body.effective_app_id, undefined); // no dedicated credential yet

    await api.identity('PUT', I.credential, iPath(c.number, 'dedicated-credential'), {
      credential_kind: 'client_secret',
      client_id: DEDICATED_APP,
      client_secret: DEDICATED_SECRET,
    });
    assert.equal(await vaultRows(c.uuid), 1);
    const toPlatform = await api.identity(
      'PUT',
      I.connectionType,
      iPath(c.number, 'connection-type'),
      { connection_type: 'platform' },
      { 'x-confirm': c.uuid },
    );
    assert.equal(toPlatform.body.connection_type, 'platform');
    assert.equal(toPlatform.body.consent_status, 'required');
    assert.equal(await vaultRows(c.uuid), 0); // the platform app never uses the connection's own secret

    const changes = (await audits(c.uuid)).filter((r) => r.action === 'provider_connection.connection_type_changed');
    assert.deepEqual(
      changes.map((r) => [r.metadata.from, r.metadata.to, r.metadata.credential_removed]),
      [
        ['platform', 'dedicated', false],
        ['dedicated', 'platform', true],
      ],
    );
    assert.equal(changes[0].metadata.previous_consent_status, 'granted');
    assert.equal(changes[0].metadata.previous_verification_status, 'healthy');
  });
});

describe('secrets never leave', () => {
  test('no secret in any response, log line, audit row, run or connection row', async () => {
    // provoke an authentication failure too: its error path must not echo the secret either
    const c = await createDedicated({ credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: `${DEDICATED_SECRET}-wrong` });
    const failed = await healthCheck(c.uuid);
    assert.equal(failed.reason_code, 'authentication_failed');
    responses.push(JSON.stringify(failed));

    const db = env.t.rt.db;
    const dumps = [
      ...responses,
      ...env.t.logs,
      ...(await db.query('SELECT row_to_json(a)::text AS t FROM audit_events a')).map((r) => r.t),
      ...(await db.query('SELECT row_to_json(r)::text AS t FROM operation_runs r')).map((r) => r.t),
      ...(await db.query('SELECT row_to_json(c)::text AS t FROM provider_connections c')).map((r) => r.t),
      ...(await db.query('SELECT row_to_json(s)::text AS t FROM consent_states s')).map((r) => r.t),
    ];
    assert.ok(dumps.length > 50);
    const privateKeyBody = cert.privateKeyPem.split('\n')[1];
    for (const secret of [DEDICATED_SECRET, ROTATED_SECRET, PLATFORM_SECRET, privateKeyBody]) {
      const leaks = dumps.filter((d) => d.includes(secret));
      assert.deepEqual(leaks, [], `secret leaked: ${leaks[0]?.slice(0, 200)}`);
    }
  });
});
