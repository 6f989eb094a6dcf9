// The admin console: the built single-page app at /console (static files) and its small
// read-only API under /console/api. The console itself talks only to the public HTTP API.
import { createConnectionService } from '../../core/connections/connection-service.ts';
import type { Core, FeatureModule } from '../../runtime.ts';
import { consoleApiRoutes } from './api-routes.ts';
import { consoleCsp } from './content-security-policy.ts';
import { createOidcDiscovery } from './oidc-discovery.ts';
import { consoleStaticRoutes } from './static-files.ts';

export function consoleModule(core: Core): FeatureModule {
  const { config, db, vault, engine } = core;
  const discovery = createOidcDiscovery(config.oidc);
  // A read-only use of the connection service (its list), so the console sees connections
  // exactly as the provider surfaces do, capability and narrowing checks included.
  const connections = createConnectionService({ db, vault, engine, config });
  const csp = async () => {
    if (config.oidc && config.console.oidcClientId) await discovery.endpoints();
    const token = discovery.tokenOrigin();
    return consoleCsp(token ? [token] : []);
  };
  const api = consoleApiRoutes({ db, config, connections, discovery });
  const files = consoleStaticRoutes({ distDir: config.console.distDir, csp });
  return {
    name: 'console',
    routes: async (app) => {
      await app.register(api);
      await app.register(files);
    },
  };
}
