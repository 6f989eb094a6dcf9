// Shared by the /sfp/api tests: a runtime whose provider base URLs point at the loopback
// simulators, a workspace with an owner, and API clients that validate every response of a
// contract operation against contracts/integrations.yaml.
import { type Api, apiClient, memberToken, setupWorkspace } from '../../helpers/api.ts';
import { loadContract } from '../../helpers/contract.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';
import { type IntegrationSimulators, startIntegrationSimulators } from '../../../src/simulators/integrations/index.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const contract = loadContract('integrations.yaml');

const OPS: Array<{ method: string; re: RegExp; template: string }> = [
  { method: 'GET', re: /^\/sfp\/api\/integrations$/, template: '/sfp/api/integrations' },
  { method: 'POST', re: /^\/sfp\/api\/integrations$/, template: '/sfp/api/integrations' },
  { method: 'GET', re: /^\/sfp\/api\/integrations\/defaults$/, template: '/sfp/api/integrations/defaults' },
  { method: 'GET', re: /^\/sfp\/api\/integrations\/credentials$/, template: '/sfp/api/integrations/credentials' },
  { method: 'GET', re: /^\/sfp\/api\/integrations\/platforms\/health$/, template: '/sfp/api/integrations/platforms/health' },
  { method: 'PATCH', re: /^\/sfp\/api\/integrations\/[^/]+$/, template: '/sfp/api/integrations/{id}' },
  { method: 'DELETE', re: /^\/sfp\/api\/integrations\/[^/]+$/, template: '/sfp/api/integrations/{id}' },
];

/** The contract operation a request hits, if any. */
function contractOperation(method: string, url: string): string | undefined {
  const path = url.split('?')[0];
  return OPS.find((o) => o.method === method && o.re.test(path))?.template;
}

/** Every response a test receives from a contract route passes through here. */
export function checked(api: Api, seen?: Array<{ url: string; status: number; text: string }>): Api {
  const wrap = (inner: Api): Api => {
    const call: Api['call'] = async (method, url, body, headers) => {
      const res = await inner.call(method, url, body, headers);
      seen?.push({ url, status: res.status, text: res.text });
      const template = contractOperation(method, url);
      if (template) {
        const documented = contract.statuses(method, template);
        // The top-level `security` requirement implies 401 for every operation; a parameter outside
        // its schema is a 400 wherever the contract is silent (docs/contracts.md).
        const implied = (res.status === 401 || res.status === 400) && !documented.includes(String(res.status));
        if (!implied) contract.assertResponse(method, template, res.status, res.body);
      }
      return res;
    };
    return {
      call,
      get: (url, headers) => call('GET', url, undefined, headers),
      post: (url, body, headers) => call('POST', url, body ?? {}, headers),
      put: (url, body, headers) => call('PUT', url, body ?? {}, headers),
      patch: (url, body, headers) => call('PATCH', url, body ?? {}, headers),
      delete: (url, headers) => call('DELETE', url, undefined, headers),
      as: (token) => wrap(inner.as(token)),
    };
  };
  return wrap(api);
}

export interface IntegrationsWorld {
  t: TestRuntime;
  sim: IntegrationSimulators;
  vendor: Api;
  owner: Api;
  ws: Awaited<ReturnType<typeof setupWorkspace>>;
  /** Every response seen through `checked` clients (for "no secret in any response"). */
  seen: Array<{ url: string; status: number; text: string }>;
  token(role: string): Promise<string>;
  /** An application token with these capabilities, optionally narrowed. */
  appToken(capabilities: string[], narrowing?: { providers?: string[]; projects?: string[] }): Promise<string>;
  close(): Promise<void>;
}

export async function startWorld(
  opts: {
    allowPrivateNetworks?: boolean;
    env?: Record<string, string>;
    githubRepositories?: string[];
    /** Prepares the simulators before the runtime starts (what it calls at start sees this). */
    beforeStart?: (sim: IntegrationSimulators) => void;
  } = {},
): Promise<IntegrationsWorld> {
  const sim = await startIntegrationSimulators({ githubRepositories: opts.githubRepositories });
  opts.beforeStart?.(sim);
  const t = await startTestRuntime({
    env: {
      SWITCHBOARD_PROVIDER_BASE_URLS: JSON.stringify(sim.baseUrls),
      SWITCHBOARD_OUTBOUND_TIMEOUT_MS: '3000',
      ...(opts.allowPrivateNetworks === false ? {} : { SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'true' }),
      ...opts.env,
    },
  });
  const seen: IntegrationsWorld['seen'] = [];
  const rawVendor = apiClient(t.rt.app!, t.vendorToken);
  const ws = await setupWorkspace(rawVendor, 'Integrations');
  const vendor = checked(rawVendor, seen);
  return {
    t,
    sim,
    vendor,
    owner: vendor.as(ws.ownerToken),
    ws,
    seen,
    token: (role) => memberToken(rawVendor, ws.workspaceId, role),
    async appToken(capabilities, narrowing = {}) {
      const res = await rawVendor.as(ws.ownerToken).post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'app', capabilities, ...narrowing });
      if (res.status !== 201) throw new Error(`app token: ${res.status} ${res.text}`);
      return res.body.token as string;
    },
    async close() {
      await t.close();
      await sim.close();
    },
  };
}

/** Registers projects through the surface. */
export async function registerProjects(api: Api, projects: Array<{ identifier: string; platform: 'github' | 'azure-devops' }>): Promise<void> {
  for (const p of projects) {
    const res = await api.post('/sfp/api/projects', p);
    if (res.status !== 201) throw new Error(`project ${p.identifier}: ${res.status} ${res.text}`);
  }
}

export const PAT_BODY = (token = 'ghp_0123456789abcdefWXYZ') => ({ provider: 'github', authType: 'pat', credentials: { token }, isGlobal: true });
