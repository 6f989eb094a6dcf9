// OpenTelemetry traces, end to end: tracing is started the way main.ts starts it (the standard
// OTEL_* variables, the ESM loader hook registered before pg, fastify and undici load), then the
// real runtime serves real HTTP on loopback and exports to an in-process OTLP/HTTP receiver.
// A credential read is one trace HTTP → Fastify → SQL; a health check is one trace from the
// request through its enqueue (the job carries the trace context) to the worker's execution and
// its outbound calls to the simulated Microsoft. No canary secret, token or query value is in
// anything exported.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ancestry, drawTree, KIND, type ReceivedSpan, startOtlpReceiver } from './otlp-receiver.ts';

const receiver = await startOtlpReceiver();
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
process.env.OTEL_BSP_SCHEDULE_DELAY = '50';
process.env.OTEL_SERVICE_NAME = 'switchboard-test';
const { tracingRequested } = await import('../../src/telemetry/enabled.ts');
assert.ok(tracingRequested(process.env));
await (await import('../../src/telemetry/start.ts')).startTracing(process.env);
// Only now: these load pg, fastify and undici.
const { startProviderEnv, connectedPlatform, fPath, runDone, PLATFORM_SECRET } = await import('../helpers/providers.ts');
const { waitFor } = await import('../helpers/wait-for.ts');
const { shutdownTracing } = await import('../../src/lib/tracing.ts');
const { usingPostgres } = await import('../helpers/database.ts');

const CANARY = 'ghp_OtelCanary7Yq2Wm9Lp4Zx8Kv3Nr6Ts1Bd5Hf0';
const QUERY_CANARY = 'QueryCanary-8Jd3Lq0Vw5Xr';

let env: Awaited<ReturnType<typeof startProviderEnv>>;
let base: string;
before(async () => {
  env = await startProviderEnv();
  await env.t.rt.app!.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(env.t.rt.app!.server.address() as AddressInfo).port}`;
});
after(async () => {
  await env.close();
  await shutdownTracing();
  await receiver.close();
});

const http = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
};

const isSql = (s: ReceivedSpan) => typeof (s.attributes['db.query.text'] ?? s.attributes['db.statement']) === 'string';
const sqlText = (s: ReceivedSpan) => String(s.attributes['db.query.text'] ?? s.attributes['db.statement']);

/** The trace of the request to `route`, once its spans (and `until`) have arrived. */
async function traceOf(route: string, until: (trace: ReceivedSpan[]) => boolean) {
  return waitFor(async () => {
    const server = receiver.spans.find((s) => s.kind === KIND.server && s.attributes['http.route'] === route);
    if (!server) return null;
    const trace = receiver.trace(server.traceId);
    return until(trace) ? { server, trace } : null;
  });
}

function assertNoSecrets(secrets: string[]) {
  const raw = receiver.raw();
  assert.ok(raw.length > 0);
  for (const s of secrets) assert.ok(!raw.includes(s), `a secret or token was exported in a span: ${s.slice(0, 6)}…`);
  assert.doesNotMatch(raw, /bearer\s+[a-z0-9]/i, 'a bearer credential was exported');
}

test('a credential read is one trace: the HTTP server span, Fastify, and the SQL under it; no secret or query value in any span', async () => {
  const created = await http('POST', '/sfp/api/integrations', env.ws.ownerToken, {
    provider: 'github',
    authType: 'pat',
    credentials: { token: CANARY },
    isGlobal: true,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const read = await http('GET', `/sfp/api/integrations/credentials?provider=github`, env.ws.ownerToken);
  assert.equal(read.status, 200);
  assert.equal(read.body[0].credentials.token, CANARY);
  // A value in the query string never reaches a span.
  const again = await http('GET', `/sfp/api/integrations/credentials?provider=github&token=${QUERY_CANARY}`, env.ws.ownerToken);
  assert.equal(again.status, 200);

  const { server, trace } = await traceOf('/sfp/api/integrations/credentials', (t) => t.some(isSql));
  const tree = drawTree(trace);
  // Above the server span is only this test's own fetch (undici, traced in this process too), whose context it continued.
  for (const s of ancestry(trace, server).slice(1)) assert.equal(s.kind, KIND.client, tree);
  const fastify = trace.filter((s) => s !== server && s.attributes['http.route'] === '/sfp/api/integrations/credentials');
  assert.ok(fastify.length > 0, `Fastify's spans are in the trace:\n${tree}`);
  const sql = trace.filter(isSql);
  assert.ok(
    sql.some((s) => /vault_secrets/.test(sqlText(s))),
    `the vault read is a SQL span of the trace (${usingPostgres ? 'pg' : 'PGlite'}):\n${tree}\n${sql.map(sqlText).join('\n')}`,
  );
  for (const s of sql) {
    assert.ok(ancestry(trace, s).includes(server), `every SQL span descends from the request:\n${tree}`);
    assert.ok(!sqlText(s).includes(CANARY));
  }
  assert.ok(!String(server.attributes['url.path'] ?? server.attributes['http.target'] ?? '').includes('?'), 'query strings are cut');
  assertNoSecrets([CANARY, QUERY_CANARY, env.ws.ownerToken, env.t.vendorToken, PLATFORM_SECRET]);
});

