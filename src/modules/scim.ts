// The SCIM feature: the configurations API (contracts/scim-configurations.yaml under /directory)
// and the live SCIM 2.0 endpoint of every configuration.
import type { Role } from '../core/access/capabilities.ts';
import { isRole } from '../core/access/capabilities.ts';
import { createScimConfigurationService } from '../core/scim/configuration-service.ts';
import { validRoleMapping } from '../core/scim/member-sync.ts';
import type { Core, FeatureModule } from './feature.ts';
import { scimConfigurationRoutes } from '../surfaces/scim-configurations/routes.ts';
import { SCIM_PREFIX, scimEndpoint } from '../scim/http/plugin.ts';
import type { ScimSettings } from '../scim/service/context.ts';

export function scimModule(core: Core): FeatureModule {
  const { config, logger, db } = core;
  const groupRoleMapping = validRoleMapping(config.scim.groupRoleMapping);
  const dropped = Object.keys(config.scim.groupRoleMapping).length - Object.keys(groupRoleMapping).length;
  if (dropped > 0) logger.warn({ dropped }, 'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: entries naming an unknown role are ignored');
  let defaultRole: Role = 'viewer';
  if (isRole(config.scim.defaultRole)) defaultRole = config.scim.defaultRole;
  else logger.warn({ role: config.scim.defaultRole }, 'SWITCHBOARD_SCIM_DEFAULT_ROLE is not a role; using viewer');

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
      await app.register(scimEndpoint({ db, publicUrl: config.publicUrl, settings, rateLimitPerMinute: config.scim.rateLimitPerMinute, rememberedTokens, maxJsonDepth: config.maxJsonDepth }), { prefix: SCIM_PREFIX });
    },
  };
}
