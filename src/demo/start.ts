// `switchboard demo` / `npm run demo`: the service on loopback with the simulated Microsoft and
// providers, on a fresh embedded database in a temporary directory, seeded, with the console link
// and a token to sign in with. HOST, PORT and LOG_LEVEL are read as serve reads them; everything
// else is the demo's own (a DATABASE_URL or key source of the shell is not touched).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createRuntime } from '../runtime.ts';
import { seedDemo, type Seeded } from './seed.ts';
import { DEMO_DEVICES, DEMO_PLATFORM_APP, type DemoWorld, startDemoWorld } from './world.ts';

export interface Demo {
  url: string;
  dataDir: string;
  vendorToken: string;
  seeded: Seeded;
  /** The simulators (a test of the typed client registers another Entra tenant). */
  world: DemoWorld;
  banner: string;
  close(): Promise<void>;
}

export async function startDemo(env: NodeJS.ProcessEnv = process.env, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<Demo> {
  const world = await startDemoWorld();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-demo-'));
  const cleanup = async () => {
    await world.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const vendorToken = `sbt_${randomBytes(32).toString('base64url')}`;
    const host = env.HOST || '127.0.0.1';
    const port = env.PORT || '3000';
    const config = loadConfig({
      HOST: host,
      PORT: port,
      LOG_LEVEL: env.LOG_LEVEL || 'warn',
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_BOOTSTRAP_TOKEN: vendorToken,
      SWITCHBOARD_MS_AUTHORITY_HOST: world.microsoft.authorityHost,
      SWITCHBOARD_MS_GRAPH_BASE_URL: world.microsoft.graphBaseUrl,
      SWITCHBOARD_MS_PLATFORM_CLIENT_ID: DEMO_PLATFORM_APP,
      SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET: world.credentials.platformClientSecret,
      SWITCHBOARD_PROVIDER_BASE_URLS: JSON.stringify(world.providers.baseUrls),
      // The simulated providers are on loopback, which user-supplied URLs may not reach otherwise.
      SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    say(`switchboard demo: data directory ${dataDir} (temporary, removed on exit); simulated Microsoft at ${world.microsoft.authorityHost}`);
    const rt = await createRuntime(config, { http: true, work: true, logger: createLogger(config.logLevel) });
    const close = async () => {
      await rt.close();
      await cleanup();
    };
    try {
      await rt.app!.listen({ host: config.host, port: config.port });
      const addr = rt.app!.server.address();
      const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${typeof addr === 'object' && addr ? addr.port : port}`;
      const seeded = await seedDemo(rt.app!, vendorToken, world, say);
      const banner = `
  Switchboard demo — simulated Microsoft tenant with ${DEMO_DEVICES.toLocaleString('en')} devices and simulated providers, nothing leaves this machine.

  Console:      ${url}/console
  Owner token:  ${seeded.ownerToken}
                (sign in with it; the vendor token is ${vendorToken})

  Try:  the tenant "Contoso" → its connection → Health check, Inventory;  Integrations → GitHub
        curl -s -XPOST ${url}/tenants/${seeded.tenantId}/provider-connections/${seeded.connectionId}/operations/inventory -H "authorization: Bearer ${seeded.ownerToken}"
        curl -s '${url}/sfp/api/integrations/credentials?provider=github' -H "authorization: Bearer ${seeded.ownerToken}"

  API reference: ${url}/docs     Stop with Ctrl-C (the temporary data directory is removed).

`;
      return { url, dataDir, vendorToken, seeded, world, banner, close };
    } catch (err) {
      await close();
      throw err;
    }
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
}
