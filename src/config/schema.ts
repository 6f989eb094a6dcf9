// Every environment variable the service reads, in one list: where it lands in the typed Config,
// its type, default and validation (a TypeBox schema), and its description. The loader
// (read-environment.ts) reads the environment against it, and the tables of
// docs/configuration.md are generated from it (`npm run docs:config`; a test fails when they are
// stale). Defaults that depend on other variables are computed in ../config.ts and say so here
// in `docDefault`.
import { type Static, type TSchema, Type } from 'typebox';
import { ROLES } from '../core/access/capabilities.ts';
import { KEY_SOURCE_NAMES } from '../core/vault/key-source.ts';
import { AUXILIARY_BASE_URL_KEYS, BASE_URL_KEYS } from '../providers/integrations/base-urls.ts';
import { parseBaseUrl } from '../providers/integrations/url.ts';

/** The sections of docs/configuration.md, in order, with their headings. */
export const DOC_GROUPS = {
  service: 'Service',
  database: 'Database',
  keys: 'Keys (the vault)',
  awsKms: 'Key source: AWS KMS (`aws-kms`)',
  azureKeyVault: 'Key source: Azure Key Vault (`azure-key-vault`)',
  gcpKms: 'Key source: Google Cloud KMS (`gcp-kms`)',
  vaultTransit: 'Key source: HashiCorp Vault / OpenBao Transit (`vault-transit`)',
  identity: 'Identity',
  runs: 'Operation runs',
  microsoft: 'Microsoft provider connections',
  outbound: 'Integrations (outbound calls)',
  integrations: 'Integrations store',
  scim: 'SCIM',
  webhooks: 'Webhooks',
  audit: 'Audit trail',
  console: 'Admin console',
  authFailures: 'Failed-authentication limit',
} as const;

export type DocGroup = keyof typeof DOC_GROUPS;

/** What a schema leaf says about its variable, beyond type, default and validation. */
export interface VariableDoc {
  group: DocGroup;
  /** Markdown, one line: the "meaning" column. */
  description: string;
  /** The "default" column when the default is not a literal value (computed, or "unset" said otherwise). */
  docDefault?: string;
}

export interface VariableOptions extends VariableDoc {
  env: string;
  /** Filled in by ../config.ts from other variables when this one is not given. */
  computed?: boolean;
}

const int = (env: string, fallback: number, minimum: number, doc: VariableDoc) => Type.Integer({ env, default: fallback, minimum, ...doc });
/** A number of seconds, fractions allowed (tests use sub-second values). */
const seconds = (env: string, fallback: number, minimum: number, doc: VariableDoc) => Type.Number({ env, default: fallback, minimum, ...doc });
const bool = (env: string, fallback: boolean, doc: VariableDoc) => Type.Boolean({ env, default: fallback, ...doc });
const text = (env: string, fallback: string, doc: VariableDoc) => Type.String({ env, default: fallback, ...doc });
/** Unset unless given. */
const optional = (env: string, doc: VariableDoc) => Type.Optional(Type.String({ env, ...doc }));
/** Always present: ../config.ts computes it when the variable is not given (doc.docDefault says how). */
const computed = (env: string, doc: VariableDoc & { docDefault: string }) => Type.String({ env, computed: true, ...doc });
const oneOf = <const V extends string[]>(env: string, values: readonly [...V], fallback: V[number], doc: VariableDoc) =>
  Type.Enum(values, { env, default: fallback, ...doc });
/** A JSON value (the variable holds JSON text) checked against `schema` (annotated in place: a refinement must stay attached). */
const json = <S extends TSchema>(env: string, schema: S, fallback: Static<S>, doc: VariableDoc): S => Object.assign(schema, { env, default: fallback, ...doc });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A provider base URL: an absolute http(s) URL without user info, query or fragment; `{placeholders}` allowed. */
const BaseUrl = Type.Refine(
  Type.String(),
  (value) => parseBaseUrl(value.replace(/\{(\w+)\}/g, 'x')).ok,
  // The value is not repeated: a URL with user info may carry a password.
  () => 'must be an http(s) URL without user info, query or fragment',
);

const ProviderBaseUrls = Type.Object(
  Object.fromEntries(BASE_URL_KEYS.map((k) => [k, Type.Optional(BaseUrl)])) as Record<(typeof BASE_URL_KEYS)[number], Type.TOptional<typeof BaseUrl>>,
  {
    additionalProperties: false,
  },
);

/** Group names are matched in any case, so two spellings of one name must not map to different roles. */
const GroupRoleMapping = Type.Refine(
  Type.Record(Type.String(), Type.Enum(ROLES)),
  (mapping) => sameGroupTwice(mapping) === null,
  (mapping) => {
    const [a, b] = sameGroupTwice(mapping)!;
    return `"${a}" and "${b}" name the same group (names match in any case) with different roles`;
  },
);

function sameGroupTwice(mapping: Record<string, string>): [string, string] | null {
  const seen = new Map<string, string>();
  for (const [group, role] of Object.entries(mapping)) {
    const first = seen.get(group.toLowerCase());
    if (first !== undefined && mapping[first] !== role) return [first, group];
    seen.set(group.toLowerCase(), group);
  }
  return null;
}

