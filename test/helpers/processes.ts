// Spawning real Switchboard processes (test/helpers/server-process.ts) for scale-out and crash tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Proc {
  child: ChildProcess;
  port: number | null;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnSwitchboard(mode: 'serve' | 'worker', env: Record<string, string>, timeoutMs = 60000): Promise<Proc> {
  const child = spawn(process.execPath, [join(ROOT, 'test/helpers/server-process.ts'), mode], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const port = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process did not start in time:\n${output.join('')}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output.push(d.toString());
      const m = /LISTENING (\d+)|WORKING/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ? Number(m[1]) : null);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with ${code}:\n${output.join('')}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    child,
    port,
    output,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/**
 * What a multi-process test needs on the PostgreSQL server named by DATABASE_URL: a database of
 * its own (created empty, so the processes race to migrate it), a keyring file and a vendor
 * token, as the environment for spawnSwitchboard.
 */
export function clusterEnvironment(prefix: string) {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('this test needs DATABASE_URL (a PostgreSQL server); it never skips silently');
  const dbName = `${prefix}_${randomBytes(4).toString('hex')}`;
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const keyringFile = join(dir, 'keyring.json');
  writeFileSync(keyringFile, JSON.stringify({ keys: [{ version: 1, key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() }] }), {
    mode: 0o600,
  });
  const vendorToken = `sbt_${randomBytes(32).toString('base64url')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    url,
    vendorToken,
    env: { DATABASE_URL: url, SWITCHBOARD_KEYRING_FILE: keyringFile, SWITCHBOARD_BOOTSTRAP_TOKEN: vendorToken, SWITCHBOARD_DATA_DIR: dir } as Record<
      string,
      string
    >,
    createDatabase: () => admin(`CREATE DATABASE ${dbName}`),
    dropDatabase: () => admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`),
  };
}

/** A JSON request to a spawned process. */
export async function httpTo(port: number, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
}

/** Starts `count` processes together; if one fails to start, the others are killed (else the test file would hang on them). */
export async function spawnMany(count: number, mode: 'serve' | 'worker', env: Record<string, string>): Promise<Proc[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, () => spawnSwitchboard(mode, env)));
  const started = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((p) => p.kill('SIGKILL')));
    throw failed.reason;
  }
  return started;
}
