// provider-identity.yaml as route schemas (served under /admin, its `servers` entry).
// Additive extensions, listed in the report / docs/contracts.md: a `certificate` credential kind
// next to `client_secret`, and extra response fields (uuid, tenant_id, status, …).
import { type Static, Type } from 'typebox';
import { literalUnion } from '../../lib/literal-union.ts';

const lit = literalUnion;
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export { errors } from '../../http/error-body.ts';

export const TenantParams = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 100, description: 'the tenant slug, or its numeric id' }) });
export const ConnectionParams = Type.Object({ connection: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

const SOURCES = ['dedicated_manual', 'dedicated_imported', 'legacy_migrated'] as const;

const ClientSecretCredential = Type.Object(
  {
    credential_kind: lit(['client_secret']),
    source: Type.Optional(lit(SOURCES)),
    client_id: Type.String({ minLength: 1, maxLength: 200 }),
    client_secret: Type.String({ minLength: 1, maxLength: 1024, description: 'write-only: never returned' }),
  },
  { additionalProperties: false },
);
const CertificateCredential = Type.Object(
  {
    credential_kind: lit(['certificate']),
    source: Type.Optional(lit(SOURCES)),
    client_id: Type.String({ minLength: 1, maxLength: 200 }),
    private_key_pem: Type.String({ minLength: 1, maxLength: 20000, description: 'write-only: never returned' }),
    certificate_pem: Type.String({ minLength: 1, maxLength: 20000 }),
  },
  { additionalProperties: false },
);
export const DedicatedCredentialRequest = Type.Union([ClientSecretCredential, CertificateCredential]);

export const ProviderConnectionCreateRequest = Type.Object(
  {
    provider: lit(['microsoft']),
    entra_tenant_id: Type.String({ minLength: 1, maxLength: 253 }),
    display_name: Type.String({ minLength: 1, maxLength: 200 }),
    is_default: Type.Optional(Type.Boolean({ default: true })),
    connection_type: Type.Optional(lit(['platform', 'dedicated'])),
    dedicated_credential: Type.Optional(Type.Union([DedicatedCredentialRequest, Type.Null()])),
  },
  { additionalProperties: false },
);

export const ConnectionTypeRequest = Type.Object({ connection_type: lit(['platform', 'dedicated']) }, { additionalProperties: false });

export { ProviderConnectionResponse } from '../shared/provider-connection-schema.ts';

export const AdminConsentLinkResponse = Type.Object({
  url: Type.String({ format: 'uri' }),
  client_id: Type.String(),
  connection_type: lit(['platform', 'dedicated']),
  expires_at: Type.String({ format: 'date-time' }),
});

export const VerificationStartResponse = Type.Object({
  status: lit(['started', 'deduped', 'scope_busy', 'blocked']),
  operation_run_id: Type.Integer(),
  view_url: Type.String(),
});

export const ConsentCallbackQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 2048 })),
  // The authorization code Microsoft sends back (OpenID Connect code flow): the only proof of consent.
  code: Type.Optional(Type.String({ maxLength: 8192 })),
  session_state: Type.Optional(Type.String({ maxLength: 256 })),
  // Kept from the contract (the /adminconsent answer); accepted, never trusted, never stored.
  tenant: Type.Optional(Type.String({ maxLength: 256 })),
  // A boolean as the contract types it; Microsoft's /adminconsent answer spells it `True`/`False`,
  // so those two spellings are accepted too. Anything else is a 400.
  admin_consent: Type.Optional(Type.Union([Type.Boolean(), lit(['True', 'False'])], { description: 'Ignored: it proves nothing (the redeemed code does)' })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 4096 })),
  scope: Type.Optional(Type.String({ maxLength: 4096 })),
});

// The shapes above as TypeScript types, for the console (console/src/lib/api-types.ts).
export type DedicatedCredentialRequest = Static<typeof DedicatedCredentialRequest>;
export type ProviderConnectionCreateRequest = Static<typeof ProviderConnectionCreateRequest>;
export type ConnectionTypeRequest = Static<typeof ConnectionTypeRequest>;
export type ProviderConnectionResponse = Static<typeof ProviderConnectionResponse>;
export type AdminConsentLinkResponse = Static<typeof AdminConsentLinkResponse>;
export type VerificationStartResponse = Static<typeof VerificationStartResponse>;
