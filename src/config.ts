// The environment is parsed once, here, into a typed object; everything else receives it.
// A bad value stops the process at start with a message naming the variable, never later.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bool, ConfigError, int, json } from './config-parse.ts';
import { type KeysConfig, parseKeysConfig } from './config-keys.ts';

export type WorkerMode = 'inline' | 'off';

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** Defaults to the issuer's discovery document's jwks_uri. */
  jwksUrl?: string;
  workspaceClaim: string;
  roleClaim: string;
  emailClaim: string;
  /** Oldest JWT accepted, counted from its `iat` (0: no limit, `iat` then optional). */
  maxTokenAgeSeconds: number;
}

export interface MicrosoftConfig {
  /** Entra authority host, e.g. https://login.microsoftonline.com (tests: a loopback simulator). */
  authorityHost: string;
  /** Microsoft Graph base including the version, e.g. https://graph.microsoft.com/v1.0. */
  graphBaseUrl: string;
  /** The operator's multi-tenant app registration used by platform connections (never copied into a row). */
  platformClientId?: string;
  platformClientSecret?: string;
  /** Where Entra sends the admin-consent answer; defaults to <publicUrl>/admin/consent/callback. */
  consentRedirectUri: string;
  /** Optional page the consent callback redirects the browser to (with the outcome in the query). */
  consentReturnUrl?: string;
  /** Periodic health checks: interval and jitter in seconds; 0 turns them off. */
  healthCheckIntervalSeconds: number;
  healthCheckJitterSeconds: number;
  requestTimeoutMs: number;
}

export interface OutboundConfig {
  /** Operator overrides of provider base URLs (SWITCHBOARD_PROVIDER_BASE_URLS, a JSON object). */
  providerBaseUrls: Record<string, string>;
  /** Allow user-supplied URLs that resolve to private or loopback addresses (tests, on-prem services). */
  allowPrivateNetworks: boolean;
  timeoutMs: number;
}

export interface ScimConfig {
  /** How long the previous token keeps working after a rotation starts. */
  rotationGraceSeconds: number;
  maxResults: number;
  maxBulkOperations: number;
  /** SCIM group displayName → workspace role, for syncToUserManagement (JSON object). */
  groupRoleMapping: Record<string, string>;
  defaultRole: string;
  /** Largest /Bulk request body, in bytes (advertised as bulk.maxPayloadSize). */
  maxBulkPayloadBytes: number;
  /** Requests per minute per SCIM configuration (the SCIM endpoint has no principal to key on). */
  rateLimitPerMinute: number;
  /** Token → configuration ids a node remembers, so liveness is checked inside the request's transaction. */
  rememberedTokens: number;
}

export interface IntegrationsConfig {
  /** Platform health: how many project checks run at once, and how long one check may take. */
  healthConcurrency: number;
  healthCheckTimeoutMs: number;
}

export interface AuthFailuresConfig {
  /** Failed authentications per client address per window before it is refused (429); 0: off. */
  limit: number;
  windowSeconds: number;
}

export interface AuditConfig {
  /** Signed checkpoints: after this many events of a chain, or this many seconds (0: no checkpoints). */
  checkpointEveryEvents: number;
  checkpointIntervalSeconds: number;
  /** Where the file sink appends audit-checkpoints.ndjson (outside the database). */
  checkpointDir: string;
}

export interface ConsoleConfig {
  /** OIDC client id of the web console (a public client: authorization code + PKCE); unset = token sign-in only. */
  oidcClientId?: string;
  /** Scopes the console asks the issuer for. */
  oidcScopes: string;
  /** Where the built console is served from (tests and packaging may point elsewhere). */
  distDir: string;
}

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  /** Where the embedded default keeps its keyring (mode 0600), unless SWITCHBOARD_KEYRING is set. */
  keyringFile?: string;
  /** Keyring given inline (`1:<base64 32 bytes>,2:<base64>`); the highest version is active. */
  keyringEnv?: string;
  /** The key source settings: SWITCHBOARD_KEY_SOURCE, KMS backends, the key cache (config-keys.ts). */
  keys: KeysConfig;
  bootstrapToken?: string;
  oidc?: OidcConfig;
  workerMode: WorkerMode;
  workerConcurrency: number;
  /** A running run whose heartbeat is older than this is declared lost and finished. */
  runStaleSeconds: number;
  runHeartbeatSeconds: number;
  bodyLimitBytes: number;
  /** Deepest nesting of objects/arrays a JSON body may have (checked when it is parsed). */
  maxJsonDepth: number;
  rateLimitPerMinute: number;
  logLevel: string;
  dbPoolSize: number;
  /** Distinct statements prepared on a PostgreSQL server per process (0: none). */
  dbPreparedStatements: number;
  microsoft: MicrosoftConfig;
  outbound: OutboundConfig;
  scim: ScimConfig;
  integrations: IntegrationsConfig;
  authFailures: AuthFailuresConfig;
  console: ConsoleConfig;
  audit: AuditConfig;
}

