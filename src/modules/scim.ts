// The SCIM feature: the configurations API (contracts/scim-configurations.yaml under /directory)
// and the live SCIM 2.0 endpoint of every configuration.
import { createScimConfigurationService } from '../core/scim/configuration-service.ts';
import type { Core, FeatureModule } from './feature.ts';
import { scimConfigurationRoutes } from '../surfaces/scim-configurations/routes.ts';
import { SCIM_PREFIX, scimEndpoint } from '../scim/http/plugin.ts';
import type { ScimSettings } from '../scim/service/context.ts';

export function scimModule(core: Core): FeatureModule {
  const { config, db } = core;
  // Both were checked at start (a role that is not one stops the process); the mapping's group names are lower case.
  const { groupRoleMapping, defaultRole } = config.scim;

  const settings: ScimSettings = {
    maxResults: config.scim.maxResults,
    maxBulkOperations: config.scim.maxBulkOperations,
    maxBulkPayloadBytes: config.scim.maxBulkPayloadBytes,
    groupRoleMapping,
    defaultRole,
  };
  const service = createScimConfigurationService({
    db,
    publicUrl: config.publicUrl,
    rotationGraceSeconds: config.scim.rotationGraceSeconds,
    groupRoleMapping,
    defaultRole,
  });
  return {
    name: 'scim',
    routes: async (app) => {
      await app.register(scimConfigurationRoutes(service));
      // Remembering tokens saves a round trip to a server; the embedded database has none to save,
      // and there its in-transaction check costs more than the lookup (measured: ~0.5 vs ~0.25 ms).
      const rememberedTokens = db.kind === 'postgres' ? config.scim.rememberedTokens : 0;
      await app.register(
        scimEndpoint({
          db,
          publicUrl: config.publicUrl,
          settings,
          rateLimitPerMinute: config.scim.rateLimitPerMinute,
          rememberedTokens,
          maxJsonDepth: config.maxJsonDepth,
          onAnswered: (configurationId, status) => core.metrics.scimAnswered(configurationId, status),
        }),
        { prefix: SCIM_PREFIX },
      );
    },
  };
}
