// Every documented operation and status of provider-foundation-v1.yaml and provider-identity.yaml,
// provoked for real and validated against the YAML. Runs are not executed here (work: false), so
// started runs stay active and dedupe / scope_busy can be observed deterministically.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { apiClient, memberToken, setupWorkspace } from '../../helpers/api.ts';
import { CONTRACTS_DIR } from '../../helpers/contract.ts';
import {
  consentRedirect,
  contractApi,
  DEDICATED_APP,
  DEDICATED_SECRET,
  ENTRA_TENANT,
  F,
  fPath,
  I,
  iPath,
  OTHER_ENTRA_TENANT,
  startProviderEnv,
  type ProviderEnv,
} from '../../helpers/providers.ts';

let env: ProviderEnv;
/** Every (contract, method, path, status) this file received, validated or not. */
const seen = new Set<string>();
let api: ReturnType<typeof contractApi>;
let viewer: ReturnType<typeof contractApi>;
let limited: ReturnType<typeof contractApi>; // providers.manage without providers.manage_dedicated
let stranger: ReturnType<typeof contractApi>; // owner of another workspace

/** Ends a connection's active run by hand (no worker runs here) so the next start is a new run. */
async function endActiveRuns(uuid: string) {
  await env.t.rt.db.query(
    `UPDATE operation_runs SET status = 'completed', outcome = 'cancelled', completed_at = now() WHERE scope_key = $1 AND status <> 'completed'`,
    [`provider_connection:${uuid}`],
  );
}

before(async () => {
  env = await startProviderEnv({ work: false });
  api = contractApi(env.owner, seen);
  viewer = contractApi(env.owner.as(await memberToken(env.vendor, env.ws.workspaceId, 'viewer')), seen);
  const tok = await env.vendor.post(`/api/v1/workspaces/${env.ws.workspaceId}/tokens`, {
    name: 'automation',
    capabilities: ['providers.view', 'providers.manage', 'providers.run'],
  });
  limited = contractApi(env.owner.as(tok.body.token), seen);
  const other = await setupWorkspace(env.vendor, 'Elsewhere');
  stranger = contractApi(env.owner.as(other.ownerToken), seen);
});
after(() => env?.close());

