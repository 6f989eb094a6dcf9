// The environment is parsed once, here, into a typed object; everything else receives it (or the
// part of it it uses). What each variable is — type, default, validation, description — is the
// one list in config/schema.ts; this file adds the defaults computed from other variables and
// turns paths into absolute ones. A bad value stops the process at start with a one-line message
// naming the variable, never later.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { builtinGithubAppFrom } from './config/github-app.ts';
import { ConfigError, readEnvironment } from './config/read-environment.ts';
import { type Config, ConfigSchema, type KeysConfig, RENAMED_VARIABLES } from './config/schema.ts';

export { ConfigError } from './config/read-environment.ts';
export type {
  Config,
  MicrosoftConfig,
  OidcConfig,
} from './config/schema.ts';

const noTrailingSlash = (url: string) => url.replace(/\/$/, '');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  for (const [old, now] of Object.entries(RENAMED_VARIABLES))
    if (env[old] !== undefined) throw new ConfigError(`${old} was renamed to ${now} (same meaning); set that instead`);
  const c = readEnvironment(ConfigSchema, env) as Config;
  // One missed heartbeat must not cost a healthy worker its runs.
  if (c.runLeaseSeconds < 2 * c.runHeartbeatSeconds)
    throw new ConfigError(
      `SWITCHBOARD_RUN_LEASE_SECONDS (${c.runLeaseSeconds}) must be at least twice SWITCHBOARD_RUN_HEARTBEAT_SECONDS (${c.runHeartbeatSeconds})`,
    );
  c.dataDir = resolve(c.dataDir);
  c.publicUrl = noTrailingSlash(c.publicUrl ?? `http://${c.host === '0.0.0.0' ? '127.0.0.1' : c.host}:${c.port}`);
  // A server deployment must name its key explicitly (see keySourcesFromConfig); the embedded one
  // keeps it in the data directory: created when it is the key source, still read when a KMS replaced it.
  const embeddedKeyring = resolve(c.dataDir, 'keyring.json');
  if (c.keyringFile !== undefined) c.keyringFile = resolve(c.keyringFile);
  else if (!c.databaseUrl && (c.keys.source === 'keyring' || existsSync(embeddedKeyring))) c.keyringFile = embeddedKeyring;
  completeKeys(c.keys, env);
  c.microsoft.authorityHost = noTrailingSlash(c.microsoft.authorityHost);
  c.microsoft.graphBaseUrl = noTrailingSlash(c.microsoft.graphBaseUrl);
  c.microsoft.consentRedirectUri ??= `${c.publicUrl}/admin/consent/callback`;
  c.scim.rateLimitPerMinute ??= c.rateLimitPerMinute;
  c.workspaceRateLimitPerMinute ??= 5 * c.rateLimitPerMinute;
  c.addressRateLimitPerMinute ??= c.rateLimitPerMinute;
  // Group names are matched in any case: the mapping is kept in lower case.
  c.scim.groupRoleMapping = Object.fromEntries(Object.entries(c.scim.groupRoleMapping).map(([group, role]) => [group.toLowerCase(), role]));
  c.audit.checkpointDir = resolve(c.audit.checkpointDir ?? resolve(c.dataDir, 'audit-checkpoints'));
  c.console.distDir = resolve(c.console.distDir ?? fileURLToPath(new URL('../console/dist', import.meta.url)));
  // The built-in GitHub App's key is loaded here once only to refuse a bad one before anything
  // starts; the integrations module loads it again for use.
  builtinGithubAppFrom(c.integrations);
  // Every leaf is set now; what is not what the schema says is a bug here, not a bad variable.
  if (!Value.Check(ConfigSchema, c))
    throw new ConfigError(`the configuration does not match its schema: ${Value.Errors(ConfigSchema, c)[0]?.message ?? 'unknown'}`);
  return c;
}

/** The key source settings that depend on each other (docs/configuration.md, "Keys"). */
function completeKeys(k: KeysConfig, env: NodeJS.ProcessEnv) {
  k.refreshSeconds ??= Math.min(60, k.cacheTtlSeconds / 4);
  k.retrySeconds ??= Math.min(5, k.refreshSeconds);
  if (k.refreshSeconds >= k.cacheTtlSeconds) {
    throw new ConfigError(
      'SWITCHBOARD_KEY_REFRESH_SECONDS must be shorter than SWITCHBOARD_KEY_CACHE_TTL_SECONDS (a key must be refreshed before its cache runs out)',
    );
  }
  if (k.aws) {
    // The AWS SDK's own variables are the fallback, as its region chain would be.
    const region = k.aws.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION);
    if (!region) throw new ConfigError('SWITCHBOARD_AWS_KMS_REGION (or AWS_REGION) is required with SWITCHBOARD_AWS_KMS_KEY_ID');
    k.aws.region = region;
  }
  if (k.azure) {
    k.azure.authorityHost = noTrailingSlash(k.azure.authorityHost);
    if (k.azure.caFile) k.azure.caFile = resolve(k.azure.caFile);
  }
  if (k.gcp?.credentialsFile) k.gcp.credentialsFile = resolve(k.gcp.credentialsFile);
  const v = k.vault;
  if (v) {
    v.addr = noTrailingSlash(v.addr);
    v.mount = v.mount.replace(/^\/+|\/+$/g, '');
    v.approleMount = v.approleMount.replace(/^\/+|\/+$/g, '');
    v.auth ??= v.roleId ? 'approle' : 'token';
    for (const f of ['tokenFile', 'secretIdFile', 'caFile'] as const) if (v[f]) v[f] = resolve(v[f]);
    if (v.auth === 'approle') {
      if (!v.roleId) throw new ConfigError('SWITCHBOARD_VAULT_ROLE_ID is required with SWITCHBOARD_VAULT_AUTH=approle');
      if (!v.secretId && !v.secretIdFile) throw new ConfigError('AppRole needs SWITCHBOARD_VAULT_SECRET_ID or SWITCHBOARD_VAULT_SECRET_ID_FILE');
    } else if (!v.token && !v.tokenFile) {
      throw new ConfigError('Vault token auth needs SWITCHBOARD_VAULT_TOKEN or SWITCHBOARD_VAULT_TOKEN_FILE');
    }
  }
  const configured = { keyring: true, 'aws-kms': !!k.aws, 'azure-key-vault': !!k.azure, 'gcp-kms': !!k.gcp, 'vault-transit': !!k.vault };
  if (!configured[k.source]) throw new ConfigError(`SWITCHBOARD_KEY_SOURCE=${k.source} but that source is not configured (see docs/configuration.md, "Keys")`);
}
