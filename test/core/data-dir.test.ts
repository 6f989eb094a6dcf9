// The embedded data directory is the service's alone: started under umask 000 (the most open an
// operator could run it with), the directory and every file in it are 0700/0600; files an older
// start left open are tightened; and a pre-existing directory other users can enter is refused at
// start with a one-line message naming it and the fix.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const parent = mkdtempSync(join(tmpdir(), 'sb-datadir-'));
after(() => rmSync(parent, { recursive: true, force: true }));

/** `switchboard <args>` under umask 000 on the embedded database; resolves when it listens or exits. */
function start(dataDir: string, args: string[] = ['serve']) {
  const env = { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL; // the embedded default is what this test is about
  delete env.SWITCHBOARD_BOOTSTRAP_TOKEN;
  delete env.SWITCHBOARD_KEYRING_FILE;
  const child = spawn('/bin/sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const done = new Promise<{ port?: number; code?: number | null; out: string; err: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`neither listened nor exited:\n${out}${err}`)), 90_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), out, err });
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { done, stop, token: () => /(sbt_[A-Za-z0-9_-]{43})/.exec(out)?.[1] };
}

/** Every path under root (itself included) whose mode is not 0700 (directories) / 0600 (files). */
function looseModes(root: string): string[] {
  const loose: string[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    const st = lstatSync(p);
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o777) !== want) loose.push(`${(st.mode & 0o777).toString(8)} ${p}`);
    if (st.isDirectory()) for (const n of readdirSync(p)) stack.push(join(p, n));
  }
  return loose;
}

test('under umask 000 a fresh data directory and every file in it are 0700/0600, also after writes', async () => {
  const dir = join(parent, 'fresh', 'data'); // neither exists yet
  const sb = start(dir);
  const { port, code, err } = await sb.done;
  assert.ok(port, `did not start (exit ${code}): ${err}`);
  try {
    const token = sb.token();
    assert.ok(token, 'the vendor token was printed');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/workspaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"name":"Modes"}',
    });
    assert.equal(res.status, 201);
  } finally {
    await sb.stop();
  }
  assert.ok(existsSync(join(dir, 'pg', 'PG_VERSION')), 'the embedded database lives under the data directory');
  assert.deepEqual(looseModes(dir), []);
  assert.equal(statSync(join(parent, 'fresh')).mode & 0o777, 0o700, 'a parent it had to create is 0700 too');
});

test('files left open by an earlier start are tightened when the database opens', async () => {
  const dir = join(parent, 'fresh', 'data');
  chmodSync(join(dir, 'pg', 'PG_VERSION'), 0o644);
  chmodSync(join(dir, 'pg', 'base'), 0o755);
  const sb = start(dir);
  const { port, err } = await sb.done;
  assert.ok(port, err);
  await sb.stop();
  assert.deepEqual(looseModes(dir), []);
});

for (const mode of [0o755, 0o750, 0o705]) {
  test(`a pre-existing data directory with mode ${mode.toString(8)} is refused at start with the fix`, async () => {
    const dir = join(parent, `open-${mode.toString(8)}`);
    mkdirSync(dir);
    chmodSync(dir, mode);
    for (const args of [['serve'], ['migrate']]) {
      const sb = start(dir, args);
      const { port, code, err } = await sb.done;
      await sb.stop();
      assert.equal(port, undefined, `${args[0]} must not start`);
      assert.equal(code, 1);
      // The first line says where the command looked (src/cli/where.ts); then the one-line refusal.
      const lines = err
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('switchboard: data directory '));
      assert.equal(lines.length, 1, err);
      assert.equal(
        lines[0],
        `switchboard: the data directory ${dir} is accessible to other users (mode 0${mode.toString(8)}); restrict it with: chmod 700 ${dir}`,
      );
    }
    assert.deepEqual(readdirSync(dir), [], 'nothing (no keyring, no database) was written into it');
  });
}
