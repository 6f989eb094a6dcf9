import { defineProvider } from '../define-provider.ts';
import { azureDevOpsConnection } from './connection.ts';
import { adoPat, adoServicePrincipal } from './shapes.ts';

// The contract spells the provider two ways; both share this adapter and the category `azure-devops`.
export const azureDevOps = defineProvider({
  provider: 'azure-devops',
  displayName: 'Azure DevOps',
  authTypes: { pat: adoPat, service_principal: adoServicePrincipal },
  verify: (_authType, credentials, _config, ctx) => azureDevOpsConnection(credentials, ctx),
});
