// The typed client (packages/client) against the running service on loopback — the demo's, with
// the simulated Microsoft and providers — doing the four jobs of its README: connect a tenant and
// run a health check; store and read a credential; create a SCIM configuration; rotate keys.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSwitchboardClient, type SwitchboardClient } from '../../packages/client/src/index.ts';
import { type Demo, startDemo } from '../../src/demo/start.ts';

const ENTRA_TENANT = '3c9a1e57-0b2d-4f6e-8a1c-5d7e9f0b2a4c';
let demo: Demo;
let sb: SwitchboardClient;

before(async () => {
  demo = await startDemo({ PORT: '0', LOG_LEVEL: 'warn' }, () => {});
  demo.world.microsoft.registerTenant({ tenantId: ENTRA_TENANT, displayName: 'Fabrikam (simulated)', domain: 'fabrikam.onmicrosoft.com' });
  sb = createSwitchboardClient({ baseUrl: demo.url, token: demo.seeded.ownerToken });
});
after(() => demo?.close());

async function finished(id: number) {
  for (let i = 0; i < 240; i++) {
    const { data } = await sb.GET('/api/v1/operation-runs/{id}', { params: { path: { id } } });
    if (data?.status === 'completed') return data;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`run ${id} did not complete`);
}

describe('the typed client against the running service', () => {
  test('connect a tenant and run a health check', async () => {
    const { data: created, error } = await sb.POST('/admin/tenants/{tenant}/provider-connections', {
      params: { path: { tenant: demo.seeded.tenantSlug } },
      body: { provider: 'microsoft', entra_tenant_id: ENTRA_TENANT, display_name: 'Fabrikam' },
    });
    assert.ok(created, JSON.stringify(error));
    const { data: link } = await sb.POST('/admin/provider-connections/{connection}/admin-consent-link', { params: { path: { connection: created.id } } });
    assert.ok(link?.url);
    // The administrator's browser: the (simulated) Microsoft consent page redirects back to the callback.
    const consent = await fetch(link.url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const callback = await fetch(`${demo.url}/admin/consent/callback${back.search}`);
    assert.equal(callback.status, 200, await callback.clone().text());
    await finished(Number(/operation run (\d+)/.exec(await callback.text())![1]));
    const { data: started, error: refused } = await sb.POST('/tenants/{tenantId}/provider-connections/{connectionId}/operations/health-check', {
      params: { path: { tenantId: demo.seeded.tenantId, connectionId: created.uuid } },
    });
    assert.ok(started, JSON.stringify(refused));
    const run = await finished(Number(started.id));
    assert.equal(run.outcome, 'succeeded', JSON.stringify(run));
  });

  test('store and read a credential', async () => {
    demo.world.providers.setValid('gitlab', { token: 'glpat-client-test-0123456789' });
    const { data: stored, error } = await sb.POST('/sfp/api/integrations', {
      body: { provider: 'gitlab', authType: 'pat', credentials: { token: 'glpat-client-test-0123456789' }, isGlobal: true },
    });
    assert.ok(stored, JSON.stringify(error));
    assert.doesNotMatch(JSON.stringify(stored), /glpat-client-test/, 'a stored secret is never answered back');
    const { data: read, response } = await sb.GET('/sfp/api/integrations/credentials', { params: { query: { provider: 'gitlab' } } });
    assert.equal(response.status, 200);
    assert.match(JSON.stringify(read), /glpat-client-test-0123456789/);
  });

  test('create a SCIM configuration, then rotate its token', async () => {
    const { data: created, error } = await sb.POST('/directory/resources/v1/configurations/scim2', {
      params: { header: { 'frontegg-tenant-id': demo.seeded.tenantSlug } },
      body: { source: 'okta', connectionName: 'Okta (client test)' },
    });
    assert.ok(created, JSON.stringify(error));
    assert.match(created.token, /\S{20,}/);
    const { data: rotated, error: notRotated } = await sb.POST('/directory/resources/v1/configurations/scim2/{id}/rotate', {
      params: { path: { id: created.id }, header: { 'frontegg-tenant-id': demo.seeded.tenantSlug } },
    });
    assert.ok(rotated, JSON.stringify(notRotated));
    assert.notEqual(rotated.token, created.token);
    const { response } = await sb.POST('/directory/resources/v1/configurations/scim2/{id}/rotate/complete', {
      params: { path: { id: created.id }, header: { 'frontegg-tenant-id': demo.seeded.tenantSlug } },
    });
    assert.ok(response.ok, String(response.status));
  });

  test('an error comes back typed, with the stable code', async () => {
    const { error, response } = await sb.GET('/api/v1/operation-runs/{id}', { params: { path: { id: 999_999 } } });
    assert.equal(response.status, 404);
    assert.equal((error as { error?: string }).error, 'operation_run.not_found');
  });
});
