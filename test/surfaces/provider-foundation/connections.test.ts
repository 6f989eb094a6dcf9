// The connection record behind both surfaces: uniqueness, one default, both ids, tenancy (404
// across workspaces, never 403), capabilities, provider-narrowed tokens, disable → blocked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { memberToken, setupWorkspace } from '../../helpers/api.ts';
import {
  contractApi,
  ENTRA_TENANT,
  F,
  fPath,
  I,
  iPath,
  OTHER_ENTRA_TENANT,
  PLATFORM_APP,
  runDone,
  startProviderEnv,
  type ProviderEnv,
} from '../../helpers/providers.ts';

let env: ProviderEnv;
let api: ReturnType<typeof contractApi>;
let secondTenant: number;

const create = (body: Record<string, unknown>, tenant = env.ws.tenantId) =>
  api.foundation('POST', F.list, fPath(tenant), { provider: 'microsoft', display_name: 'Conn', ...body });
const auditActions = async (id: string) =>
  (await env.t.rt.db.query<{ action: string }>('SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id', [id])).map((r) => r.action);

before(async () => {
  env = await startProviderEnv({ work: false });
  api = contractApi(env.owner);
  const t2 = await env.vendor.post(`/api/v1/workspaces/${env.ws.workspaceId}/tenants`, { name: 'Second Tenant' });
  secondTenant = t2.body.id;
});
after(() => env?.close());

describe('one connection per (tenant, provider, Entra tenant)', () => {
  test('a duplicate create answers 409 on both surfaces, case-insensitively; another tenant may use the same Entra tenant', async () => {
    const first = await create({ entra_tenant_id: 'aaaaaaaa-0000-4000-8000-000000000001' });
    assert.equal(first.status, 201);
    const dupF = await create({ entra_tenant_id: 'AAAAAAAA-0000-4000-8000-000000000001' });
    assert.equal(dupF.status, 409);
    assert.equal(dupF.body.error, 'provider_connection.duplicate');
    const dupI = await api.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: 'aaaaaaaa-0000-4000-8000-000000000001',
      display_name: 'Again',
    });
    assert.equal(dupI.status, 409);
    assert.equal((await create({ entra_tenant_id: 'aaaaaaaa-0000-4000-8000-000000000001' }, secondTenant)).status, 201);
  });

  test('the database refuses a duplicate even when the service is bypassed', async () => {
    const [row] = await env.t.rt.db.query('SELECT workspace_id, tenant_id FROM provider_connections LIMIT 1');
    await assert.rejects(
      env.t.rt.db.query(
        `INSERT INTO provider_connections (workspace_id, tenant_id, provider, entra_tenant_id, display_name) VALUES ($1, $2, 'microsoft', 'aaaaaaaa-0000-4000-8000-000000000001', 'x')`,
        [row.workspace_id, row.tenant_id],
      ),
      /provider_connections_identity/,
    );
  });

  test('an Entra tenant id that is neither a GUID nor a domain is refused', async () => {
    const r = await create({ entra_tenant_id: '../../evil' });
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'provider_connection.entra_tenant_id.invalid');
  });
});

