// The admin console: the built single-page app at /console (static files) and its small
// read-only API under /console/api. The console itself talks only to the public HTTP API.
import { createConnectionService } from '../core/connections/connection-service.ts';
import { createScimConfigurationService } from '../core/scim/configuration-service.ts';
import type { Core, FeatureModule } from './feature.ts';
import { consoleApiRoutes } from '../surfaces/console/api-routes.ts';
import { consoleCsp } from '../surfaces/console/content-security-policy.ts';
import { createOidcDiscovery } from '../surfaces/console/oidc-discovery.ts';
import { consoleStaticRoutes } from '../surfaces/console/static-files.ts';

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
  // Likewise the SCIM configuration service, for the read of one workspace's configurations.
  const scimConfigurations = createScimConfigurationService({
    db,
    publicUrl: config.publicUrl,
    rotationGraceSeconds: config.scim.rotationGraceSeconds,
    groupRoleMapping: config.scim.groupRoleMapping,
    defaultRole: config.scim.defaultRole,
  });
  const api = consoleApiRoutes({ db, config, connections, scimConfigurations, discovery });
  const files = consoleStaticRoutes({ distDir: config.console.distDir, csp });
  return {
    name: 'console',
    routes: async (app) => {
      await app.register(api);
      await app.register(files);
    },
  };
}