describe('provider-foundation-v1.yaml', () => {
  let a: string;
  test('POST /tenants/{tenantId}/provider-connections: 201, then 409 for the same Entra tenant', async () => {
    const created = await api.foundation('POST', F.list, fPath(env.ws.tenantId), {
      provider: 'microsoft',
      entra_tenant_id: OTHER_ENTRA_TENANT,
      display_name: 'Fabrikam',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.tenant_id, env.ws.tenantId);
    assert.equal(created.body.is_default, false);
    assert.equal(created.body.status, 'needs_consent');
    a = created.body.id;
    const dup = await api.foundation('POST', F.list, fPath(env.ws.tenantId), {
      provider: 'microsoft',
      entra_tenant_id: OTHER_ENTRA_TENANT.toUpperCase(),
      display_name: 'Again',
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error, 'provider_connection.duplicate');
  });

  test('GET list and GET one: 200', async () => {
    const list = await api.foundation('GET', F.list, fPath(env.ws.tenantId));
    assert.equal(list.status, 200);
    assert.ok(list.body.some((c: { id: string }) => c.id === a));
    const one = await api.foundation('GET', F.one, fPath(env.ws.tenantId, a));
    assert.equal(one.status, 200);
    assert.equal(one.body.id, a);
  });

  test('PATCH: 200', async () => {
    const r = await api.foundation('PATCH', F.one, fPath(env.ws.tenantId, a), { display_name: 'Fabrikam (prod)', is_default: true });
    assert.equal(r.status, 200);
    assert.equal(r.body.display_name, 'Fabrikam (prod)');
    assert.equal(r.body.is_default, true);
  });

  test('PUT credentials: 204 (no body, secret never returned; a v1 client sends no confirmation header)', async () => {
    const r = await api.foundation('PUT', F.credentials, fPath(env.ws.tenantId, a, '/credentials'), {
      type: 'client_secret',
      client_id: DEDICATED_APP,
      client_secret: DEDICATED_SECRET,
    });
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
  });

  test('health-check: 201 new, 200 deduped', async () => {
    const first = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, a, '/operations/health-check'));
    assert.equal(first.status, 201);
    assert.equal(first.body.type, 'microsoft.health_check');
    const again = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, a, '/operations/health-check'));
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
  });

  describe('on a consented connection', () => {
    let b: { number: number; uuid: string };
    before(async () => {
      const created = await env.owner.post(`/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
        provider: 'microsoft',
        entra_tenant_id: ENTRA_TENANT,
        display_name: 'Contoso',
      });
      b = { number: created.body.id, uuid: created.body.uuid };
      const link = await env.owner.post(iPath(b.number, 'admin-consent-link'));
      const cb = await apiClient(env.t.rt.app!).get(`/admin/consent/callback${await consentRedirect(link.body.url)}`);
      assert.equal(cb.status, 200); // and a verification run is now active on the connection
    });

    for (const [name, template, path] of [
      ['health-check', F.healthCheck, 'health-check'],
      ['inventory', F.inventory, 'inventory'],
      ['compliance-snapshot', F.compliance, 'compliance-snapshot'],
    ] as const) {
      test(`${name}: 409 scope_busy with the active run`, async () => {
        const r = await api.foundation('POST', template, fPath(env.ws.tenantId, b.uuid, `/operations/${path}`));
        assert.equal(r.status, 409);
        assert.equal(r.body.error, 'scope_busy');
        assert.equal(r.body.active_run.type, 'microsoft.verification');
      });
    }

    for (const [name, template, path, type] of [
      ['inventory', F.inventory, 'inventory', 'microsoft.inventory'],
      ['compliance-snapshot', F.compliance, 'compliance-snapshot', 'microsoft.compliance_snapshot'],
    ] as const) {
      test(`${name}: 201 new, 200 deduped`, async () => {
        await endActiveRuns(b.uuid);
        const first = await api.foundation('POST', template, fPath(env.ws.tenantId, b.uuid, `/operations/${path}`));
        assert.equal(first.status, 201);
        assert.equal(first.body.type, type);
        assert.equal(first.body.status, 'queued');
        const again = await api.foundation('POST', template, fPath(env.ws.tenantId, b.uuid, `/operations/${path}`));
        assert.equal(again.status, 200);
        assert.equal(again.body.id, first.body.id);
      });
    }
  });
});

describe('provider-identity.yaml (under /admin)', () => {
  let platform: number;
  let dedicated: number;

  test('POST /tenants/{tenant}/provider-connections: 201 platform (by slug), 201 dedicated (by id), 403, 404', async () => {
    const p = await api.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: 'contoso.onmicrosoft.com',
      display_name: 'Contoso by domain',
    });
    assert.equal(p.status, 201);
    assert.equal(p.body.connection_type, 'platform');
    assert.equal(p.body.consent_status, 'required');
    assert.equal(p.body.credential_source, 'platform');
    platform = p.body.id;

    const d = await api.identity(
      'POST',
      I.create,
      `/admin/tenants/${env.ws.tenantId}/provider-connections`,
      {
        provider: 'microsoft',
        entra_tenant_id: '22222222-2222-4333-8444-555555555555',
        display_name: 'Dedicated',
        is_default: false,
        connection_type: 'dedicated',
        dedicated_credential: { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET },
      },
      { 'x-confirm': 'dedicated' },
    );
    assert.equal(d.status, 201);
    assert.equal(d.body.connection_type, 'dedicated');
    assert.equal(d.body.effective_app_id, DEDICATED_APP);
    assert.equal(d.body.credential_source, 'dedicated_manual');
    dedicated = d.body.id;

    const denied = await viewer.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: '33333333-2222-4333-8444-555555555555',
      display_name: 'Nope',
    });
    assert.equal(denied.status, 403);
    const hidden = await stranger.identity('POST', I.create, `/admin/tenants/${env.ws.tenantId}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: '33333333-2222-4333-8444-555555555555',
      display_name: 'Nope',
    });
    assert.equal(hidden.status, 404);
  });

  test('POST admin-consent-link: 200, 403, 404', async () => {
    const ok = await api.identity('POST', I.consentLink, iPath(platform, 'admin-consent-link'));
    assert.equal(ok.status, 200);
    assert.equal(ok.body.connection_type, 'platform');
    assert.equal((await viewer.identity('POST', I.consentLink, iPath(platform, 'admin-consent-link'))).status, 403);
    assert.equal((await stranger.identity('POST', I.consentLink, iPath(platform, 'admin-consent-link'))).status, 404);
  });

  test('GET /consent/callback: 200, 403 (replayed state), 404 (connection gone)', async () => {
    const link = await env.owner.post(iPath(platform, 'admin-consent-link'));
    const search = await consentRedirect(link.body.url);
    const browser = contractApi(apiClient(env.t.rt.app!), seen);
    const ok = await browser.identity('GET', I.callback, `/admin/consent/callback${search}`);
    assert.equal(ok.status, 200);
    assert.match(ok.headers['content-type'] as string, /text\/html/);
    const replay = await browser.identity('GET', I.callback, `/admin/consent/callback${search}`);
    assert.equal(replay.status, 403);

    const gone = await env.owner.post(`/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: '44444444-2222-4333-8444-555555555555',
      display_name: 'Soon gone',
      is_default: false,
    });
    const goneLink = await env.owner.post(iPath(gone.body.id, 'admin-consent-link'));
    const state = new URL(goneLink.body.url).searchParams.get('state')!;
    await env.t.rt.db.query('DELETE FROM provider_connections WHERE number = $1', [gone.body.id]);
    const missing = await browser.identity(
      'GET',
      I.callback,
      `/admin/consent/callback?admin_consent=True&tenant=44444444-2222-4333-8444-555555555555&state=${encodeURIComponent(state)}`,
    );
    assert.equal(missing.status, 404);
  });

  test('POST verification: 202 (deduped — the callback started one), 202 started, 202 scope_busy, 202 blocked, 403, 404', async () => {
    const deduped = await api.identity('POST', I.verification, iPath(platform, 'verification'));
    assert.equal(deduped.status, 202);
    assert.equal(deduped.body.status, 'deduped');

    const conn = await env.owner.post(
      `/admin/tenants/${env.ws.tenantSlug}/provider-connections`,
      {
        provider: 'microsoft',
        entra_tenant_id: '55555555-2222-4333-8444-555555555555',
        display_name: 'Fresh dedicated',
        is_default: false,
        connection_type: 'dedicated',
        dedicated_credential: { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET },
      },
      { 'x-confirm': 'dedicated' },
    );
    const started = await api.identity('POST', I.verification, iPath(conn.body.id, 'verification'));
    assert.equal(started.status, 202);
    assert.equal(started.body.status, 'started');
    const busy = await api.foundation('POST', F.healthCheck, fPath(env.ws.tenantId, conn.body.uuid, '/operations/health-check'));
    assert.equal(busy.status, 409);
    await endActiveRuns(conn.body.uuid);
    await env.owner.post(fPath(env.ws.tenantId, conn.body.uuid, '/operations/health-check'));
    const scopeBusy = await api.identity('POST', I.verification, iPath(conn.body.id, 'verification'));
    assert.equal(scopeBusy.status, 202);
    assert.equal(scopeBusy.body.status, 'scope_busy');

    await env.owner.patch(fPath(env.ws.tenantId, conn.body.uuid), { status: 'disabled' });
    const blocked = await api.identity('POST', I.verification, iPath(conn.body.id, 'verification'));
    assert.equal(blocked.status, 202);
    assert.equal(blocked.body.status, 'blocked');

    assert.equal((await viewer.identity('POST', I.verification, iPath(platform, 'verification'))).status, 403);
    assert.equal((await stranger.identity('POST', I.verification, iPath(platform, 'verification'))).status, 404);
  });

  test('PUT connection-type: 200, 403, 404', async () => {
    const ok = await api.identity(
      'PUT',
      I.connectionType,
      iPath(platform, 'connection-type'),
      { connection_type: 'dedicated' },
      { 'x-confirm': String(platform) },
    );
    assert.equal(ok.status, 200);
    assert.equal(ok.body.connection_type, 'dedicated');
    assert.equal(
      (await limited.identity('PUT', I.connectionType, iPath(platform, 'connection-type'), { connection_type: 'platform' }, { 'x-confirm': String(platform) }))
        .status,
      403,
    );
    assert.equal(
      (await stranger.identity('PUT', I.connectionType, iPath(platform, 'connection-type'), { connection_type: 'platform' }, { 'x-confirm': String(platform) }))
        .status,
      404,
    );
  });

  test('PUT dedicated-credential: 200, 403, 404', async () => {
    const body = { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: `${DEDICATED_SECRET}-2` };
    const ok = await api.identity('PUT', I.credential, iPath(dedicated, 'dedicated-credential'), body);
    assert.equal(ok.status, 200);
    assert.equal((await limited.identity('PUT', I.credential, iPath(dedicated, 'dedicated-credential'), body)).status, 403);
    assert.equal((await stranger.identity('PUT', I.credential, iPath(dedicated, 'dedicated-credential'), body)).status, 404);
  });

  test('DELETE dedicated-credential: 204, 403, 404', async () => {
    assert.equal(
      (await limited.identity('DELETE', I.credential, iPath(dedicated, 'dedicated-credential'), undefined, { 'x-confirm': String(dedicated) })).status,
      403,
    );
    assert.equal(
      (await stranger.identity('DELETE', I.credential, iPath(dedicated, 'dedicated-credential'), undefined, { 'x-confirm': String(dedicated) })).status,
      404,
    );
    const ok = await api.identity('DELETE', I.credential, iPath(dedicated, 'dedicated-credential'), undefined, { 'x-confirm': String(dedicated) });
    assert.equal(ok.status, 204);
  });

  test('every documented status of both contracts was provoked above', () => {
    // Walks the YAMLs themselves, so an operation or status added to a contract fails here until tested.
    const missing: string[] = [];
    for (const [name, file] of [
      ['foundation', 'provider-foundation-v1.yaml'],
      ['identity', 'provider-identity.yaml'],
    ]) {
      const doc = parse(readFileSync(join(CONTRACTS_DIR, file), 'utf8')) as { paths: Record<string, Record<string, { responses: object }>> };
      for (const [template, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          for (const status of Object.keys(op.responses)) {
            const key = `${name} ${method.toUpperCase()} ${template} ${status}`;
            if (!seen.has(key)) missing.push(key);
          }
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});
