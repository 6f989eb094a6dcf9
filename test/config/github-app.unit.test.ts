// The built-in GitHub App's variables: loaded at start or refused with one line that names the
// variable and never repeats the key. The same check runs inside loadConfig, so the real command
// stops before anything is opened (test/config/start.test.ts).
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { builtinGithubAppFrom } from '../../src/config/github-app.ts';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS1 = pair.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string;
const PKCS8 = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const EC = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'sb-gh-app-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const env = (vars: Record<string, string>) => ({ SWITCHBOARD_DATA_DIR: dir, ...vars }) as NodeJS.ProcessEnv;

function refusal(vars: Record<string, string>): string {
  try {
    loadConfig(env(vars));
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.doesNotMatch(err.message, /\n/, 'one line');
    assert.doesNotMatch(err.message, /BEGIN|PRIVATE KEY|MII/, 'the key is not repeated');
    return err.message;
  }
  assert.fail('accepted');
}

describe('SWITCHBOARD_GITHUB_APP_*', () => {
  test('unset: no built-in App', () => {
    assert.equal(builtinGithubAppFrom(loadConfig(env({})).integrations), null);
  });

  test('an inline key (PKCS#1, PKCS#8, or one line with \\n escapes) or a key file', () => {
    for (const key of [PKCS1, PKCS8, PKCS1.replace(/\n/g, '\\n')]) {
      const app = builtinGithubAppFrom(loadConfig(env({ SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: key })).integrations);
      assert.equal(app?.appId, '4242');
      assert.equal(app?.key.asymmetricKeyType, 'rsa');
    }
    const file = join(dir, 'app.pem');
    writeFileSync(file, PKCS1, { mode: 0o600 });
    const fromFile = builtinGithubAppFrom(loadConfig(env({ SWITCHBOARD_GITHUB_APP_ID: '7', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE: file })).integrations);
    assert.equal(fromFile?.appId, '7');
  });

  test('a malformed key, a key that is not RSA, an unreadable file: one line naming the variable', () => {
    assert.equal(
      refusal({ SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: PKCS1.slice(0, 200) }),
      'SWITCHBOARD_GITHUB_APP_PRIVATE_KEY is not a PEM-encoded RSA private key',
    );
    assert.equal(
      refusal({ SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: EC }),
      'SWITCHBOARD_GITHUB_APP_PRIVATE_KEY is not a PEM-encoded RSA private key',
    );
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a key at all');
    assert.equal(
      refusal({ SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE: garbage }),
      'SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE is not a PEM-encoded RSA private key',
    );
    assert.equal(
      refusal({ SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE: join(dir, 'absent.pem') }),
      `SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE: cannot read ${join(dir, 'absent.pem')} (ENOENT)`,
    );
  });

  test('half an App, both key sources, an id that is not numeric', () => {
    assert.equal(
      refusal({ SWITCHBOARD_GITHUB_APP_ID: '4242' }),
      'SWITCHBOARD_GITHUB_APP_PRIVATE_KEY or SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE is required with SWITCHBOARD_GITHUB_APP_ID',
    );
    assert.equal(refusal({ SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: PKCS1 }), 'SWITCHBOARD_GITHUB_APP_PRIVATE_KEY is set but SWITCHBOARD_GITHUB_APP_ID is not');
    assert.equal(
      refusal({ SWITCHBOARD_GITHUB_APP_ID: '4242', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: PKCS1, SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE: '/x' }),
      'give SWITCHBOARD_GITHUB_APP_PRIVATE_KEY or SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE, not both',
    );
    assert.equal(
      refusal({ SWITCHBOARD_GITHUB_APP_ID: 'my-app', SWITCHBOARD_GITHUB_APP_PRIVATE_KEY: PKCS1 }),
      'SWITCHBOARD_GITHUB_APP_ID must be the App\'s numeric id, got "my-app"',
    );
  });
});
