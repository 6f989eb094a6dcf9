import { Type } from 'typebox';
import { credentialsObject, numericId, pemPrivateKey, secretString, identifier } from '../fields.ts';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { loadPrivateKey } from './app-jwt.ts';

export const githubPat: AuthTypeDefinition = {
  credentials: credentialsObject({ token: secretString() }),
  secretFields: ['token'],
};

export const githubApp: AuthTypeDefinition = {
  credentials: credentialsObject({
    appId: numericId(),
    privateKey: pemPrivateKey(),
    installationId: Type.Optional(numericId()),
  }),
  secretFields: ['privateKey'],
  refine: (credentials) =>
    loadPrivateKey(String(credentials.privateKey))
      ? undefined
      : { field: 'credentials.privateKey', message: 'credentials.privateKey must be a PEM-encoded RSA private key' },
};

export const githubOAuthApp: AuthTypeDefinition = {
  credentials: credentialsObject({ client_id: identifier(), client_secret: secretString() }),
  secretFields: ['client_secret'],
};
