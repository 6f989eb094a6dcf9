// loadConfig against the schema: every default is the schema's, every kind of value is parsed and
// checked with a one-line message naming the variable (JSON values included), and the defaults
// computed from other variables come out as documented.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { variablesOf } from '../../src/config/read-environment.ts';
import { ConfigSchema } from '../../src/config/schema.ts';

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv);

/** The ConfigError a bad environment stops with: one line, naming the variable. */
function refusal(env: Record<string, string>): string {
  try {
    load(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    assert.equal(err.code, 'config.invalid');
    assert.doesNotMatch(err.message, /\n/, 'one line');
    return err.message;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

/** Every KMS key source configured, with just what each requires. */
const ALL_KMS = {
  SWITCHBOARD_AWS_KMS_KEY_ID: 'alias/sb',
  SWITCHBOARD_AWS_KMS_REGION: 'eu-west-1',
  SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID: 'https://v.vault.azure.net/keys/sb',
  SWITCHBOARD_AZURE_TENANT_ID: 't',
  SWITCHBOARD_AZURE_CLIENT_ID: 'c',
  SWITCHBOARD_AZURE_CLIENT_SECRET: 's',
  SWITCHBOARD_GCP_KMS_KEY_NAME: 'projects/p/locations/l/keyRings/r/cryptoKeys/k',
  SWITCHBOARD_VAULT_TRANSIT_KEY: 'sb',
  SWITCHBOARD_VAULT_ADDR: 'https://vault.test:8200',
  SWITCHBOARD_VAULT_TOKEN: 'hvs.x',
};

const at = (obj: unknown, path: string[]) => path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

describe('configuration: the schema is the one list', () => {
  test('with nothing set, every variable that has a literal default gets exactly it', () => {
    // The issuer and audience have no default; with them set, the OIDC group's defaults apply too
    // (and likewise each KMS key source's, with the variables it requires).
    const c = load({ SWITCHBOARD_OIDC_ISSUER: 'https://idp.test', SWITCHBOARD_OIDC_AUDIENCE: 'api', ...ALL_KMS });
    const withDefault = variablesOf(ConfigSchema).filter((v) => v.schema.default !== undefined);
    assert.ok(withDefault.length >= 39, `${withDefault.length} variables with defaults`);
    for (const v of withDefault) {
      const expected = v.schema.env === 'SWITCHBOARD_DATA_DIR' ? resolve(String(v.schema.default)) : v.schema.default;
      assert.deepEqual(at(c, v.path), expected, v.schema.env);
    }
  });

  test('every variable name appears once, and each leaf has a description and a documentation group', () => {
    const vars = variablesOf(ConfigSchema);
    const names = vars.map((v) => v.schema.env);
    assert.equal(new Set(names).size, names.length);
    for (const v of vars) {
      assert.ok(v.schema.description.length > 5, `${v.schema.env} has a description`);
      assert.ok(v.schema.group, `${v.schema.env} has a group`);
    }
  });

  test('integers, booleans and one-of values are parsed and checked, naming the variable', () => {
    assert.equal(load({ PORT: '8080' }).port, 8080);
    assert.equal(refusal({ PORT: 'eighty' }), 'PORT must be an integer >= 0, got "eighty"');
    assert.equal(refusal({ SWITCHBOARD_WORKER_CONCURRENCY: '0' }), 'SWITCHBOARD_WORKER_CONCURRENCY must be an integer >= 1, got "0"');
    assert.equal(refusal({ SWITCHBOARD_RUN_LEASE_SECONDS: '1.5' }), 'SWITCHBOARD_RUN_LEASE_SECONDS must be an integer >= 2, got "1.5"');
    assert.equal(load({ SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'yes' }).outbound.allowPrivateNetworks, true);
    assert.equal(load({ SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'OFF' }).outbound.allowPrivateNetworks, false);
    assert.equal(refusal({ SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'maybe' }), 'SWITCHBOARD_ALLOW_PRIVATE_NETWORKS must be true or false, got "maybe"');
    assert.equal(load({ SWITCHBOARD_WORKER_MODE: 'off' }).workerMode, 'off');
    assert.equal(refusal({ SWITCHBOARD_WORKER_MODE: 'on' }), 'SWITCHBOARD_WORKER_MODE must be "inline" or "off", got "on"');
    assert.equal(
      refusal({ SWITCHBOARD_SCIM_DEFAULT_ROLE: 'root' }),
      'SWITCHBOARD_SCIM_DEFAULT_ROLE must be "owner", "admin", "operator" or "viewer", got "root"',
    );
    assert.match(refusal({ LOG_LEVEL: 'loud' }), /^LOG_LEVEL must be "fatal", .* or "silent", got "loud"$/);
    // An empty variable is an unset one.
    assert.equal(load({ PORT: '', SWITCHBOARD_WORKER_MODE: '' }).port, 3000);
  });

  test('run leases: at least two heartbeats long; the old name of the variable is refused, not ignored', () => {
    assert.deepEqual([load({}).runLeaseSeconds, load({}).runHeartbeatSeconds, load({}).runReaperIntervalSeconds, load({}).runMaxAttempts], [30, 5, 10, 3]);
    assert.equal(load({ SWITCHBOARD_RUN_LEASE_SECONDS: '10' }).runLeaseSeconds, 10);
    assert.equal(
      refusal({ SWITCHBOARD_RUN_LEASE_SECONDS: '9' }),
      'SWITCHBOARD_RUN_LEASE_SECONDS (9) must be at least twice SWITCHBOARD_RUN_HEARTBEAT_SECONDS (5)',
    );
    assert.match(refusal({ SWITCHBOARD_RUN_STALE_SECONDS: '30' }), /SWITCHBOARD_RUN_STALE_SECONDS was renamed to SWITCHBOARD_RUN_LEASE_SECONDS/);
  });

  test('SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: roles only, one role per group name in any case; kept in lower case', () => {
    assert.deepEqual(load({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '{"Admins":"admin","ops":"operator"}' }).scim.groupRoleMapping, {
      admins: 'admin',
      ops: 'operator',
    });
    assert.equal(
      refusal({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '{"Admins":"admin","Bogus":"superuser"}' }),
      'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: "Bogus" must be "owner", "admin", "operator" or "viewer", got "superuser"',
    );
    assert.equal(
      refusal({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '{"Admins":"admin","ADMINS":"viewer"}' }),
      'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: "Admins" and "ADMINS" name the same group (names match in any case) with different roles',
    );
    assert.deepEqual(load({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '{"Admins":"admin","ADMINS":"admin"}' }).scim.groupRoleMapping, { admins: 'admin' });
    assert.equal(refusal({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '["admin"]' }), 'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING must be a JSON object');
    assert.equal(refusal({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '{"Admins":' }), 'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING must be valid JSON');
    assert.equal(
      refusal({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '{"Admins":1}' }),
      'SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: "Admins" must be "owner", "admin", "operator" or "viewer", got 1',
    );
  });

  test('SWITCHBOARD_PROVIDER_BASE_URLS: known keys and http(s) URLs only; a value is never repeated (it may hold a password)', () => {
    const urls = { github: 'https://ghe.internal/api/v3', ai_amazon_bedrock: 'https://bedrock.{region}.amazonaws.com', entra: 'http://127.0.0.1:4000' };
    assert.deepEqual(load({ SWITCHBOARD_PROVIDER_BASE_URLS: JSON.stringify(urls) }).outbound.providerBaseUrls, urls);
    assert.match(
      refusal({ SWITCHBOARD_PROVIDER_BASE_URLS: '{"githb":"https://x.test"}' }),
      /^SWITCHBOARD_PROVIDER_BASE_URLS: "githb" is not a known key \(known: github, .*newrelic_eu\)$/,
    );
    const withPassword = refusal({ SWITCHBOARD_PROVIDER_BASE_URLS: '{"jira":"https://ops:hunter2@jira.test"}' });
    assert.equal(withPassword, 'SWITCHBOARD_PROVIDER_BASE_URLS: "jira" must be an http(s) URL without user info, query or fragment');
    assert.equal(
      refusal({ SWITCHBOARD_PROVIDER_BASE_URLS: '{"npm":"ftp://registry.test"}' }),
      'SWITCHBOARD_PROVIDER_BASE_URLS: "npm" must be an http(s) URL without user info, query or fragment',
    );
    assert.equal(refusal({ SWITCHBOARD_PROVIDER_BASE_URLS: '{"npm":42}' }), 'SWITCHBOARD_PROVIDER_BASE_URLS: "npm" must be a string');
    assert.equal(refusal({ SWITCHBOARD_PROVIDER_BASE_URLS: '"https://x.test"' }), 'SWITCHBOARD_PROVIDER_BASE_URLS must be a JSON object');
  });

  test('OIDC exists only with an issuer, and then needs an audience', () => {
    assert.equal(load({ SWITCHBOARD_OIDC_AUDIENCE: 'api' }).oidc, undefined);
    assert.equal(refusal({ SWITCHBOARD_OIDC_ISSUER: 'https://idp.test' }), 'SWITCHBOARD_OIDC_AUDIENCE is required with SWITCHBOARD_OIDC_ISSUER');
    assert.deepEqual(load({ SWITCHBOARD_OIDC_ISSUER: 'https://idp.test', SWITCHBOARD_OIDC_AUDIENCE: 'api' }).oidc, {
      issuer: 'https://idp.test',
      audience: 'api',
      workspaceClaim: 'switchboard_workspace',
      roleClaim: 'switchboard_role',
      emailClaim: 'email',
      maxTokenAgeSeconds: 86400,
    });
  });

  test('defaults computed from other variables', () => {
    const c = load({ HOST: '0.0.0.0', PORT: '8080', SWITCHBOARD_DATA_DIR: '/srv/sb', SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '120' });
    assert.equal(c.publicUrl, 'http://127.0.0.1:8080');
    assert.equal(c.microsoft.consentRedirectUri, 'http://127.0.0.1:8080/admin/consent/callback');
    assert.equal(c.keyringFile, '/srv/sb/keyring.json');
    assert.equal(c.audit.checkpointDir, '/srv/sb/audit-checkpoints');
    assert.equal(c.scim.rateLimitPerMinute, 120);
    const server = load({
      DATABASE_URL: 'postgres://sb@db.test/sb',
      SWITCHBOARD_PUBLIC_URL: 'https://sb.test/',
      SWITCHBOARD_MS_AUTHORITY_HOST: 'https://login.test/',
    });
    assert.equal(server.keyringFile, undefined, 'a server deployment names its key explicitly');
    assert.equal(server.publicUrl, 'https://sb.test');
    assert.equal(server.microsoft.authorityHost, 'https://login.test');
    assert.equal(server.microsoft.consentRedirectUri, 'https://sb.test/admin/consent/callback');
    assert.equal(load({ SWITCHBOARD_KEYRING_FILE: 'keys.json', DATABASE_URL: 'postgres://x' }).keyringFile, resolve('keys.json'));
    assert.equal(load({ SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE: '60' }).scim.rateLimitPerMinute, 60);
  });
  test('key sources: fractional seconds, defaults computed from the TTL, each KMS present only with its key and then complete', () => {
    const c = load({});
    assert.deepEqual(
      { source: c.keys.source, ttl: c.keys.cacheTtlSeconds, refresh: c.keys.refreshSeconds, retry: c.keys.retrySeconds, aws: c.keys.aws, vault: c.keys.vault },
      { source: 'keyring', ttl: 600, refresh: 60, retry: 5, aws: undefined, vault: undefined },
    );
    const short = load({ SWITCHBOARD_KEY_CACHE_TTL_SECONDS: '0.8' }).keys;
    assert.deepEqual([short.cacheTtlSeconds, short.refreshSeconds, short.retrySeconds], [0.8, 0.2, 0.2]);
    assert.equal(refusal({ SWITCHBOARD_KEY_CACHE_TTL_SECONDS: '0.01' }), 'SWITCHBOARD_KEY_CACHE_TTL_SECONDS must be a number >= 0.1, got "0.01"');
    assert.equal(refusal({ SWITCHBOARD_KEY_CACHE_TTL_SECONDS: 'soon' }), 'SWITCHBOARD_KEY_CACHE_TTL_SECONDS must be a number >= 0.1, got "soon"');
    assert.match(
      refusal({ SWITCHBOARD_KEY_CACHE_TTL_SECONDS: '10', SWITCHBOARD_KEY_REFRESH_SECONDS: '10' }),
      /^SWITCHBOARD_KEY_REFRESH_SECONDS must be shorter than/,
    );
    assert.match(refusal({ SWITCHBOARD_KEY_SOURCE: 'hsm' }), /^SWITCHBOARD_KEY_SOURCE must be "keyring", "aws-kms", .* or "vault-transit", got "hsm"$/);
    assert.match(refusal({ SWITCHBOARD_KEY_SOURCE: 'aws-kms' }), /^SWITCHBOARD_KEY_SOURCE=aws-kms but that source is not configured/);
    // The embedded keyring file is not made up for a KMS-only node (it is still read if it exists).
    assert.equal(
      load({ SWITCHBOARD_KEY_SOURCE: 'gcp-kms', SWITCHBOARD_GCP_KMS_KEY_NAME: 'k', SWITCHBOARD_DATA_DIR: '/nonexistent/sb' }).keyringFile,
      undefined,
    );

    assert.equal(refusal({ SWITCHBOARD_AWS_KMS_KEY_ID: 'alias/sb' }), 'SWITCHBOARD_AWS_KMS_REGION (or AWS_REGION) is required with SWITCHBOARD_AWS_KMS_KEY_ID');
    assert.equal(load({ SWITCHBOARD_AWS_KMS_KEY_ID: 'alias/sb', AWS_REGION: 'us-east-2' }).keys.aws?.region, 'us-east-2');
    assert.equal(
      load({ SWITCHBOARD_AWS_KMS_KEY_ID: 'alias/sb', AWS_REGION: 'us-east-2', SWITCHBOARD_AWS_KMS_REGION: 'eu-north-1' }).keys.aws?.region,
      'eu-north-1',
    );
    assert.equal(
      refusal({ SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID: 'https://v.vault.azure.net/keys/sb' }),
      'SWITCHBOARD_AZURE_TENANT_ID is required with SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID',
    );
    assert.equal(
      refusal({ ...ALL_KMS, SWITCHBOARD_AZURE_KEY_VAULT_ALGORITHM: 'RSA1_5' }),
      'SWITCHBOARD_AZURE_KEY_VAULT_ALGORITHM must be "RSA-OAEP-256" or "A256KW", got "RSA1_5"',
    );

    assert.equal(refusal({ SWITCHBOARD_VAULT_TRANSIT_KEY: 'sb' }), 'SWITCHBOARD_VAULT_ADDR is required with SWITCHBOARD_VAULT_TRANSIT_KEY');
    const vault = { SWITCHBOARD_VAULT_TRANSIT_KEY: 'sb', SWITCHBOARD_VAULT_ADDR: 'https://vault.test:8200/' };
    assert.match(refusal(vault), /^Vault token auth needs SWITCHBOARD_VAULT_TOKEN or SWITCHBOARD_VAULT_TOKEN_FILE$/);
    const approle = load({
      ...vault,
      SWITCHBOARD_VAULT_ROLE_ID: 'r',
      SWITCHBOARD_VAULT_SECRET_ID_FILE: 'sid',
      SWITCHBOARD_VAULT_TRANSIT_MOUNT: '/kms/transit/',
    }).keys.vault!;
    assert.deepEqual(
      { auth: approle.auth, addr: approle.addr, mount: approle.mount, secretIdFile: approle.secretIdFile, approleMount: approle.approleMount },
      { auth: 'approle', addr: 'https://vault.test:8200', mount: 'kms/transit', secretIdFile: resolve('sid'), approleMount: 'approle' },
    );
    assert.match(refusal({ ...vault, SWITCHBOARD_VAULT_ROLE_ID: 'r' }), /^AppRole needs SWITCHBOARD_VAULT_SECRET_ID or SWITCHBOARD_VAULT_SECRET_ID_FILE$/);
    assert.equal(
      refusal({ ...vault, SWITCHBOARD_VAULT_AUTH: 'approle', SWITCHBOARD_VAULT_SECRET_ID: 's' }),
      'SWITCHBOARD_VAULT_ROLE_ID is required with SWITCHBOARD_VAULT_AUTH=approle',
    );
    assert.equal(refusal({ ...vault, SWITCHBOARD_VAULT_AUTH: 'ldap' }), 'SWITCHBOARD_VAULT_AUTH must be "token" or "approle", got "ldap"');
  });
});
