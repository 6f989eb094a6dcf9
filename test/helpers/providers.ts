// Shared set-up for the provider-connection surface tests: the simulated Entra + Graph on
// loopback, a runtime pointed at it, a workspace, and the admin-consent round trip as a browser
// would make it (link → Microsoft → redirect → callback).
import { apiClient, setupWorkspace, type Api } from './api.ts';
import { loadContract } from './contract.ts';
import { startTestRuntime, type TestRuntime } from './runtime.ts';
import { startEntraGraphSimulator, type EntraGraphSimulator } from '../../src/simulators/entra-graph/index.ts';
import type { Core, FeatureModule } from '../../src/modules/index.ts';
import type { ProviderConnectionsModule } from '../../src/modules/index.ts';
import { waitFor } from './wait-for.ts';

export const ENTRA_TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_ENTRA_TENANT = '99999999-8888-4777-8666-555555555555';
export const PLATFORM_APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const DEDICATED_APP = 'dddddddd-bbbb-4ccc-8ddd-eeeeeeeeeeee';
/** Canaries: if one of these shows up in a response, a log line or an audit row, a secret leaked. */
export const PLATFORM_SECRET = 'Platform~Canary.7hQ2-Zk7vLr4TtYp0WmN3bJh8sDf';
export const DEDICATED_SECRET = 'Dedicated~Canary.4mP9-Xc2wQe8RuIo1AsD5fGh7jK';
export const ALL_ROLES = ['Organization.Read.All', 'User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All'];

const foundation = loadContract('provider-foundation-v1.yaml');
const identity = loadContract('provider-identity.yaml');

export interface ProviderEnv {
  t: TestRuntime;
  sim: EntraGraphSimulator;
  vendor: Api;
  owner: Api;
  ws: Awaited<ReturnType<typeof setupWorkspace>>;
  module: ProviderConnectionsModule;
  close(): Promise<void>;
}

export async function startProviderEnv(
  opts: { env?: Record<string, string>; work?: boolean; extraModules?: (core: Core) => FeatureModule[] } = {},
): Promise<ProviderEnv> {
  const sim = await startEntraGraphSimulator();
  sim.registerTenant({ tenantId: ENTRA_TENANT, displayName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' });
  sim.registerTenant({ tenantId: OTHER_ENTRA_TENANT, displayName: 'Fabrikam', domain: 'fabrikam.onmicrosoft.com' });
  // The platform app exists but is installed in no tenant until an admin consents.
  sim.registerApp({ clientId: PLATFORM_APP, clientSecret: PLATFORM_SECRET, consentRoles: ALL_ROLES });
  const t = await startTestRuntime({
    work: opts.work,
    extraModules: opts.extraModules,
    env: {
      SWITCHBOARD_MS_AUTHORITY_HOST: sim.authorityHost,
      SWITCHBOARD_MS_GRAPH_BASE_URL: sim.graphBaseUrl,
      SWITCHBOARD_MS_PLATFORM_CLIENT_ID: PLATFORM_APP,
      SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET: PLATFORM_SECRET,
      SWITCHBOARD_MS_TIMEOUT_MS: '1500',
      ...opts.env,
    },
  });
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  const ws = await setupWorkspace(vendor, 'Contoso');
  const module = t.rt.modules.find((m) => m.name === 'provider-connections') as ProviderConnectionsModule;
  return {
    t,
    sim,
    vendor,
    owner: vendor.as(ws.ownerToken),
    ws,
    module,
    async close() {
      await t.close();
      await sim.close();
    },
  };
}

export const fPath = (tenantId: number, id?: string, suffix = '') => `/tenants/${tenantId}/provider-connections${id ? `/${id}` : ''}${suffix}`;
export const iPath = (number: number, suffix: string) => `/admin/provider-connections/${number}/${suffix}`;

/** Polls a run until it is completed. */
export async function runDone(api: Api, id: number) {
  return waitFor(async () => {
    const r = await api.get(`/api/v1/operation-runs/${id}`);
    return r.body?.status === 'completed' ? r.body : null;
  });
}

/** The query string Microsoft's admin-consent endpoint redirects the browser back with. */
export async function consentRedirect(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  await res.text();
  if (res.status !== 302 || !location) throw new Error(`admin consent did not redirect (${res.status})`);
  const back = new URL(location);
  return back.search;
}

/** Link → Microsoft → callback, as the administrator's browser would; returns the callback's answer. */
async function grantConsent(env: ProviderEnv, api: Api, number: number) {
  const link = await api.post(iPath(number, 'admin-consent-link'));
  if (link.status !== 200) throw new Error(`consent link failed: ${link.status} ${link.text}`);
  const search = await consentRedirect(link.body.url);
  return apiClient(env.t.rt.app!).get(`/admin/consent/callback${search}`);
}

/** A platform connection created through /admin, consented and verified. */
export async function connectedPlatform(env: ProviderEnv, opts: { entraTenantId?: string; displayName?: string; api?: Api } = {}) {
  const api = opts.api ?? env.owner;
  const created = await api.post(`/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
    provider: 'microsoft',
    entra_tenant_id: opts.entraTenantId ?? ENTRA_TENANT,
    display_name: opts.displayName ?? 'Contoso',
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const cb = await grantConsent(env, api, created.body.id);
  if (cb.status !== 200) throw new Error(`consent failed: ${cb.status} ${cb.text}`);
  const runId = Number(/operation run (\d+)/.exec(cb.text)?.[1]);
  const run = await runDone(api, runId);
  return { number: created.body.id as number, uuid: created.body.uuid as string, verificationRun: run };
}

export async function getConnection(env: ProviderEnv, uuid: string, api: Api = env.owner) {
  const r = await api.get(fPath(env.ws.tenantId, uuid));
  foundation.assertResponse('GET', '/tenants/{tenantId}/provider-connections/{connectionId}', r.status, r.body);
  return r.body;
}

type Contract = typeof foundation;

/**
 * Calls the API and validates the answer against the contract whenever the contract documents
 * that status (statuses it does not document, like a 400 for a missing confirmation, carry the
 * core's error envelope and are asserted by the tests themselves).
 */
export function contractApi(api: Api, seen?: Set<string>) {
  const call = (contract: Contract) => async (method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const r = await api.call(method, path, body === undefined && ['POST', 'PUT', 'PATCH'].includes(method) ? {} : body, headers);
    if (contract.statuses(method, template).includes(String(r.status))) contract.assertResponse(method, template, r.status, r.body);
    seen?.add(`${contract === foundation ? 'foundation' : 'identity'} ${method} ${template} ${r.status}`);
    return r;
  };
  return { foundation: call(foundation), identity: call(identity) };
}

export const F = {
  list: '/tenants/{tenantId}/provider-connections',
  one: '/tenants/{tenantId}/provider-connections/{connectionId}',
  credentials: '/tenants/{tenantId}/provider-connections/{connectionId}/credentials',
  healthCheck: '/tenants/{tenantId}/provider-connections/{connectionId}/operations/health-check',
  inventory: '/tenants/{tenantId}/provider-connections/{connectionId}/operations/inventory',
  compliance: '/tenants/{tenantId}/provider-connections/{connectionId}/operations/compliance-snapshot',
} as const;

export const I = {
  create: '/tenants/{tenant}/provider-connections',
  consentLink: '/provider-connections/{connection}/admin-consent-link',
  callback: '/consent/callback',
  verification: '/provider-connections/{connection}/verification',
  connectionType: '/provider-connections/{connection}/connection-type',
  credential: '/provider-connections/{connection}/dedicated-credential',
} as const;
