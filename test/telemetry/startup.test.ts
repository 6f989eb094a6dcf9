// Tracing in the real startup path: `node src/main.ts serve` with the standard OTEL_* variables
// exports the span tree of a request — the HTTP server span, Fastify's, and the SQL of the
// readiness check (through `pg` on PostgreSQL, PGlite's statements on the embedded database) — to
// an OTLP/HTTP receiver on loopback. Without those variables no part of the OpenTelemetry SDK, its
// instrumentations or its module hook is loaded at all.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPostgresTestDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { ancestry, drawTree, KIND, startOtlpReceiver } from './otlp-receiver.ts';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const receiver = await startOtlpReceiver();
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const c of cleanups) await c();
  await receiver.close();
});

/** A module-resolution hook that reports every OpenTelemetry (or loader-hook) module the process loads. */
const REPORT_LOADS = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module'; registerHooks({ resolve(s, c, next) { const r = next(s, c); if (/opentelemetry|in-the-middle/.test(r.url)) process.stderr.write('LOADED ' + r.url + '\\n'); return r; } });",
)}`;

async function serve(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-otel-'));
  const keyringFile = join(dir, 'keyring.json');
  writeFileSync(keyringFile, JSON.stringify({ keys: [{ version: 1, key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() }] }), {
    mode: 0o600,
  });
  const pgdb = process.env.DATABASE_URL ? await createPostgresTestDatabase() : null;
  if (pgdb) cleanups.push(pgdb.drop);
  const child = spawn(process.execPath, ['--import', REPORT_LOADS, MAIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      SWITCHBOARD_DATA_DIR: join(dir, 'data'),
      SWITCHBOARD_KEYRING_FILE: keyringFile,
      SWITCHBOARD_BOOTSTRAP_TOKEN: `sbt_${randomBytes(32).toString('base64url')}`,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const port = await waitFor(async () => Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/i.exec(out)?.[1]) || null, 60_000).catch(() => {
    throw new Error(`serve did not start:\n${out}`);
  });
  return {
    port,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

test('serve with OTEL_EXPORTER_OTLP_ENDPOINT exports a request as HTTP → Fastify → SQL', async () => {
  const s = await serve({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'switchboard-startup' });
  const res = await fetch(`http://127.0.0.1:${s.port}/readyz`);
  assert.equal(res.status, 200, await res.text());
  // Stopping flushes what is buffered (main.ts shuts the SDK down before exiting).
  await s.stop();
  const server = await waitFor(async () => receiver.spans.find((x) => x.kind === KIND.server && x.attributes['http.route'] === '/readyz'), 10_000);
  const trace = receiver.trace(server.traceId);
  const tree = drawTree(trace);
  assert.ok(
    trace.some((x) => x !== server && x.attributes['http.route'] === '/readyz' && ancestry(trace, x).includes(server)),
    `Fastify's spans:\n${tree}`,
  );
  const sql = trace.filter((x) => x.attributes['db.query.text'] !== undefined || x.attributes['db.statement'] !== undefined);
  assert.ok(sql.length > 0, `the readiness check's SQL is in the trace:\n${tree}`);
  for (const x of sql) assert.ok(ancestry(trace, x).includes(server), tree);
  assert.match(receiver.raw(), /switchboard-startup/, 'OTEL_SERVICE_NAME names the service');
  assert.match(s.output(), /LOADED .*@opentelemetry\/sdk-node/);
});

test('serve without OTEL_* variables loads none of the SDK, the instrumentations or the module hook', async () => {
  const s = await serve({});
  const res = await fetch(`http://127.0.0.1:${s.port}/readyz`);
  assert.equal(res.status, 200);
  await s.stop();
  const loaded = s
    .output()
    .split('\n')
    .filter((l) => l.startsWith('LOADED '));
  // pg-boss imports the OpenTelemetry API (a no-op without an SDK) itself; nothing else may load.
  assert.deepEqual(
    loaded.filter((l) => !/\/node_modules\/@opentelemetry\/api\//.test(l)),
    [],
  );
});
