import { createTokenClient } from '../../../src/providers/microsoft/token-client.ts';
import type { TokenClientOptions } from '../../../src/providers/microsoft/token-client.ts';
import type { ClientSecretCredential } from '../../../src/providers/microsoft/credentials.ts';
import type { MicrosoftOperationContext } from '../../../src/providers/microsoft/operations/context.ts';
import { startEntraGraphSimulator } from '../../../src/simulators/entra-graph/index.ts';
import type { EntraGraphSimulator, EntraGraphSimulatorOptions } from '../../../src/simulators/entra-graph/index.ts';

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
export const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
// A canary: if this string shows up in any message, a secret leaked.
export const SECRET = 'Canary~Secret.9xQ2-Zk7vLr4TtYp0WmN3bJh8sDf';

export const ALL_ROLES = ['Organization.Read.All', 'User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All'];

export const secretCredential: ClientSecretCredential = { kind: 'client_secret', clientId: APP, clientSecret: SECRET };

/** Graph transport settings that keep retries instant and timeouts short in tests. */
const FAST_GRAPH = { timeoutMs: 2_000, retry: { maxRetryWaitMs: 5, baseBackoffMs: 1 } };

export async function withSimulator(options: EntraGraphSimulatorOptions = {}) {
  const sim: EntraGraphSimulator = await startEntraGraphSimulator(options);
  sim.registerTenant({ tenantId: TENANT, displayName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' });
  sim.registerApp({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, roles: ALL_ROLES });
  const endpoints = { authorityHost: sim.authorityHost, graphBaseUrl: sim.graphBaseUrl };
  const tokenClient = (opts: TokenClientOptions = {}) =>
    createTokenClient({ endpoints, timeoutMs: 2_000, retry: { maxRetryWaitMs: 5, baseBackoffMs: 1 }, ...opts });
  const context = (overrides: Partial<MicrosoftOperationContext> = {}): MicrosoftOperationContext => ({
    endpoints,
    tokenClient: tokenClient(),
    entraTenantId: TENANT,
    credential: secretCredential,
    graph: FAST_GRAPH,
    ...overrides,
  });
  return { sim, endpoints, tokenClient, context };
}

/** Runs `fn` and returns what it threw (failing the test when it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
