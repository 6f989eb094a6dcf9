// `switchboard serve` on a fresh embedded data directory: keyring created (0600), vendor token
// printed exactly once, and the second start prints nothing and reuses everything.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'sb-first-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function serveOnce(): Promise<{ out: string; port: number }> {
  const env = { ...process.env, SWITCHBOARD_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL; // the embedded default is what this test is about
  delete env.SWITCHBOARD_BOOTSTRAP_TOKEN;
  const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen line:\n${out}`)), 90_000);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
  });
  const health = await fetch(`http://127.0.0.1:${port}/readyz`);
  assert.equal(health.status, 200);
  const token = /(sbt_[A-Za-z0-9_-]{43})/.exec(out)?.[1];
  if (token) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, 'the printed token is the vendor token');
  }
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { out, port };
}

test('first start prints the vendor token once and creates a 0600 keyring; the second start does not', async () => {
  const first = await serveOnce();
  const tokens = first.out.match(/sbt_[A-Za-z0-9_-]{43}/g) ?? [];
  assert.equal(tokens.length, 1, first.out);
  assert.match(first.out, /shown once/);
  assert.ok(!/"msg".*sbt_/.test(first.out), 'the token is never in a log line');
  assert.equal(statSync(join(dir, 'keyring.json')).mode & 0o777, 0o600);
  const second = await serveOnce();
  assert.equal((second.out.match(/sbt_/g) ?? []).length, 0, second.out);
});
