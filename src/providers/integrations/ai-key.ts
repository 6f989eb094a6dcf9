// The `{ api_key }` credential shape shared by the API-key providers.
import { credentialsObject, secretString } from './fields.ts';
import type { AuthTypeDefinition } from './define-provider.ts';

export const apiKeyCredentials = (): AuthTypeDefinition => ({
  credentials: credentialsObject({ api_key: secretString() }),
  secretFields: ['api_key'],
});
