import { Type } from 'typebox';
import { credentialsObject, httpUrl, identifier, secretString } from '../fields.ts';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { urlFields } from '../refinements.ts';

export const adoPat: AuthTypeDefinition = {
  credentials: credentialsObject({ organization_url: httpUrl(), token: secretString() }),
  secretFields: ['token'],
  refine: urlFields('credentials', ['organization_url']),
};

export const adoServicePrincipal: AuthTypeDefinition = {
  credentials: credentialsObject({
    organization_url: httpUrl(),
    client_id: identifier(),
    client_secret: secretString(),
    tenant_id: Type.String({ minLength: 1, maxLength: 256, pattern: '^[A-Za-z0-9.-]+$', description: 'a tenant id (GUID) or domain name' }),
    // Sovereign clouds use other authorities; the public cloud's is the default.
    entra_authority_url: Type.Optional(httpUrl()),
  }),
  secretFields: ['client_secret'],
  refine: urlFields('credentials', ['organization_url', 'entra_authority_url']),
};
