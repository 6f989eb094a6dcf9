// The integrations feature: the /sfp/api surface (integrations store, projects registry,
// platform health) and the `integrations.verify` run type, built from the shared core.
import { createCredentialsService } from '../core/integrations/credentials-service.ts';
import { createIntegrationService } from '../core/integrations/integration-service.ts';
import { createPlatformHealthService } from '../core/integrations/platform-health.ts';
import { createProjectService } from '../core/integrations/project-service.ts';
import { createVerifier, VERIFY_RUN_TYPE } from '../core/integrations/verification.ts';
import { createOutboundClient } from '../providers/outbound/outbound-client.ts';
import type { Core, FeatureModule } from './feature.ts';
import { projectRoutes } from '../surfaces/integrations/project-routes.ts';
import { integrationRoutes } from '../surfaces/integrations/routes.ts';

export function integrationsModule(core: Core): FeatureModule {
  const { config, db, vault, keyring, engine } = core;
  const outbound = createOutboundClient({ allowPrivateNetworks: config.outbound.allowPrivateNetworks, timeoutMs: config.outbound.timeoutMs });
  const baseUrls = config.outbound.providerBaseUrls;
  const timeoutMs = config.outbound.timeoutMs;
  const verifier = createVerifier({ db, vault, fetch: outbound, baseUrls, timeoutMs, logger: core.logger });
  const integrations = createIntegrationService({ db, vault, keyring, baseUrls, verifier });
  const credentials = createCredentialsService({ db, vault });
  const projects = createProjectService({ db });
  const health = createPlatformHealthService({
    db,
    vault,
    fetch: outbound,
    baseUrls,
    timeoutMs,
    concurrency: config.integrations.healthConcurrency,
    checkTimeoutMs: config.integrations.healthCheckTimeoutMs,
  });
  const routes = integrationRoutes({ db, config, engine, integrations, credentials, health });
  const projectSurface = projectRoutes({ projects });
  return {
    name: 'integrations',
    routes: async (app) => {
      await app.register(routes);
      await app.register(projectSurface);
    },
    runTypes: { [VERIFY_RUN_TYPE]: verifier.runType },
    stop: () => outbound.close(),
  };
}
