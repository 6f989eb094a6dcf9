// `switchboard demo` as a newcomer runs it: one process, the simulated Microsoft and providers on
// loopback, a seeded workspace; then, over HTTP with the printed token, a health check, an
// inventory of the thousands of simulated devices and a credential read succeed. Stopping it
// removes its temporary data directory.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildConsole } from '../console/helpers.ts';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
let child: ChildProcess;
let out = '';
let base: string;
let token: string;
let tenantId: string;
let connectionId: string;
let dataDir: string;

before(async () => {
  await buildConsole(); // as `npm run demo` does first (its predemo script)
  const env = { ...process.env, PORT: '0', LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv;
  child = spawn(process.execPath, [MAIN, 'demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${out}`)), 150_000);
    const on = (d: Buffer) => {
      out += d.toString();
      if (/Stop with Ctrl-C/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${out}`)));
  });
  child.removeAllListeners('exit');
  base = /Console:\s+(http:\/\/127\.0\.0\.1:\d+)\/console/.exec(out)![1];
  token = /Owner token:\s+(sbt_[A-Za-z0-9_-]{43})/.exec(out)![1];
  [, tenantId, connectionId] = /\/tenants\/(\d+)\/provider-connections\/([0-9a-f-]{36})\/operations/.exec(out)!;
  dataDir = /data directory (\S+) \(temporary/.exec(out)![1];
});
after(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

async function api(method: string, path: string) {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function finished(runId: number) {
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    const r = await api('GET', `/api/v1/operation-runs/${runId}`);
    if (r.body?.status === 'completed') return r.body;
    await new Promise((x) => setTimeout(x, 250));
  }
  throw new Error(`run ${runId} did not complete`);
}

test('the demo prints a console link that serves the console and a token that signs in', async () => {
  const page = await fetch(`${base}/console`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<div id="root">/);
  const session = await api('GET', '/console/api/session');
  assert.equal(session.status, 200, JSON.stringify(session.body));
});

test('a health check of the seeded connection succeeds against the simulated Microsoft', async () => {
  const started = await api('POST', `/tenants/${tenantId}/provider-connections/${connectionId}/operations/health-check`);
  assert.ok([200, 201, 202].includes(started.status), JSON.stringify(started.body));
  const run = await finished(Number(started.body.id));
  assert.equal(run.outcome, 'succeeded', JSON.stringify(run));
});

test('an inventory reads the thousands of simulated devices', async () => {
  const started = await api('POST', `/tenants/${tenantId}/provider-connections/${connectionId}/operations/inventory`);
  assert.ok([200, 201, 202].includes(started.status), JSON.stringify(started.body));
  const run = await finished(Number(started.body.id));
  assert.equal(run.outcome, 'succeeded', JSON.stringify(run));
  assert.match(JSON.stringify(run.summary_counts ?? run), /5000/);
});

test('the seeded GitHub credential is read through the audited door', async () => {
  const r = await api('GET', '/sfp/api/integrations/credentials?provider=github');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(JSON.stringify(r.body), /ghp_demo[0-9a-f]{32}/);
});

test('stopping the demo removes its temporary data directory', async () => {
  assert.ok(existsSync(dataDir));
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  assert.equal(existsSync(dataDir), false);
});
