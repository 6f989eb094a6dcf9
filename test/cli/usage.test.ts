// The command line as a newcomer meets it (issue 18): a bare `switchboard` prints the usage and
// starts nothing; an unknown command says so and exits 2; every command has its --help (read
// without the configuration); every failure is one line naming the variable or file to fix, with
// no stack trace; each command says which data directory and database it uses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}, entry = 'src/main.ts') {
  const base = { ...process.env } as Record<string, string | undefined>;
  for (const k of Object.keys(base)) if (k.startsWith('SWITCHBOARD_') || k === 'DATABASE_URL' || k === 'LOG_LEVEL') delete base[k];
  const r = spawnSync(process.execPath, [join(ROOT, entry), ...args], {
    env: { ...base, SWITCHBOARD_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The failure is exactly one line on stderr (after the line saying where the command looked), no stack. */
function oneLineFailure(r: { code: number | null; stderr: string }) {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('switchboard: data directory'));
  assert.equal(lines.length, 1, `more than one line:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
  return lines[0];
}

const COMMANDS = ['serve', 'worker', 'migrate', 'keys', 'audit', 'vendor-token', 'demo'];

describe('switchboard usage', () => {
  test('a bare switchboard prints the usage, lists every command and starts nothing (the bin shim too)', () => {
    for (const entry of ['src/main.ts', 'bin/switchboard.mjs']) {
      const r = run([], {}, entry);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^usage: switchboard <command>/);
      for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
      assert.doesNotMatch(r.stdout + r.stderr, /listening/i);
    }
  });

  test('an unknown command says so in one line and exits 2', () => {
    const r = run(['frobnicate']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), 'switchboard: unknown command "frobnicate"; "switchboard --help" lists the commands');
    assert.equal(run(['help', 'frobnicate']).code, 2);
  });

  test('every command has its --help, read without the configuration (even a bad one)', () => {
    for (const c of COMMANDS) {
      for (const args of [
        [c, '--help'],
        ['help', c],
        [c, '-h'],
      ]) {
        const r = run(args, { LOG_LEVEL: 'verbose' });
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^usage: switchboard ${c}\\b`), args.join(' '));
      }
    }
    assert.match(run(['keys', 'rotate', '--help']).stdout, /keys retire vN/);
  });

  test('a sub-command that is missing or unknown is a usage error (exit 2) naming it', () => {
    const r = run(['keys', 'spin']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^switchboard keys: unknown keys command "spin"$/m);
    assert.match(r.stderr, /usage: switchboard keys/);
  });
});

describe('switchboard failures are one line naming what to fix', () => {
  test('LOG_LEVEL=verbose', () => {
    const line = oneLineFailure(run(['migrate'], { LOG_LEVEL: 'verbose' }));
    assert.match(line, /^switchboard: LOG_LEVEL must be .*got "verbose"$/);
  });

  test('an unreachable PostgreSQL server (migrate and serve), its password never shown', () => {
    const env = { DATABASE_URL: 'postgres://sb:hunter2-canary@127.0.0.1:1/switchboard', SWITCHBOARD_KEYRING: `1:${randomBytes(32).toString('base64')}` };
    for (const cmd of ['migrate', 'serve']) {
      const r = run([cmd], env);
      const line = oneLineFailure(r);
      assert.match(
        line,
        /^switchboard: cannot reach the PostgreSQL server named by DATABASE_URL \(postgres:\/\/sb:\*\*\*@127\.0\.0\.1:1\/switchboard\): .*ECONNREFUSED/,
      );
      assert.doesNotMatch(r.stderr, /hunter2-canary/);
    }
  });

  test('a data directory that cannot be one names SWITCHBOARD_DATA_DIR', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const line = oneLineFailure(run(['migrate'], { SWITCHBOARD_DATA_DIR: file }));
    assert.match(line, /SWITCHBOARD_DATA_DIR/);
  });

  test('a port in use names PORT and HOST', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const line = oneLineFailure(run(['serve'], { PORT: String(port), SWITCHBOARD_DATA_DIR: join(dir, 'serve-data') }));
      assert.match(line, new RegExp(`^switchboard: cannot listen on 127\\.0\\.0\\.1:${port}: it is already in use \\(EADDRINUSE\\); set PORT or HOST$`));
    } finally {
      blocker.close();
    }
  });

  test('a keyring file that is not JSON is named (its content never shown); LOG_LEVEL=debug adds the stack', () => {
    const keyring = join(dir, 'keyring-not-json.json');
    writeFileSync(keyring, 'not json', { mode: 0o600 });
    const env = { SWITCHBOARD_KEYRING_FILE: keyring, SWITCHBOARD_DATA_DIR: join(dir, 'k-data') };
    const r = run(['keys', 'status'], env);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.match(r.stderr, /^switchboard: keyring file \S*keyring-not-json\.json is not JSON/m);
    const debug = run(['keys', 'status'], { ...env, LOG_LEVEL: 'debug' });
    assert.match(debug.stderr, /keyring-not-json\.json is not JSON/);
    assert.match(debug.stderr, /^\s+at /m);
    assert.doesNotMatch(r.stderr + debug.stderr, /not json"/);
  });
});

describe('switchboard says where it looks', () => {
  test('the data directory and the database, on stderr (stdout stays the command output)', () => {
    const data = join(dir, 'where');
    const r = run(['migrate'], { SWITCHBOARD_DATA_DIR: data });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr.trim().split('\n')[0],
      `switchboard: data directory ${data} (SWITCHBOARD_DATA_DIR); database embedded in ${data}/pg (unset DATABASE_URL)`,
    );
    assert.match(r.stdout, /^applied: /);
    const pg = run(['migrate'], { DATABASE_URL: 'postgres://sb:pw-canary@127.0.0.1:1/db', SWITCHBOARD_KEYRING: `1:${randomBytes(32).toString('base64')}` });
    assert.match(pg.stderr, /database PostgreSQL postgres:\/\/sb:\*\*\*@127\.0\.0\.1:1\/db \(DATABASE_URL\)/);
    assert.doesNotMatch(pg.stderr, /pw-canary/);
  });
});
