// The integrations feature: the /sfp/api surface (integrations store, projects registry,
// platform health) and the `integrations.verify` run type, built from the shared core.
import { builtinGithubAppFrom } from '../config/github-app.ts';
import { bindToOrigins } from '../core/integrations/credential-origins.ts';
import { createCredentialsService } from '../core/integrations/credentials-service.ts';
import { createIntegrationService } from '../core/integrations/integration-service.ts';
import { createPlatformHealthService } from '../core/integrations/platform-health.ts';
import { createProjectService } from '../core/integrations/project-service.ts';
import { createVerifier, VERIFY_RUN_TYPE } from '../core/integrations/verification.ts';
import { baseUrlFor } from '../providers/integrations/base-urls.ts';
import { createBuiltinGithubApp } from '../providers/integrations/github/builtin-app.ts';
import { parseBaseUrl } from '../providers/integrations/url.ts';
import { createOutboundClient } from '../providers/outbound/outbound-client.ts';
import { observed } from '../providers/outbound/observed.ts';
import type { Core, FeatureModule } from './feature.ts';
import { projectRoutes } from '../surfaces/integrations/project-routes.ts';
import { integrationRoutes } from '../surfaces/integrations/routes.ts';

export function integrationsModule(core: Core): FeatureModule {
  const { config, db, vault, keyring, engine } = core;
  const outbound = createOutboundClient({ allowPrivateNetworks: config.outbound.allowPrivateNetworks, timeoutMs: config.outbound.timeoutMs });
  const baseUrls = config.outbound.providerBaseUrls;
  const timeoutMs = config.outbound.timeoutMs;
  const observe = core.metrics.outbound;
  const verifier = createVerifier({ db, vault, fetch: outbound, baseUrls, timeoutMs, logger: core.logger, observe });
  const integrations = createIntegrationService({ db, vault, keyring, baseUrls, verifier });
  const credentials = createCredentialsService({ db, vault });
  const projects = createProjectService({ db });
  // The server's own GitHub App (SWITCHBOARD_GITHUB_APP_*): a bad key stops the start here.
  const appIdentity = builtinGithubAppFrom(config.integrations);
  const githubApi = parseBaseUrl(baseUrlFor(baseUrls, 'github'));
  const builtinGithubApp =
    appIdentity && githubApi.ok
      ? createBuiltinGithubApp({
          ...appIdentity,
          // Like a stored credential, the App's JWT and tokens only ever go to the GitHub API origin.
          fetch: observed(bindToOrigins(outbound, [githubApi.origin]), 'github', observe),
          baseUrls,
          timeoutMs,
          onVerified: (outcome) => {
            const fields = { appId: appIdentity.appId, reasonCode: outcome.reasonCode };
            if (outcome.reasonCode === 'ok') core.logger.info(fields, 'built-in GitHub App accepted by GitHub');
            else core.logger.warn({ ...fields, message: outcome.message }, 'built-in GitHub App not accepted by GitHub');
          },
        })
      : null;
  const health = createPlatformHealthService({
    db,
    vault,
    fetch: outbound,
    observe,
    baseUrls,
    timeoutMs,
    concurrency: config.integrations.healthConcurrency,
    checkTimeoutMs: config.integrations.healthCheckTimeoutMs,
    builtinGithubApp,
  });
  const routes = integrationRoutes({
    db,
    config,
    engine,
    integrations,
    credentials,
    health,
    onReleased: (count) => core.metrics.secretsReleased.inc({ surface: 'integrations' }, count),
  });
  const projectSurface = projectRoutes({ projects });
  return {
    name: 'integrations',
    routes: async (app) => {
      await app.register(routes);
      await app.register(projectSurface);
    },
    runTypes: { [VERIFY_RUN_TYPE]: verifier.runType },
    // Warming does not wait for GitHub: an unreachable GitHub must not hold up the start.
    start: async () => builtinGithubApp?.warm(),
    stop: async () => {
      builtinGithubApp?.close();
      await outbound.close();
    },
  };
}
