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

const at = (obj: unknown, path: string[]) => path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

describe('configuration: the schema is the one list', () => {
  test('with nothing set, every variable that has a literal default gets exactly it', () => {
    // The issuer and audience have no default; with them set, the OIDC group's defaults apply too.
    const c = load({ SWITCHBOARD_OIDC_ISSUER: 'https://idp.test', SWITCHBOARD_OIDC_AUDIENCE: 'api' });
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
});