const OidcSchema = Type.Object(
  {
    issuer: Type.String({
      env: 'SWITCHBOARD_OIDC_ISSUER',
      group: 'identity',
      docDefault: 'unset',
      description: 'accept JWTs from this issuer (verified against its JWKS)',
    }),
    audience: Type.String({ env: 'SWITCHBOARD_OIDC_AUDIENCE', group: 'identity', docDefault: '—', description: 'required with the issuer' }),
    jwksUrl: optional('SWITCHBOARD_OIDC_JWKS_URL', {
      group: 'identity',
      docDefault: 'from discovery',
      description: "skip discovery: the issuer's JWKS address",
    }),
    workspaceClaim: text('SWITCHBOARD_OIDC_WORKSPACE_CLAIM', 'switchboard_workspace', { group: 'identity', description: 'claim holding the workspace id' }),
    roleClaim: text('SWITCHBOARD_OIDC_ROLE_CLAIM', 'switchboard_role', {
      group: 'identity',
      description: 'claim holding the role (owner, admin, operator, viewer)',
    }),
    emailClaim: text('SWITCHBOARD_OIDC_EMAIL_CLAIM', 'email', {
      group: 'identity',
      description:
        "claim holding the email; matched (trimmed, any case) to a member of the workspace: a disabled member's JWTs are refused, and that member is the maker of the tokens the session mints",
    }),
    maxTokenAgeSeconds: int('SWITCHBOARD_OIDC_MAX_TOKEN_AGE_SECONDS', 86400, 0, {
      group: 'identity',
      description:
        'oldest JWT accepted, counted from its `iat`; a JWT without `iat` is refused while this is set (`0`: no limit). Every JWT must carry `exp`; clock skew tolerated is 5 s, fixed',
    }),
  },
  { presentWhen: 'SWITCHBOARD_OIDC_ISSUER' },
);

const MicrosoftSchema = Type.Object({
  authorityHost: text('SWITCHBOARD_MS_AUTHORITY_HOST', 'https://login.microsoftonline.com', {
    group: 'microsoft',
    description: 'Entra ID authority host (tests: the loopback simulator)',
  }),
  graphBaseUrl: text('SWITCHBOARD_MS_GRAPH_BASE_URL', 'https://graph.microsoft.com/v1.0', {
    group: 'microsoft',
    description: 'Microsoft Graph base, version included',
  }),
  platformClientId: optional('SWITCHBOARD_MS_PLATFORM_CLIENT_ID', {
    group: 'microsoft',
    docDefault: 'unset',
    description: "the operator's multi-tenant app registration used by *platform* connections",
  }),
  platformClientSecret: optional('SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET', {
    group: 'microsoft',
    docDefault: 'unset',
    description:
      "its client secret; read from configuration only, never copied into a row. Without both, platform connections' runs are blocked (`missing_configuration`) and no consent link can be made",
  }),
  consentRedirectUri: computed('SWITCHBOARD_MS_CONSENT_REDIRECT_URI', {
    group: 'microsoft',
    docDefault: '`<SWITCHBOARD_PUBLIC_URL>/admin/consent/callback`',
    description: 'where Entra sends the admin-consent answer: the redirect URI registered on the app(s), exactly as the app registration lists it',
  }),
  consentReturnUrl: optional('SWITCHBOARD_MS_CONSENT_RETURN_URL', {
    group: 'microsoft',
    docDefault: 'unset',
    description: 'send the browser here after the consent callback (with the outcome in the query) instead of showing a page',
  }),
  healthCheckIntervalSeconds: int('SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS', 3600, 0, {
    group: 'microsoft',
    description: 'periodic health checks per connection; `0` turns them off. Run only in processes that execute runs (`serve` with inline workers, `worker`)',
  }),
  healthCheckJitterSeconds: int('SWITCHBOARD_HEALTH_CHECK_JITTER_SECONDS', 300, 0, {
    group: 'microsoft',
    description: 'random extra delay per connection and check, so checks spread out',
  }),
  requestTimeoutMs: int('SWITCHBOARD_MS_TIMEOUT_MS', 10000, 100, { group: 'microsoft', description: 'per-request timeout towards Entra and Graph' }),
  graphPacePerSecond: int('SWITCHBOARD_MS_GRAPH_PACE_PER_SECOND', 10, 0, {
    group: 'microsoft',
    description:
      'Graph requests per second per throttle budget — one per (app client id, Entra tenant), shared by every run type on every node through the database — sent ahead of any throttling (a token bucket); `0`: no pacing, only Retry-After holds requests back',
  }),
  graphBurst: int('SWITCHBOARD_MS_GRAPH_BURST', 20, 1, {
    group: 'microsoft',
    description: 'Graph requests a throttle budget sends at once after a quiet spell (the size of its token bucket) before the pace applies',
  }),
});

