// The feature modules this build serves. Each contract surface and provider family adds itself here.
import type { Core, FeatureModule } from './runtime.ts';
import { managementRoutes } from './surfaces/management/routes.ts';
import { providerConnectionsModule } from './core/connections/module.ts';
import { integrationsModule } from './surfaces/integrations/module.ts';
import { scimModule } from './scim/module.ts';
import { consoleModule } from './surfaces/console/module.ts';
import { auditModule } from './core/audit/module.ts';

export function featureModules(core: Core): FeatureModule[] {
  return [
    { name: 'management', routes: managementRoutes({ db: core.db, config: core.config, identity: core.identity }) },
    integrationsModule(core),
    providerConnectionsModule(core),
    scimModule(core),
    consoleModule(core),
    auditModule(core),
  ];
}
