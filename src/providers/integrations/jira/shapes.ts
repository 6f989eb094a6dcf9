import { Type } from 'typebox';
import { credentialsObject, httpUrl, identifier, secretString } from '../fields.ts';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { urlFields } from '../refinements.ts';

export const jiraBasic: AuthTypeDefinition = {
  credentials: credentialsObject({
    base_url: httpUrl(),
    // A colon would split differently inside the Basic credential.
    username: Type.String({ minLength: 1, maxLength: 512, pattern: '^[^:\\s]+$', description: 'an account email or user name without colons or whitespace' }),
    api_token: secretString(),
  }),
  secretFields: ['api_token'],
  refine: urlFields('credentials', ['base_url']),
};

export const jiraOAuthClientCredentials: AuthTypeDefinition = {
  credentials: credentialsObject({
    client_id: identifier(),
    client_secret: secretString(),
    cloud_id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9-]+$', description: 'an Atlassian cloud id' }),
  }),
  secretFields: ['client_secret'],
};
