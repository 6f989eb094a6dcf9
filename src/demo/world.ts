// The outside world of the demo: the simulated Microsoft Entra ID + Graph (one tenant, the
// platform app, thousands of managed devices) and the integration providers, all on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { startEntraGraphSimulator } from '../simulators/entra-graph/index.ts';
import { startIntegrationSimulators } from '../simulators/integrations/index.ts';

export const DEMO_ENTRA_TENANT = '7d1c0f3e-5a8b-4c2d-9e6f-1a2b3c4d5e6f';
export const DEMO_PLATFORM_APP = '0e5d7c9a-3b1f-4a6e-8d2c-6f4e2a1b9c8d';
export const DEMO_DEVICES = 5000;
const ROLES = ['Organization.Read.All', 'User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All', 'DeviceManagementConfiguration.Read.All'];

/** Credentials the simulated providers accept (made up here, valid nowhere else). */
interface DemoCredentials {
  platformClientSecret: string;
  githubToken: string;
  openaiKey: string;
  datadogKey: string;
}

export async function startDemoWorld() {
  const credentials: DemoCredentials = {
    platformClientSecret: `demo~${randomBytes(18).toString('base64url')}`,
    githubToken: `ghp_demo${randomBytes(16).toString('hex')}`,
    openaiKey: `sk-demo-${randomBytes(16).toString('hex')}`,
    datadogKey: randomBytes(16).toString('hex'),
  };
  const microsoft = await startEntraGraphSimulator();
  microsoft.registerTenant({ tenantId: DEMO_ENTRA_TENANT, displayName: 'Contoso (simulated)', domain: 'contoso.onmicrosoft.com' });
  // Installed in no tenant until the demo's administrator consents, as with the real platform app.
  microsoft.registerApp({ clientId: DEMO_PLATFORM_APP, clientSecret: credentials.platformClientSecret, consentRoles: ROLES });
  microsoft.setDeviceCount(DEMO_ENTRA_TENANT, DEMO_DEVICES);
  let providers: Awaited<ReturnType<typeof startIntegrationSimulators>>;
  try {
    providers = await startIntegrationSimulators({ githubRepositories: ['contoso/portal', 'contoso/api'] });
  } catch (err) {
    await microsoft.close();
    throw err;
  }
  providers.setValid('github', { token: credentials.githubToken });
  providers.setValid('ai_openai', { api_key: credentials.openaiKey });
  providers.setValid('datadog', { api_key: credentials.datadogKey });
  return {
    microsoft,
    providers,
    credentials,
    async close() {
      await Promise.all([microsoft.close(), providers.close()]);
    },
  };
}

export type DemoWorld = Awaited<ReturnType<typeof startDemoWorld>>;
