// The feature modules this build serves. Each contract surface and provider family adds itself here.
import type { Core, FeatureModule } from './runtime.ts';
import { managementRoutes } from './surfaces/management/routes.ts';

export function featureModules(core: Core): FeatureModule[] {
  return [{ name: 'management', routes: managementRoutes({ db: core.db, config: core.config, identity: core.identity }) }];
}