export { ConfigError };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 3000);
  const host = env.HOST || '127.0.0.1';
  const dataDir = resolve(env.SWITCHBOARD_DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const keyringEnv = env.SWITCHBOARD_KEYRING || undefined;
  const embeddedKeyring = resolve(dataDir, 'keyring.json');
  const keys = parseKeysConfig(env);
  const keyringFile = env.SWITCHBOARD_KEYRING_FILE
    ? resolve(env.SWITCHBOARD_KEYRING_FILE)
    : databaseUrl
      ? undefined // a server deployment must name its key explicitly (see keySourcesFromConfig)
      : // the embedded default: created when it is the key source, still read when a KMS replaced it
        keys.source === 'keyring' || existsSync(embeddedKeyring)
        ? embeddedKeyring
        : undefined;
  const workerMode = (env.SWITCHBOARD_WORKER_MODE || 'inline') as WorkerMode;
  if (!['inline', 'off'].includes(workerMode)) {
    throw new ConfigError(`SWITCHBOARD_WORKER_MODE must be "inline" or "off", got "${workerMode}"`);
  }
  let oidc: OidcConfig | undefined;
  if (env.SWITCHBOARD_OIDC_ISSUER) {
    if (!env.SWITCHBOARD_OIDC_AUDIENCE) throw new ConfigError('SWITCHBOARD_OIDC_AUDIENCE is required with SWITCHBOARD_OIDC_ISSUER');
    oidc = {
      issuer: env.SWITCHBOARD_OIDC_ISSUER,
      audience: env.SWITCHBOARD_OIDC_AUDIENCE,
      jwksUrl: env.SWITCHBOARD_OIDC_JWKS_URL || undefined,
      workspaceClaim: env.SWITCHBOARD_OIDC_WORKSPACE_CLAIM || 'switchboard_workspace',
      roleClaim: env.SWITCHBOARD_OIDC_ROLE_CLAIM || 'switchboard_role',
      emailClaim: env.SWITCHBOARD_OIDC_EMAIL_CLAIM || 'email',
      maxTokenAgeSeconds: int(env, 'SWITCHBOARD_OIDC_MAX_TOKEN_AGE_SECONDS', 86400, 0),
    };
  }
  const publicUrl = (env.SWITCHBOARD_PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, '');
  return {
    host,
    port,
    publicUrl,
    databaseUrl,
    dataDir,
    keyringFile,
    keyringEnv,
    keys,
    bootstrapToken: env.SWITCHBOARD_BOOTSTRAP_TOKEN || undefined,
    oidc,
    workerMode,
    workerConcurrency: int(env, 'SWITCHBOARD_WORKER_CONCURRENCY', 4, 1),
    runStaleSeconds: int(env, 'SWITCHBOARD_RUN_STALE_SECONDS', 30, 2),
    runHeartbeatSeconds: int(env, 'SWITCHBOARD_RUN_HEARTBEAT_SECONDS', 5, 1),
    bodyLimitBytes: int(env, 'SWITCHBOARD_BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    maxJsonDepth: int(env, 'SWITCHBOARD_MAX_JSON_DEPTH', 64, 1),
    rateLimitPerMinute: int(env, 'SWITCHBOARD_RATE_LIMIT_PER_MINUTE', 6000, 1),
    logLevel: env.LOG_LEVEL || 'info',
    dbPoolSize: int(env, 'SWITCHBOARD_DB_POOL_SIZE', 10, 1),
    dbPreparedStatements: int(env, 'SWITCHBOARD_DB_PREPARED_STATEMENTS', 500, 0),
    microsoft: {
      authorityHost: (env.SWITCHBOARD_MS_AUTHORITY_HOST || 'https://login.microsoftonline.com').replace(/\/$/, ''),
      graphBaseUrl: (env.SWITCHBOARD_MS_GRAPH_BASE_URL || 'https://graph.microsoft.com/v1.0').replace(/\/$/, ''),
      platformClientId: env.SWITCHBOARD_MS_PLATFORM_CLIENT_ID || undefined,
      platformClientSecret: env.SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET || undefined,
      consentRedirectUri: env.SWITCHBOARD_MS_CONSENT_REDIRECT_URI || `${publicUrl}/admin/consent/callback`,
      consentReturnUrl: env.SWITCHBOARD_MS_CONSENT_RETURN_URL || undefined,
      healthCheckIntervalSeconds: int(env, 'SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS', 3600, 0),
      healthCheckJitterSeconds: int(env, 'SWITCHBOARD_HEALTH_CHECK_JITTER_SECONDS', 300, 0),
      requestTimeoutMs: int(env, 'SWITCHBOARD_MS_TIMEOUT_MS', 10000, 100),
    },
    outbound: {
      providerBaseUrls: json<Record<string, string>>(env, 'SWITCHBOARD_PROVIDER_BASE_URLS', {}),
      allowPrivateNetworks: bool(env, 'SWITCHBOARD_ALLOW_PRIVATE_NETWORKS', false),
      timeoutMs: int(env, 'SWITCHBOARD_OUTBOUND_TIMEOUT_MS', 10000, 100),
    },
    scim: {
      rotationGraceSeconds: int(env, 'SWITCHBOARD_SCIM_ROTATION_GRACE_SECONDS', 86400, 0),
      maxResults: int(env, 'SWITCHBOARD_SCIM_MAX_RESULTS', 200, 1),
      maxBulkOperations: int(env, 'SWITCHBOARD_SCIM_MAX_BULK_OPERATIONS', 100, 1),
      groupRoleMapping: json<Record<string, string>>(env, 'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING', {}),
      defaultRole: env.SWITCHBOARD_SCIM_DEFAULT_ROLE || 'viewer',
      maxBulkPayloadBytes: int(env, 'SWITCHBOARD_SCIM_MAX_BULK_PAYLOAD_BYTES', 1024 * 1024, 1024),
      rateLimitPerMinute: int(env, 'SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE', int(env, 'SWITCHBOARD_RATE_LIMIT_PER_MINUTE', 6000, 1), 1),
      rememberedTokens: int(env, 'SWITCHBOARD_SCIM_REMEMBERED_TOKENS', 10000, 0),
    },
    authFailures: {
      limit: int(env, 'SWITCHBOARD_AUTH_FAILURE_LIMIT', 50, 0),
      windowSeconds: int(env, 'SWITCHBOARD_AUTH_FAILURE_WINDOW_SECONDS', 300, 1),
    },
    integrations: {
      healthConcurrency: int(env, 'SWITCHBOARD_INTEGRATIONS_HEALTH_CONCURRENCY', 8, 1),
      healthCheckTimeoutMs: int(env, 'SWITCHBOARD_INTEGRATIONS_HEALTH_TIMEOUT_MS', 15000, 100),
    },
    audit: {
      checkpointEveryEvents: int(env, 'SWITCHBOARD_AUDIT_CHECKPOINT_EVERY_EVENTS', 1000, 1),
      checkpointIntervalSeconds: int(env, 'SWITCHBOARD_AUDIT_CHECKPOINT_INTERVAL_SECONDS', 60, 0),
      checkpointDir: resolve(env.SWITCHBOARD_AUDIT_CHECKPOINT_DIR || resolve(dataDir, 'audit-checkpoints')),
    },
    console: {
      oidcClientId: env.SWITCHBOARD_OIDC_CONSOLE_CLIENT_ID || undefined,
      oidcScopes: env.SWITCHBOARD_OIDC_CONSOLE_SCOPES || 'openid email',
      distDir: resolve(env.SWITCHBOARD_CONSOLE_DIST_DIR || fileURLToPath(new URL('../console/dist', import.meta.url))),
    },
  };
}
