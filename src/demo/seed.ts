// Seeds the demo through the service's own HTTP API (in-process requests, the same routes a
// client calls): a workspace with an owner token, a tenant, a Microsoft connection consented by
// the simulated administrator and verified, integrations, a project and a SCIM configuration.
import type { App } from '../http/app-type.ts';
import { DEMO_ENTRA_TENANT, type DemoWorld } from './world.ts';

export interface Seeded {
  workspaceId: string;
  ownerToken: string;
  tenantId: number;
  tenantSlug: string;
  connectionId: string;
  scimBaseUrl: string;
}

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<any>;

function caller(app: App, token?: string): Call {
  return async (method, url, body, headers = {}) => {
    const res = await app.inject({
      method: method as never,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.statusCode >= 300) throw new Error(`demo seed: ${method} ${url.split('?')[0]} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : res.body;
  };
}

async function until<T>(what: string, fn: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`demo seed: ${what} did not happen within ${timeoutMs / 1000} s`);
}

export async function seedDemo(app: App, vendorToken: string, world: DemoWorld, say: (line: string) => void): Promise<Seeded> {
  const vendor = caller(app, vendorToken);
  const ws = await vendor('POST', '/api/v1/workspaces', { name: 'Demo' });
  const member = await vendor('POST', `/api/v1/workspaces/${ws.id}/members`, { email: 'owner@demo.test', role: 'owner' });
  const token = await vendor('POST', `/api/v1/workspaces/${ws.id}/tokens`, { name: 'demo owner', member_id: member.id });
  const tenant = await vendor('POST', `/api/v1/workspaces/${ws.id}/tenants`, { name: 'Contoso' });
  const owner = caller(app, token.token);
  say(`seeded workspace "Demo", tenant "Contoso" (${tenant.id})`);

  // Admin consent as the administrator's browser makes it: link → (simulated) Microsoft → callback.
  const created = await owner('POST', `/admin/tenants/${tenant.slug}/provider-connections`, {
    provider: 'microsoft',
    entra_tenant_id: DEMO_ENTRA_TENANT,
    display_name: 'Contoso Entra ID',
  });
  const link = await owner('POST', `/admin/provider-connections/${created.id}/admin-consent-link`, {});
  const redirect = await fetch(link.url, { redirect: 'manual' });
  await redirect.text();
  const location = redirect.headers.get('location');
  if (redirect.status !== 302 || !location) throw new Error(`demo seed: the simulated consent did not redirect (${redirect.status})`);
  const page: string = await caller(app)('GET', `/admin/consent/callback${new URL(location).search}`);
  const runId = Number(/operation run (\d+)/.exec(page)?.[1]);
  if (!runId) throw new Error('demo seed: the consent callback started no verification run');
  const run = await until('the connection verification', async () => {
    const r = await owner('GET', `/api/v1/operation-runs/${runId}`);
    return r.status === 'completed' ? r : null;
  });
  if (run.outcome !== 'succeeded') throw new Error(`demo seed: the verification run ended ${run.outcome} (${run.reason_code})`);
  say('seeded a Microsoft connection, consented and verified against the simulated Entra ID');

  const c = world.credentials;
  await owner('POST', '/sfp/api/projects', { identifier: 'contoso/portal', platform: 'github' });
  await owner('POST', '/sfp/api/integrations', { provider: 'github', authType: 'pat', credentials: { token: c.githubToken }, isGlobal: true, isDefault: true });
  await owner('POST', '/sfp/api/integrations', { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: c.openaiKey }, isGlobal: true });
  await owner('POST', '/sfp/api/integrations', { provider: 'datadog', authType: 'api_key', credentials: { api_key: c.datadogKey }, isGlobal: true });
  say('seeded integrations: GitHub (default), OpenAI, Datadog');

  const scim = await owner(
    'POST',
    '/directory/resources/v1/configurations/scim2',
    { source: 'azure-ad', connectionName: 'Contoso Entra ID provisioning' },
    {
      'frontegg-tenant-id': tenant.slug,
    },
  );
  say('seeded a SCIM configuration');
  return {
    workspaceId: ws.id,
    ownerToken: token.token,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    connectionId: created.uuid,
    scimBaseUrl: scim.baseUrl,
  };
}
