// The feature modules this build serves, in registration order. Each contract surface and provider
// family is wired in its own file here; nothing but runtime.ts (and test helpers) imports this folder.
import { auditModule } from './audit.ts';
import { consoleModule } from './console.ts';
import type { Core, FeatureModule } from './feature.ts';
import { integrationsModule } from './integrations.ts';
import { managementModule } from './management.ts';
import { providerConnectionsModule } from './provider-connections.ts';
import { scimModule } from './scim.ts';
import { webhooksModule } from './webhooks.ts';

export type { Core, FeatureModule } from './feature.ts';
export type { ProviderConnectionsModule } from './provider-connections.ts';

export function featureModules(core: Core): FeatureModule[] {
  return [
    managementModule(core),
    integrationsModule(core),
    providerConnectionsModule(core),
    scimModule(core),
    consoleModule(core),
    auditModule(core),
    webhooksModule(core),
  ];
}