const OutboundSchema = Type.Object({
  providerBaseUrls: json(
    'SWITCHBOARD_PROVIDER_BASE_URLS',
    ProviderBaseUrls,
    {},
    {
      group: 'outbound',
      description: `JSON object overriding provider base URLs, e.g. \`{"github":"https://ghe.internal/api/v3"}\`; keys: the provider names and ${AUXILIARY_BASE_URL_KEYS.map((k) => `\`${k}\``).join(', ')}. Also decides the origin a credential is bound to when it is stored without its own URL. An unknown key or a value that is not an http(s) URL stops the process at start`,
    },
  ),
  allowPrivateNetworks: bool('SWITCHBOARD_ALLOW_PRIVATE_NETWORKS', false, {
    group: 'outbound',
    description:
      'allow user-supplied URLs that resolve to private/loopback ranges (on-prem services, tests); all of link-local (`169.254.0.0/16`, `fe80::/10`, also IPv4-mapped/-compatible, NAT64 and 6to4 forms and decimal/octal/hex IPv4 spellings) and the cloud metadata addresses stay refused. Off, a name that does not resolve is refused exactly like one resolving to a private address (`private_address_refused`, one fixed message): no DNS oracle',
  }),
  timeoutMs: int('SWITCHBOARD_OUTBOUND_TIMEOUT_MS', 10000, 100, { group: 'outbound', description: 'per outbound call (verification and health calls)' }),
});

const WebhooksSchema = Type.Object({
  timeoutMs: int('SWITCHBOARD_WEBHOOK_TIMEOUT_MS', 10000, 100, {
    group: 'webhooks',
    description: 'per delivery attempt (connect, headers and body); a receiver that takes longer counts as failed (`timeout`) and is retried',
  }),
  concurrency: int('SWITCHBOARD_WEBHOOK_CONCURRENCY', 16, 1, {
    group: 'webhooks',
    description: 'delivery attempts in flight at once per worker process (one per webhook and scope at most: order is kept per scope)',
  }),
  pollSeconds: seconds('SWITCHBOARD_WEBHOOK_POLL_SECONDS', 0.5, 0.01, {
    group: 'webhooks',
    description: 'how often an idle dispatcher looks in the outbox for due deliveries',
  }),
  backoffBaseSeconds: seconds('SWITCHBOARD_WEBHOOK_BACKOFF_BASE_SECONDS', 5, 0.01, {
    group: 'webhooks',
    description: 'the delay after the first failed attempt; it doubles with every further failure (with jitter: a random 50–100 % of it)…',
  }),
  backoffMaxSeconds: seconds('SWITCHBOARD_WEBHOOK_BACKOFF_MAX_SECONDS', 3600, 0.01, {
    group: 'webhooks',
    description: '…up to this delay between two attempts',
  }),
  retryWindowSeconds: seconds('SWITCHBOARD_WEBHOOK_RETRY_WINDOW_SECONDS', 86400, 0.01, {
    group: 'webhooks',
    description:
      "a delivery still failing this long after its first attempt (or its last redelivery) is `dead`: visible in its webhook's deliveries, redeliverable",
  }),
  pauseAfterSeconds: seconds('SWITCHBOARD_WEBHOOK_PAUSE_AFTER_SECONDS', 259200, 1, {
    group: 'webhooks',
    description:
      "a webhook whose every attempt has failed for this long (3 days by default) is paused — no new deliveries, none sent — with a `webhook.paused` event to the workspace's other subscribers; `PATCH …/webhooks/{id}` with `enabled: true` resumes it",
  }),
  secretGraceSeconds: int('SWITCHBOARD_WEBHOOK_SECRET_GRACE_SECONDS', 86400, 0, {
    group: 'webhooks',
    description: 'after `POST /api/v1/webhooks/{id}/rotate-secret`, how long the previous secret keeps signing too (both signatures are sent)',
  }),
});

const ScimSchema = Type.Object({
  rotationGraceSeconds: int('SWITCHBOARD_SCIM_ROTATION_GRACE_SECONDS', 86400, 0, {
    group: 'scim',
    description: 'how long the previous token keeps working after `POST …/rotate` (`0`: it stops at once)',
  }),
  maxResults: int('SWITCHBOARD_SCIM_MAX_RESULTS', 200, 1, {
    group: 'scim',
    description: 'most resources one list/filter response returns (`filter.maxResults`)',
  }),
  maxBulkOperations: int('SWITCHBOARD_SCIM_MAX_BULK_OPERATIONS', 100, 1, {
    group: 'scim',
    description: 'most operations in one `/Bulk` request (`bulk.maxOperations`; above it 413)',
  }),
  groupRoleMapping: json(
    'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING',
    GroupRoleMapping,
    {},
    {
      group: 'scim',
      description:
        'JSON object: SCIM group displayName (case-insensitive) → workspace role (owner, admin, operator, viewer), for `syncToUserManagement`. A value that is not a role stops the process at start',
    },
  ),
  defaultRole: oneOf('SWITCHBOARD_SCIM_DEFAULT_ROLE', ROLES, 'viewer', { group: 'scim', description: 'role of a synced member whose groups map to none' }),
  maxBulkPayloadBytes: int('SWITCHBOARD_SCIM_MAX_BULK_PAYLOAD_BYTES', 1024 * 1024, 1024, {
    group: 'scim',
    description: 'largest `/Bulk` body (`bulk.maxPayloadSize`; above it 413)',
  }),
  rateLimitPerMinute: Type.Integer({
    env: 'SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE',
    minimum: 1,
    computed: true,
    group: 'scim',
    docDefault: '`SWITCHBOARD_RATE_LIMIT_PER_MINUTE` (6000)',
    description:
      "requests per minute per SCIM configuration, per node (429 in the SCIM error format). Entra's gallery asks for 25 requests/s per tenant; 6000/min is 100/s. `bench/scim.ts` raises it so the limiter is not what it measures",
  }),
  rememberedTokens: int('SWITCHBOARD_SCIM_REMEMBERED_TOKENS', 10000, 0, {
    group: 'scim',
    description:
      "how many SCIM tokens a node remembers the configuration and workspace of (the first request of a token looks it up). A remembered token is still checked live on every request, in the round trip that opens the request's transaction, so revocation and the end of a rotation grace take effect at once on every node. `0`: every request looks its token up in a round trip of its own. PostgreSQL server only: on the embedded database there is no round trip to save, so it is always `0` there",
  }),
});

const IntegrationsSchema = Type.Object({
  healthConcurrency: int('SWITCHBOARD_INTEGRATIONS_HEALTH_CONCURRENCY', 8, 1, {
    group: 'integrations',
    description: '`GET /sfp/api/integrations/platforms/health`: how many project checks run at once',
  }),
  healthCheckTimeoutMs: int('SWITCHBOARD_INTEGRATIONS_HEALTH_TIMEOUT_MS', 15000, 100, {
    group: 'integrations',
    description:
      "the most one project's check may take (a GitHub App check makes three calls); a check cut off reports `unhealthy` with reason `dependency_unreachable`",
  }),
  githubAppId: optional('SWITCHBOARD_GITHUB_APP_ID', {
    group: 'integrations',
    docDefault: 'unset',
    description:
      "the built-in GitHub App (the App's numeric id): platform health checks a GitHub project with it when the project's workspace configured no GitHub integration (none scoped to the project, no GitHub default). Needs one of the two next variables",
  }),
  githubAppPrivateKey: optional('SWITCHBOARD_GITHUB_APP_PRIVATE_KEY', {
    group: 'integrations',
    docDefault: 'unset',
    description:
      'its private key, PEM (PKCS#1 or PKCS#8 RSA, as GitHub downloads it; `\\n` escapes are read as line breaks). Read at start, never logged or stored; a key that does not load stops the start with one line naming the variable',
  }),
  githubAppPrivateKeyFile: optional('SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE', {
    group: 'integrations',
    docDefault: 'unset',
    description: 'the same key from a file (e.g. a mounted secret); give this or `SWITCHBOARD_GITHUB_APP_PRIVATE_KEY`, not both',
  }),
});

const AuthFailuresSchema = Type.Object({
  limit: int('SWITCHBOARD_AUTH_FAILURE_LIMIT', 50, 0, {
    group: 'authFailures',
    description:
      'failed authentications per (client address, target) per window — the target being the SCIM configuration, the API token, or the JWT issuer — after which further failures there get 429; a valid credential always passes. `0` turns the limit off',
  }),
  addressLimit: int('SWITCHBOARD_AUTH_FAILURE_ADDRESS_LIMIT', 1000, 0, {
    group: 'authFailures',
    description:
      'failed authentications per client address (IPv6: per /64) across all targets per window: the ceiling for credential stuffing; `0` turns it off',
  }),
  windowSeconds: int('SWITCHBOARD_AUTH_FAILURE_WINDOW_SECONDS', 300, 1, {
    group: 'authFailures',
    description: 'the window; an address that reached the limit is refused until its window ends',
  }),
});

const KeysSchema = Type.Object({
  source: oneOf('SWITCHBOARD_KEY_SOURCE', KEY_SOURCE_NAMES, 'keyring', {
    group: 'keys',
    description:
      'where new key versions are created: `keyring`, `aws-kms`, `azure-key-vault`, `gcp-kms` or `vault-transit`. That source must be configured (its sections below). On a KMS, the first start creates version 1 there (audited as `vault.key_created`)',
  }),
  cacheTtlSeconds: seconds('SWITCHBOARD_KEY_CACHE_TTL_SECONDS', 600, 0.1, {
    group: 'keys',
    description:
      'how long a KEK unwrapped by a KMS stays usable after the KMS last gave it. Past it, with the KMS unreachable, secret reads and writes fail closed with `503 vault.key_unavailable`, `/readyz` answers 503 (`keys`), and one error line says which version and why. It is also how long a node keeps working after you revoke its KMS access. Fractions allowed',
  }),
  refreshSeconds: Type.Number({
    env: 'SWITCHBOARD_KEY_REFRESH_SECONDS',
    minimum: 0.05,
    computed: true,
    group: 'keys',
    docDefault: 'min(60, TTL/4)',
    description: 'how often a node unwraps its KMS keys again while the KMS answers (must be shorter than the TTL)',
  }),
  retrySeconds: Type.Number({
    env: 'SWITCHBOARD_KEY_RETRY_SECONDS',
    minimum: 0.05,
    computed: true,
    group: 'keys',
    docDefault: 'min(5, refresh)',
    description: 'how often it tries again while the KMS does not answer; it recovers by itself on the first answer',
  }),
  kmsTimeoutMs: int('SWITCHBOARD_KMS_TIMEOUT_MS', 5000, 50, { group: 'keys', description: 'per KMS request; a whole call gives up after timeout × attempts' }),
  kmsMaxAttempts: int('SWITCHBOARD_KMS_MAX_ATTEMPTS', 3, 1, { group: 'keys', description: 'attempts per KMS call (network errors, 5xx, throttling)' }),
  aws: Type.Optional(
    Type.Object(
      {
        keyId: Type.String({
          env: 'SWITCHBOARD_AWS_KMS_KEY_ID',
          group: 'awsKms',
          docDefault: 'unset',
          description:
            'a symmetric KMS key: id, ARN, alias name or alias ARN. Set: this source is configured. Encrypt/Decrypt with the version as `EncryptionContext` (`switchboard:purpose`, `switchboard:version`), so a key policy can require it and CloudTrail records it',
        }),
        region: computed('SWITCHBOARD_AWS_KMS_REGION', {
          group: 'awsKms',
          docDefault: '`AWS_REGION`, else `AWS_DEFAULT_REGION`',
          description: "the key's region; one of the three is required with the key id",
        }),
        endpoint: optional('SWITCHBOARD_AWS_KMS_ENDPOINT', {
          group: 'awsKms',
          docDefault: "the region's endpoint",
          description: 'another endpoint (VPC endpoint, FIPS endpoint, a test simulator)',
        }),
      },
      { presentWhen: 'SWITCHBOARD_AWS_KMS_KEY_ID' },
    ),
  ),
  azure: Type.Optional(
    Type.Object(
      {
        keyId: Type.String({
          env: 'SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID',
          group: 'azureKeyVault',
          docDefault: 'unset',
          description:
            "`https://<vault>.vault.azure.net/keys/<name>[/<version>]` (Managed HSM: `https://<hsm>.managedhsm.azure.net/keys/…`). Set: this source is configured. Without a version, new KEKs are wrapped by the key's current version; each remembers the exact version that wrapped it",
        }),
        algorithm: oneOf('SWITCHBOARD_AZURE_KEY_VAULT_ALGORITHM', ['RSA-OAEP-256', 'A256KW'], 'RSA-OAEP-256', {
          group: 'azureKeyVault',
          description: '`RSA-OAEP-256` (RSA key) or `A256KW` (AES key, Managed HSM)',
        }),
        tenantId: Type.String({
          env: 'SWITCHBOARD_AZURE_TENANT_ID',
          group: 'azureKeyVault',
          docDefault: '—',
          description: 'required with the key id: the Entra tenant of the app registration below',
        }),
        clientId: Type.String({
          env: 'SWITCHBOARD_AZURE_CLIENT_ID',
          group: 'azureKeyVault',
          docDefault: '—',
          description:
            "required: the app registration whose service principal has the key's `wrapKey`/`unwrapKey` permissions (Key Vault Crypto User). Tokens by client credentials for the scope Key Vault's authentication challenge names",
        }),
        clientSecret: Type.String({
          env: 'SWITCHBOARD_AZURE_CLIENT_SECRET',
          group: 'azureKeyVault',
          docDefault: '—',
          description: 'required: its client secret; read from configuration only, never written anywhere',
        }),
        authorityHost: text('SWITCHBOARD_AZURE_AUTHORITY_HOST', 'https://login.microsoftonline.com', {
          group: 'azureKeyVault',
          description: 'Entra authority host (sovereign clouds; tests: the loopback simulator)',
        }),
        caFile: optional('SWITCHBOARD_AZURE_KEY_VAULT_CA_FILE', {
          group: 'azureKeyVault',
          docDefault: 'unset',
          description:
            "PEM of extra CAs to trust for the vault's TLS certificate (a private endpoint behind your own CA; the tests' simulator). The SDK only speaks https",
        }),
        disableChallengeResourceVerification: bool('SWITCHBOARD_AZURE_KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION', false, {
          group: 'azureKeyVault',
          description:
            "skip the SDK's check that the challenge's resource matches the vault's domain: only for a vault reached under a name outside its resource's domain",
        }),
      },
      { presentWhen: 'SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID' },
    ),
  ),
  gcp: Type.Optional(
    Type.Object(
      {
        keyName: Type.String({
          env: 'SWITCHBOARD_GCP_KMS_KEY_NAME',
          group: 'gcpKms',
          docDefault: 'unset',
          description:
            '`projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>` (symmetric ENCRYPT_DECRYPT). Set: this source is configured. The version context goes in `additionalAuthenticatedData`; requests and answers are CRC32C-checked',
        }),
        endpoint: optional('SWITCHBOARD_GCP_KMS_ENDPOINT', {
          group: 'gcpKms',
          docDefault: '`https://cloudkms.googleapis.com`',
          description: 'another endpoint (Private Service Connect, a test simulator); the REST transport is used',
        }),
        credentialsFile: optional('SWITCHBOARD_GCP_KMS_CREDENTIALS_FILE', {
          group: 'gcpKms',
          docDefault: 'Application Default Credentials',
          description:
            'a service-account key file; otherwise `GOOGLE_APPLICATION_CREDENTIALS`, workload identity or the metadata server. Needs `cloudkms.cryptoKeyVersions.useToEncrypt` / `useToDecrypt`',
        }),
      },
      { presentWhen: 'SWITCHBOARD_GCP_KMS_KEY_NAME' },
    ),
  ),
  vault: Type.Optional(
    Type.Object(
      {
        key: Type.String({
          env: 'SWITCHBOARD_VAULT_TRANSIT_KEY',
          group: 'vaultTransit',
          docDefault: 'unset',
          description:
            'the Transit key name (type `aes256-gcm96` or `chacha20-poly1305`). Set: this source is configured. The version context is sent as `associated_data`',
        }),
        addr: Type.String({
          env: 'SWITCHBOARD_VAULT_ADDR',
          pattern: '^https?://[^/]',
          group: 'vaultTransit',
          docDefault: '—',
          description: 'required with the key: `https://vault.internal:8200`',
        }),
        mount: text('SWITCHBOARD_VAULT_TRANSIT_MOUNT', 'transit', { group: 'vaultTransit', description: "the engine's mount path" }),
        derived: bool('SWITCHBOARD_VAULT_TRANSIT_DERIVED', false, {
          group: 'vaultTransit',
          description: 'the key was created with `derived=true`: the context is also sent as `context`, so Transit derives a key per version',
        }),
        namespace: optional('SWITCHBOARD_VAULT_NAMESPACE', {
          group: 'vaultTransit',
          docDefault: 'unset',
          description: 'Vault Enterprise / OpenBao namespace (`X-Vault-Namespace`)',
        }),
        auth: Type.Enum(['token', 'approle'], {
          env: 'SWITCHBOARD_VAULT_AUTH',
          computed: true,
          group: 'vaultTransit',
          docDefault: '`approle` when a role id is set, else `token`',
          description: '`token` or `approle`',
        }),
        token: optional('SWITCHBOARD_VAULT_TOKEN', {
          group: 'vaultTransit',
          docDefault: 'unset',
          description: 'token auth: the token (this or the file is required with token auth)',
        }),
        tokenFile: optional('SWITCHBOARD_VAULT_TOKEN_FILE', {
          group: 'vaultTransit',
          docDefault: 'unset',
          description: 'token auth: a file a Vault Agent keeps fresh (read again after a 403)',
        }),
        roleId: optional('SWITCHBOARD_VAULT_ROLE_ID', {
          group: 'vaultTransit',
          docDefault: 'unset',
          description: "AppRole auth: the role id (required with `approle`); the node logs in again at 80 % of the token's lease and after a 403",
        }),
        secretId: optional('SWITCHBOARD_VAULT_SECRET_ID', {
          group: 'vaultTransit',
          docDefault: 'unset',
          description: 'AppRole auth: the secret id (this or the file is required with `approle`)',
        }),
        secretIdFile: optional('SWITCHBOARD_VAULT_SECRET_ID_FILE', {
          group: 'vaultTransit',
          docDefault: 'unset',
          description: 'AppRole auth: a file holding the secret id, read at each login',
        }),
        approleMount: text('SWITCHBOARD_VAULT_APPROLE_MOUNT', 'approle', { group: 'vaultTransit', description: 'the AppRole auth mount path' }),
        caFile: optional('SWITCHBOARD_VAULT_CA_FILE', {
          group: 'vaultTransit',
          docDefault: 'unset',
          description: "PEM of the CA that signed Vault's certificate",
        }),
      },
      { presentWhen: 'SWITCHBOARD_VAULT_TRANSIT_KEY' },
    ),
  ),
});

