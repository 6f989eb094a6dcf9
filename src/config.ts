// The environment is parsed once, here, into a typed object; everything else receives it.
// A bad value stops the process at start with a message naming the variable, never later.
import { resolve } from 'node:path';

export type WorkerMode = 'inline' | 'off';

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** Defaults to the issuer's discovery document's jwks_uri. */
  jwksUrl?: string;
  workspaceClaim: string;
  roleClaim: string;
  emailClaim: string;
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
  bootstrapToken?: string;
  oidc?: OidcConfig;
  workerMode: WorkerMode;
  workerConcurrency: number;
  /** A running run whose heartbeat is older than this is declared lost and finished. */
  runStaleSeconds: number;
  runHeartbeatSeconds: number;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  logLevel: string;
  dbPoolSize: number;
}

export class ConfigError extends Error {
  readonly code = 'config.invalid';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 3000);
  const host = env.HOST || '127.0.0.1';
  const dataDir = resolve(env.SWITCHBOARD_DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const keyringEnv = env.SWITCHBOARD_KEYRING || undefined;
  const keyringFile = env.SWITCHBOARD_KEYRING_FILE
    ? resolve(env.SWITCHBOARD_KEYRING_FILE)
    : databaseUrl
      ? undefined // a server deployment must name its key explicitly (see loadKeyring)
      : resolve(dataDir, 'keyring.json');
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
    };
  }
  return {
    host,
    port,
    publicUrl: (env.SWITCHBOARD_PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, ''),
    databaseUrl,
    dataDir,
    keyringFile,
    keyringEnv,
    bootstrapToken: env.SWITCHBOARD_BOOTSTRAP_TOKEN || undefined,
    oidc,
    workerMode,
    workerConcurrency: int(env, 'SWITCHBOARD_WORKER_CONCURRENCY', 4, 1),
    runStaleSeconds: int(env, 'SWITCHBOARD_RUN_STALE_SECONDS', 30, 2),
    runHeartbeatSeconds: int(env, 'SWITCHBOARD_RUN_HEARTBEAT_SECONDS', 5, 1),
    bodyLimitBytes: int(env, 'SWITCHBOARD_BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    rateLimitPerMinute: int(env, 'SWITCHBOARD_RATE_LIMIT_PER_MINUTE', 6000, 1),
    logLevel: env.LOG_LEVEL || 'info',
    dbPoolSize: int(env, 'SWITCHBOARD_DB_POOL_SIZE', 10, 1),
  };
}
