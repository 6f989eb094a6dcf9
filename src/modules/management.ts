// The management API (/api/v1: workspaces, members, tokens, tenants, runs, audit), on the shared
// identity service.
import { managementRoutes } from '../surfaces/management/routes.ts';
import type { Core, FeatureModule } from './feature.ts';

export function managementModule(core: Core): FeatureModule {
  return { name: 'management', routes: managementRoutes({ db: core.db, config: core.config, identity: core.identity }) };
}
