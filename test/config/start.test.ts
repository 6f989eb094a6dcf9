// A bad configuration stops the real command at start with one line naming the variable (exit 1),
// before anything is opened or served: JSON values included, as promised by src/config.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'sb-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const dataDir = join(dir, String(Math.random()).slice(2));
  // Only what this test sets: no DATABASE_URL or other variable of the machine leaks in.
  const r = spawnSync(process.execPath, [MAIN, 'serve'], {
    env: { PATH: process.env.PATH ?? '', SWITCHBOARD_DATA_DIR: dataDir, PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, touched: existsSync(dataDir) };
}

describe('a bad configuration stops the process at start', () => {
  test('a role mapping naming no role', () => {
    const r = start({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: '{"Admins":"admin","Auditors":"auditor"}' });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, 'switchboard: SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: "Auditors" must be "owner", "admin", "operator" or "viewer", got "auditor"\n');
    assert.equal(r.stdout, '');
    assert.equal(r.touched, false, 'nothing was created: the data directory does not exist');
  });

  test('a provider base URL under an unknown key, or one that is not an http(s) URL (its text is not echoed)', () => {
    const unknown = start({ SWITCHBOARD_PROVIDER_BASE_URLS: '{"gihtub":"https://ghe.test/api/v3"}' });
    assert.equal(unknown.code, 1, unknown.stderr);
    assert.match(unknown.stderr, /^switchboard: SWITCHBOARD_PROVIDER_BASE_URLS: "gihtub" is not a known key \(known: github, [^\n]*\)\n$/);
    const bad = start({ SWITCHBOARD_PROVIDER_BASE_URLS: '{"jira":"https://ops:s3cret-pw@jira.test"}' });
    assert.equal(bad.code, 1, bad.stderr);
    assert.equal(bad.stderr, 'switchboard: SWITCHBOARD_PROVIDER_BASE_URLS: "jira" must be an http(s) URL without user info, query or fragment\n');
    assert.doesNotMatch(bad.stderr, /s3cret/);
  });

  test('JSON that does not parse, and a plain value out of range', () => {
    const json = start({ SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING: "{'Admins': 'admin'}" });
    assert.equal(json.code, 1, json.stderr);
    assert.equal(json.stderr, 'switchboard: SWITCHBOARD_SCIM_GROUP_ROLE_MAPPING must be valid JSON\n');
    const depth = start({ SWITCHBOARD_MAX_JSON_DEPTH: '0' });
    assert.equal(depth.code, 1, depth.stderr);
    assert.equal(depth.stderr, 'switchboard: SWITCHBOARD_MAX_JSON_DEPTH must be an integer >= 1, got "0"\n');
  });

  test('a built-in GitHub App key that does not load (its text is not echoed)', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtruncated-s3cret\n-----END RSA PRIVATE KEY-----\n';
    const r = start({ SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: key });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, 'switchboard: SWITCHBOARD_GITHUB_APP_PRIVATE_KEY is not a PEM-encoded RSA private key\n');
    assert.equal(r.stdout, '');
    assert.equal(r.touched, false, 'refused before anything was opened');
  });
});
