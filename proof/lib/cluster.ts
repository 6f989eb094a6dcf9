// A Switchboard deployment for the proof suites: a fresh database on a PostgreSQL server, one
// keyring file, a known vendor token, and any number of API and worker processes (the real
// runtime via test/helpers/server-process.ts, which adds the test-runs module).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Proc, spawnSwitchboard } from '../../test/helpers/processes.ts';
import { newToken } from '../../test/helpers/runtime.ts';

export interface Deployment {
  url: string;
  dbName: string;
  dir: string;
  keyringFile: string;
  vendorToken: string;
  env: Record<string, string>;
  apis: Proc[];
  workers: Proc[];
  addApi(extraEnv?: Record<string, string>): Promise<Proc>;
  addWorker(extraEnv?: Record<string, string>): Promise<Proc>;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function withDb(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database on `serverUrl` (a PostgreSQL server URL; its database part is ignored) and
 * `apis` API processes (workers off) plus `workers` worker processes.
 */
export async function startDeployment(opts: {
  serverUrl: string;
  apis: number;
  workers: number;
  env?: Record<string, string>;
  label?: string;
}): Promise<Deployment> {
  const dbName = `sb_${opts.label ?? 'proof'}_${randomBytes(4).toString('hex')}`;
  const adminUrl = withDb(opts.serverUrl, 'postgres');
  await adminQuery(adminUrl, `CREATE DATABASE ${dbName}`);
  const url = withDb(opts.serverUrl, dbName);
  const dir = mkdtempSync(join(tmpdir(), 'sb-proof-'));
  const keyringFile = join(dir, 'keyring.json');
  writeFileSync(keyringFile, JSON.stringify({ keys: [{ version: 1, key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() }] }), {
    mode: 0o600,
  });
  const vendorToken = newToken();
  const env: Record<string, string> = {
    DATABASE_URL: url,
    SWITCHBOARD_KEYRING_FILE: keyringFile,
    SWITCHBOARD_BOOTSTRAP_TOKEN: vendorToken,
    SWITCHBOARD_DATA_DIR: dir,
    SWITCHBOARD_RUN_HEARTBEAT_SECONDS: '1',
    SWITCHBOARD_RUN_LEASE_SECONDS: '3',
    SWITCHBOARD_RUN_REAPER_INTERVAL_SECONDS: '1',
    // The load comes from one address (loopback) and is far above any per-client budget.
    SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000',
    SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE: '100000000',
    ...opts.env,
  };
  const apis: Proc[] = [];
  const workers: Proc[] = [];
  const d: Deployment = {
    url,
    dbName,
    dir,
    keyringFile,
    vendorToken,
    env,
    apis,
    workers,
    async addApi(extraEnv = {}) {
      const p = await spawnSwitchboard('serve', { ...env, SWITCHBOARD_WORKER_MODE: 'off', ...extraEnv }, 120_000);
      apis.push(p);
      return p;
    },
    async addWorker(extraEnv = {}) {
      const p = await spawnSwitchboard('worker', { ...env, ...extraEnv }, 120_000);
      workers.push(p);
      return p;
    },
    async query(sql, params = []) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(sql, params as unknown[])).rows;
      } finally {
        await c.end();
      }
    },
    async close() {
      await Promise.all([...apis, ...workers].map((p) => p.kill('SIGKILL')));
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // The first process migrates; the rest start together.
    if (opts.apis > 0) await d.addApi();
    await Promise.all([...Array.from({ length: Math.max(0, opts.apis - 1) }, () => d.addApi()), ...Array.from({ length: opts.workers }, () => d.addWorker())]);
  } catch (err) {
    await d.close();
    throw err;
  }
  return d;
}

export interface HttpResult {
  status: number;
  body: any;
  text: string;
  ms: number;
}

/** One JSON request to a process on loopback. */
export async function http(
  port: number,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, ms: performance.now() - t0 };
}

/** Resident set size of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