test('a health check is one trace from the request through the enqueue to the worker and its outbound calls to Microsoft', async () => {
  const c = await connectedPlatform(env);
  const started = await http('POST', fPath(env.ws.tenantId, c.uuid, '/operations/health-check'), env.ws.ownerToken);
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const run = await runDone(env.owner, started.body.id);
  assert.equal(run.outcome, 'succeeded', JSON.stringify(run));

  const simHost = new URL(env.sim.graphBaseUrl).host;
  const outbound = (s: ReceivedSpan) => s.kind === KIND.client && String(s.attributes['url.full'] ?? s.attributes['http.url'] ?? '').includes(simHost);
  // The worker's span ends (and is exported) after the job is settled, a moment after the run completed.
  const { server, trace } = await traceOf(
    '/tenants/:tenantId/provider-connections/:connectionId/operations/health-check',
    (t) => t.some(outbound) && t.some((s) => s.kind === KIND.consumer),
  );
  const tree = drawTree(trace);
  // pg-boss's own spans: the job stores the trace context of its send, the worker's span continues it.
  const send = trace.find((s) => s.kind === KIND.producer && s.name === 'send operation-runs');
  const process = trace.find((s) => s.kind === KIND.consumer && s.name === 'process operation-runs');
  assert.ok(send && process, `the enqueue and the worker's span are in the request's trace:\n${tree}`);
  assert.equal(process.parentSpanId, send.spanId, `the worker continues the enqueue:\n${tree}`);
  assert.ok(ancestry(trace, send).includes(server), `the enqueue happens in the request:\n${tree}`);
  const execution = trace.find((s) => s.attributes['switchboard.run.type'] === 'microsoft.health_check');
  assert.ok(execution, tree);
  assert.equal(execution.attributes['switchboard.run.id'], started.body.id);
  assert.ok(ancestry(trace, execution).includes(process));
  const calls = trace.filter(outbound);
  assert.ok(calls.length > 0, `outbound calls to the simulated Microsoft are in the trace:\n${tree}`);
  for (const call of calls) assert.ok(ancestry(trace, call).includes(execution), `an outbound call descends from the run's execution:\n${tree}`);
  assert.ok(
    trace.some((s) => isSql(s) && ancestry(trace, s).includes(process)),
    `the worker's SQL is in the trace:\n${tree}`,
  );
  for (const call of calls) assert.ok(!String(call.attributes['url.full'] ?? '').includes('?'), 'outbound query strings are cut');
  assertNoSecrets([CANARY, env.ws.ownerToken, env.t.vendorToken, PLATFORM_SECRET]);
});