const AuditSchema = Type.Object({
  checkpointEveryEvents: int('SWITCHBOARD_AUDIT_CHECKPOINT_EVERY_EVENTS', 1000, 1, {
    group: 'audit',
    description: 'a chain gets a signed checkpoint once it is this many events past its last one…',
  }),
  checkpointIntervalSeconds: int('SWITCHBOARD_AUDIT_CHECKPOINT_INTERVAL_SECONDS', 60, 0, {
    group: 'audit',
    description: '…or this many seconds after it, whichever comes first (and once more on a clean shutdown); `0` writes no checkpoints',
  }),
  checkpointDir: computed('SWITCHBOARD_AUDIT_CHECKPOINT_DIR', {
    group: 'audit',
    docDefault: '`$SWITCHBOARD_DATA_DIR/audit-checkpoints`',
    description:
      'where the file sink appends `audit-checkpoints.ndjson` (one signed line per checkpoint; directory created 0700, file 0600). Put it where the database owner cannot write, and keep a copy elsewhere',
  }),
});

const ConsoleSchema = Type.Object({
  oidcClientId: optional('SWITCHBOARD_OIDC_CONSOLE_CLIENT_ID', {
    group: 'console',
    docDefault: 'unset',
    description:
      'OIDC client id of the console, registered at the issuer named by `SWITCHBOARD_OIDC_ISSUER` as a **public** client (no secret) using the authorization-code flow with PKCE (S256). Unset: the console offers token sign-in only',
  }),
  oidcScopes: text('SWITCHBOARD_OIDC_CONSOLE_SCOPES', 'openid email', { group: 'console', description: 'scopes the console asks the issuer for' }),
  distDir: computed('SWITCHBOARD_CONSOLE_DIST_DIR', {
    group: 'console',
    docDefault: '`<install>/console/dist`',
    description: 'where the built console is read from',
  }),
});