describe('one default per (tenant, provider)', () => {
  test('making one default unsets the other; the database allows only one', async () => {
    const a = await create({ entra_tenant_id: 'bbbbbbbb-0000-4000-8000-000000000001', is_default: true }, secondTenant);
    const b = await create({ entra_tenant_id: 'bbbbbbbb-0000-4000-8000-000000000002', is_default: true }, secondTenant);
    assert.equal(b.body.is_default, true);
    const aNow = await api.foundation('GET', F.one, fPath(secondTenant, a.body.id));
    assert.equal(aNow.body.is_default, false);
    const back = await api.foundation('PATCH', F.one, fPath(secondTenant, a.body.id), { is_default: true });
    assert.equal(back.body.is_default, true);
    const list = await api.foundation('GET', F.list, fPath(secondTenant));
    assert.deepEqual(
      list.body.filter((c: { is_default: boolean }) => c.is_default).map((c: { id: string }) => c.id),
      [a.body.id],
    );
    // identity creates are default unless told otherwise
    const c = await api.identity('POST', I.create, `/admin/tenants/${secondTenant}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: 'bbbbbbbb-0000-4000-8000-000000000003',
      display_name: 'Newest',
    });
    assert.equal(c.body.is_default, true);
    assert.equal((await api.foundation('GET', F.one, fPath(secondTenant, a.body.id))).body.is_default, false);
    await assert.rejects(
      env.t.rt.db.query('UPDATE provider_connections SET is_default = true WHERE tenant_id = $1', [secondTenant]),
      /provider_connections_one_default/,
    );
    // unsetting leaves none
    const none = await api.foundation('PATCH', F.one, fPath(secondTenant, c.body.uuid), { is_default: false });
    assert.equal(none.body.is_default, false);
  });

  test('concurrent switches settle on exactly one default', async () => {
    const ids: string[] = [];
    for (let i = 4; i < 8; i++) ids.push((await create({ entra_tenant_id: `bbbbbbbb-0000-4000-8000-00000000000${i}` }, secondTenant)).body.id);
    const results = await Promise.all(ids.map((id) => api.foundation('PATCH', F.one, fPath(secondTenant, id), { is_default: true })));
    assert.ok(results.every((r) => r.status === 200));
    const [{ n }] = await env.t.rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM provider_connections WHERE tenant_id = $1 AND is_default', [
      secondTenant,
    ]);
    assert.equal(n, 1);
  });
});

describe('one record, two shapes', () => {
  test('the UUID and the integer id resolve to the same connection', async () => {
    const i = await api.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: ENTRA_TENANT,
      display_name: 'Contoso',
    });
    assert.equal(typeof i.body.id, 'number');
    assert.equal(i.body.consent_status, 'required');
    assert.equal(i.body.verification_status, 'unknown');
    assert.equal(i.body.health_status, 'unknown');
    assert.equal(i.body.effective_app_id, PLATFORM_APP);
    assert.equal(i.body.credential_source, 'platform');
    const f = await api.foundation('GET', F.one, fPath(env.ws.tenantId, i.body.uuid));
    assert.equal(f.body.number, i.body.id);
    assert.equal(f.body.entra_tenant_id, ENTRA_TENANT);
    assert.equal(f.body.status, 'needs_consent');
    assert.equal(f.body.health_status, 'down'); // never checked: not proven up
    // the connection is reachable only under its own tenant
    assert.equal((await api.foundation('GET', F.one, fPath(secondTenant, i.body.uuid))).status, 404);
  });

  test('changes are audited', async () => {
    const c = await create({ entra_tenant_id: 'cccccccc-0000-4000-8000-000000000001' });
    await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, c.body.id), { display_name: 'Renamed' });
    await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, c.body.id), { status: 'disabled' });
    await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, c.body.id), { status: 'connected' });
    assert.deepEqual(await auditActions(c.body.id), [
      'provider_connection.created',
      'provider_connection.updated',
      'provider_connection.disabled',
      'provider_connection.enabled',
    ]);
  });
});

describe('state rules', () => {
  test('disabled only by an explicit update; a disabled connection starts no runs (visible blocked run)', async () => {
    const c = await create({ entra_tenant_id: 'dddddddd-0000-4000-8000-000000000001' });
    // a client cannot set a status that checks decide
    const ignored = await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, c.body.id), { status: 'connected' });
    assert.equal(ignored.body.status, 'needs_consent');
    const disabled = await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, c.body.id), { status: 'disabled' });
    assert.equal(disabled.body.status, 'disabled');
    for (const [op, template] of [
      ['health-check', F.healthCheck],
      ['inventory', F.inventory],
      ['compliance-snapshot', F.compliance],
    ] as const) {
      const r = await api.foundation('POST', template, fPath(env.ws.tenantId, c.body.id, `/operations/${op}`));
      assert.equal(r.status, 201);
      assert.equal(r.body.status, 'completed');
      assert.equal(r.body.outcome, 'blocked');
      assert.equal(r.body.reason_code, 'ext.switchboard.connection_disabled');
    }
    const v = await api.identity('POST', I.verification, iPath(disabled.body.number, 'verification'));
    assert.equal(v.body.status, 'blocked');
    const run = await runDone(env.owner, v.body.operation_run_id);
    assert.equal(run.reason_code, 'ext.switchboard.connection_disabled');
    assert.ok(run.next_steps.length > 0);
    const enabled = await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, c.body.id), { status: 'needs_consent' });
    assert.equal(enabled.body.status, 'needs_consent');
  });

  test('a platform connection without consent is blocked with permission_denied and the next step to grant consent', async () => {
    const c = await create({ entra_tenant_id: 'dddddddd-0000-4000-8000-000000000002' });
    const r = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, c.body.id, '/operations/health-check'));
    assert.equal(r.body.outcome, 'blocked');
    assert.equal(r.body.reason_code, 'permission_denied');
    const run = await runDone(env.owner, r.body.id);
    assert.match(run.next_steps[0], /admin consent/i);
  });

  test('a dedicated connection without a credential is blocked with missing_configuration', async () => {
    const c = await api.identity(
      'POST',
      I.create,
      `/admin/tenants/${env.ws.tenantSlug}/provider-connections`,
      { provider: 'microsoft', entra_tenant_id: 'dddddddd-0000-4000-8000-000000000003', display_name: 'Ded', is_default: false, connection_type: 'dedicated' },
      { 'x-confirm': 'dedicated' },
    );
    assert.equal(c.status, 201);
    assert.equal(c.body.credential_source, undefined);
    assert.equal(c.body.effective_app_id, undefined);
    const r = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, c.body.uuid, '/operations/health-check'));
    assert.equal(r.body.outcome, 'blocked');
    assert.equal(r.body.reason_code, 'missing_configuration');
  });
});

describe('access', () => {
  let target: { uuid: string; number: number };
  before(async () => {
    const c = await create({ entra_tenant_id: OTHER_ENTRA_TENANT });
    target = { uuid: c.body.id, number: c.body.number };
  });

  test('a principal of another workspace gets 404 for everything, never 403 — even without the capability', async () => {
    const other = await setupWorkspace(env.vendor, 'Other');
    for (const token of [other.ownerToken, await memberToken(env.vendor, other.workspaceId, 'viewer')]) {
      const o = contractApi(env.owner.as(token));
      const t = env.ws.tenantId;
      const calls = [
        o.foundation('GET', F.list, fPath(t)),
        o.foundation('POST', F.list, fPath(t), { provider: 'microsoft', entra_tenant_id: 'eeeeeeee-0000-4000-8000-000000000001', display_name: 'x' }),
        o.foundation('GET', F.one, fPath(t, target.uuid)),
        o.foundation('PATCH', F.one, fPath(t, target.uuid), { status: 'disabled' }),
        o.foundation(
          'PUT',
          F.credentials,
          fPath(t, target.uuid, '/credentials'),
          { type: 'client_secret', client_id: 'x', client_secret: 'y' },
          { 'x-confirm': target.uuid },
        ),
        o.foundation('POST', F.healthCheck, fPath(t, target.uuid, '/operations/health-check')),
        o.foundation('POST', F.inventory, fPath(t, target.uuid, '/operations/inventory')),
        o.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
          provider: 'microsoft',
          entra_tenant_id: 'eeeeeeee-0000-4000-8000-000000000001',
          display_name: 'x',
        }),
        o.identity('POST', I.consentLink, iPath(target.number, 'admin-consent-link')),
        o.identity('POST', I.verification, iPath(target.number, 'verification')),
        o.identity('PUT', I.connectionType, iPath(target.number, 'connection-type'), { connection_type: 'dedicated' }, { 'x-confirm': String(target.number) }),
        o.identity('PUT', I.credential, iPath(target.number, 'dedicated-credential'), { credential_kind: 'client_secret', client_id: 'x', client_secret: 'y' }),
        o.identity('DELETE', I.credential, iPath(target.number, 'dedicated-credential'), undefined, { 'x-confirm': String(target.number) }),
      ];
      for (const r of await Promise.all(calls)) assert.equal(r.status, 404, r.text);
    }
    // unknown ids look the same
    assert.equal((await api.foundation('GET', F.list, fPath(987654))).status, 404);
    assert.equal((await api.foundation('GET', F.one, fPath(env.ws.tenantId, '00000000-0000-4000-8000-000000000000'))).status, 404);
    assert.equal((await api.identity('POST', I.verification, iPath(987654, 'verification'))).status, 404);
  });

  test('missing capabilities answer 403 inside the own workspace', async () => {
    const viewer = contractApi(env.owner.as(await memberToken(env.vendor, env.ws.workspaceId, 'viewer')));
    const operator = contractApi(env.owner.as(await memberToken(env.vendor, env.ws.workspaceId, 'operator')));
    const t = env.ws.tenantId;
    assert.equal((await viewer.foundation('GET', F.one, fPath(t, target.uuid))).status, 200);
    const forbidden = [
      viewer.foundation('POST', F.list, fPath(t), { provider: 'microsoft', entra_tenant_id: 'eeeeeeee-0000-4000-8000-000000000002', display_name: 'x' }),
      viewer.foundation('PATCH', F.one, fPath(t, target.uuid), { display_name: 'x' }),
      viewer.foundation('POST', F.healthCheck, fPath(t, target.uuid, '/operations/health-check')),
      operator.foundation('PATCH', F.one, fPath(t, target.uuid), { display_name: 'x' }),
      operator.foundation(
        'PUT',
        F.credentials,
        fPath(t, target.uuid, '/credentials'),
        { type: 'client_secret', client_id: 'x', client_secret: 'y' },
        { 'x-confirm': target.uuid },
      ),
      operator.identity('POST', I.consentLink, iPath(target.number, 'admin-consent-link')),
    ];
    for (const r of await Promise.all(forbidden)) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.error, 'access.forbidden');
    }
    // the operator may start runs
    assert.equal((await operator.foundation('POST', F.healthCheck, fPath(t, target.uuid, '/operations/health-check'))).status, 201);
  });

  test('an application token narrowed to other providers may not act on Microsoft connections', async () => {
    const tok = await env.vendor.post(`/api/v1/workspaces/${env.ws.workspaceId}/tokens`, {
      name: 'github only',
      capabilities: ['providers.view', 'providers.manage', 'providers.run'],
      providers: ['github'],
    });
    const narrowed = contractApi(env.owner.as(tok.body.token));
    const list = await narrowed.foundation('GET', F.list, fPath(env.ws.tenantId));
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, []);
    assert.equal((await narrowed.foundation('GET', F.one, fPath(env.ws.tenantId, target.uuid))).status, 403);
    assert.equal((await narrowed.foundation('POST', F.inventory, fPath(env.ws.tenantId, target.uuid, '/operations/inventory'))).status, 403);
    assert.equal(
      (
        await narrowed.foundation('POST', F.list, fPath(env.ws.tenantId), {
          provider: 'microsoft',
          entra_tenant_id: 'eeeeeeee-0000-4000-8000-000000000003',
          display_name: 'x',
        })
      ).status,
      403,
    );
    const ms = await env.vendor.post(`/api/v1/workspaces/${env.ws.workspaceId}/tokens`, {
      name: 'microsoft only',
      capabilities: ['providers.view'],
      providers: ['microsoft'],
    });
    assert.equal((await contractApi(env.owner.as(ms.body.token)).foundation('GET', F.one, fPath(env.ws.tenantId, target.uuid))).status, 200);
  });
});