export const ConfigSchema = Type.Object({
  host: text('HOST', '127.0.0.1', { group: 'service', description: 'listen address (`0.0.0.0` in a container)' }),
  port: int('PORT', 3000, 0, { group: 'service', description: 'HTTP port' }),
  publicUrl: computed('SWITCHBOARD_PUBLIC_URL', {
    group: 'service',
    docDefault: '`http://HOST:PORT`',
    description: 'the externally visible base URL: run `view_url`s, the consent redirect URI, SCIM base URLs',
  }),
  logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info', {
    group: 'service',
    description: `pino level (${LOG_LEVELS.join(', ')}); secrets are redacted at any level. One line per 5xx response at info, one per request at debug`,
  }),
  bodyLimitBytes: int('SWITCHBOARD_BODY_LIMIT_BYTES', 1024 * 1024, 1024, {
    group: 'service',
    description: 'larger request bodies get `413 request.too_large`',
  }),
  maxJsonDepth: int('SWITCHBOARD_MAX_JSON_DEPTH', 64, 1, {
    group: 'service',
    description:
      "deepest nesting of objects/arrays a JSON body may have, on every surface; deeper bodies get `400 request.too_deep` (SCIM: `400` `invalidSyntax`) before any handler runs. The contracts' and SCIM's own bodies nest at most 6 levels; the slack is for free-form fields such as an integration's `config`",
  }),
  rateLimitPerMinute: int('SWITCHBOARD_RATE_LIMIT_PER_MINUTE', 6000, 1, {
    group: 'service',
    description:
      'requests per minute per principal (per token), counted across every node of a cluster (PostgreSQL or Redis; embedded: in-process); 429 with `Retry-After`',
  }),
  workspaceRateLimitPerMinute: Type.Integer({
    env: 'SWITCHBOARD_WORKSPACE_RATE_LIMIT_PER_MINUTE',
    minimum: 0,
    computed: true,
    group: 'service',
    docDefault: '5 × `SWITCHBOARD_RATE_LIMIT_PER_MINUTE`',
    description: 'requests per minute per workspace (all its principals together), across the cluster; `0` turns it off',
  }),
  addressRateLimitPerMinute: Type.Integer({
    env: 'SWITCHBOARD_ADDRESS_RATE_LIMIT_PER_MINUTE',
    minimum: 0,
    computed: true,
    group: 'service',
    docDefault: '`SWITCHBOARD_RATE_LIMIT_PER_MINUTE`',
    description: 'requests per minute per client address to routes without authentication; `0` turns it off',
  }),
  rateLimitLeasePercent: int('SWITCHBOARD_RATE_LIMIT_LEASE_PERCENT', 1, 0, {
    group: 'service',
    description:
      'share of a request limit a node leases from the shared store at once, in percent (at most 100 points): fewer round trips, at most that share over the limit per node; `0`: a round trip per request',
  }),
  metricsToken: Type.Optional(
    Type.String({
      env: 'SWITCHBOARD_METRICS_TOKEN',
      minLength: 16,
      group: 'service',
      docDefault: 'unset',
      description:
        'when set, `/metrics` answers only requests with `Authorization: Bearer <this value>` (401 otherwise); at least 16 characters. Unset: `/metrics` is open, and a service whose `HOST` is not a loopback address logs a warning at start',
    }),
  ),
  redisUrl: Type.Optional(
    Type.String({
      env: 'SWITCHBOARD_REDIS_URL',
      pattern: '^rediss?://[^/]',
      group: 'service',
      docDefault: 'unset',
      description: 'Redis (`redis://` or `rediss://`) for the rate-limit counters every node shares; unset: the PostgreSQL server (embedded: in-process)',
    }),
  ),
  databaseUrl: optional('DATABASE_URL', {
    group: 'database',
    docDefault: 'unset',
    description: 'a PostgreSQL server (`postgres://user@host:5432/db`). Unset: embedded PGlite',
  }),
  dataDir: text('SWITCHBOARD_DATA_DIR', './data', {
    group: 'database',
    description:
      'where the embedded database (`pg/`) and the default keyring live. Created 0700 (files 0600) whatever the umask; an existing directory other users can enter (any group/other bit set) is refused at start with `chmod 700 <dir>` as the fix. The embedded database process runs with umask 077 (see docs/decisions.md)',
  }),
  dbPoolSize: int('SWITCHBOARD_DB_POOL_SIZE', 10, 1, { group: 'database', description: '`pg` pool size per process' }),
  dbPreparedStatements: int('SWITCHBOARD_DB_PREPARED_STATEMENTS', 500, 0, {
    group: 'database',
    description:
      'how many distinct SQL statements a process prepares on the server (named, parsed and planned once per connection; a statement is named the second time it runs). `0` sends every statement unnamed: set it behind a pooler in transaction mode that does not track protocol-level prepared statements (PgBouncer before 1.21, or without `max_prepared_statements`)',
  }),
  keyringEnv: optional('SWITCHBOARD_KEYRING', {
    group: 'keys',
    docDefault: 'unset',
    description:
      'inline keyring `1:<base64 32 bytes>,2:<base64 32 bytes>`; the highest version encrypts new secrets. Read-only: a new version is added to the variable by hand, on every node',
  }),
  keyringFile: Type.Optional(
    Type.String({
      env: 'SWITCHBOARD_KEYRING_FILE',
      computed: true,
      group: 'keys',
      docDefault:
        '`$SWITCHBOARD_DATA_DIR/keyring.json` on the embedded database (created on first start when the key source is `keyring`; still read if it exists when a KMS replaced it); unset with `DATABASE_URL`',
      description: 'a keyring file (JSON, mode 0600, written atomically)',
    }),
  ),
  keys: KeysSchema,
  bootstrapToken: optional('SWITCHBOARD_BOOTSTRAP_TOKEN', {
    group: 'identity',
    docDefault: 'unset',
    description: 'becomes the vendor token on first start (`sbt_` + ≥22 url-safe base64 chars); otherwise one is generated and printed once',
  }),
  oidc: Type.Optional(OidcSchema),
  workerMode: oneOf('SWITCHBOARD_WORKER_MODE', ['inline', 'off'], 'inline', {
    group: 'runs',
    description: '`inline`: `serve` also executes runs; `off`: API only (run `switchboard worker` processes)',
  }),
  workerConcurrency: int('SWITCHBOARD_WORKER_CONCURRENCY', 4, 1, { group: 'runs', description: 'runs executed at once per process' }),
  runHeartbeatSeconds: int('SWITCHBOARD_RUN_HEARTBEAT_SECONDS', 5, 1, {
    group: 'runs',
    description: 'how often a worker renews the leases of the runs it holds',
  }),
  runLeaseSeconds: int('SWITCHBOARD_RUN_LEASE_SECONDS', 30, 2, {
    group: 'runs',
    description:
      "how long a run stays its worker's without a renewal: a running run whose lease expired, or a queued run whose job a worker took this long ago without claiming it, is ended as `failed` / `worker_lost` by the reaper. At least twice `SWITCHBOARD_RUN_HEARTBEAT_SECONDS`. A run whose worker died ends within this plus `SWITCHBOARD_RUN_REAPER_INTERVAL_SECONDS` (40 s with the defaults)",
  }),
  runReaperIntervalSeconds: int('SWITCHBOARD_RUN_REAPER_INTERVAL_SECONDS', 10, 1, {
    group: 'runs',
    description: 'how often each process looks for lost runs (one pass at a time across the cluster, under an advisory lock)',
  }),
  runMaxAttempts: int('SWITCHBOARD_RUN_MAX_ATTEMPTS', 3, 1, {
    group: 'runs',
    description:
      'how many times in all a run whose worker was lost is started, where its type is safe to retry (a run that kills its worker every time stops here); `1` never starts one again',
  }),
  microsoft: MicrosoftSchema,
  outbound: OutboundSchema,
  integrations: IntegrationsSchema,
  scim: ScimSchema,
  webhooks: WebhooksSchema,
  audit: AuditSchema,
  console: ConsoleSchema,
  authFailures: AuthFailuresSchema,
});

/**
 * Variables that were renamed: setting an old name stops the start with the new one, instead of
 * being ignored (which would put the deployment on the default without a word).
 */
export const RENAMED_VARIABLES: Record<string, string> = {
  SWITCHBOARD_RUN_STALE_SECONDS: 'SWITCHBOARD_RUN_LEASE_SECONDS',
};

export type Config = Static<typeof ConfigSchema>;
export type OidcConfig = Static<typeof OidcSchema>;
export type MicrosoftConfig = Static<typeof MicrosoftSchema>;
export type KeysConfig = Static<typeof KeysSchema>;
type OutboundConfig = Static<typeof OutboundSchema>;
type ScimConfig = Static<typeof ScimSchema>;
type IntegrationsConfig = Static<typeof IntegrationsSchema>;
type AuthFailuresConfig = Static<typeof AuthFailuresSchema>;
type AuditConfig = Static<typeof AuditSchema>;
type ConsoleConfig = Static<typeof ConsoleSchema>;
type WorkerMode = Config['workerMode'];
