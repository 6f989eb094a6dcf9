// Metrics that move: each one scraped from /metrics before and after the event it names.
// Runs (started by disposition, duration by type and outcome, the queue-depth gauge), secrets
// released, outbound calls to Microsoft, SCIM requests and errors per configuration, rate-limit
// refusals; and /metrics behind SWITCHBOARD_METRICS_TOKEN, with the warning when HOST is not
// loopback and no token is set.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Api, apiClient } from '../helpers/api.ts';
import { connectedPlatform, fPath, runDone, startProviderEnv, type ProviderEnv } from '../helpers/providers.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { testRunsModule } from '../helpers/test-runs-module.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { setupScim, USER_SCHEMA, SCIM_JSON } from '../scim/helpers.ts';
import { boundedLabel } from '../../src/http/metrics.ts';
import { cases } from '../providers/integrations/fixtures.ts';
import { startWorld } from '../surfaces/integrations/helpers.ts';

/** The sum of the samples of `name` whose labels include `labels` (0 when there is none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

const scrape = async (api: Api) => {
  const r = await api.get('/metrics');
  assert.equal(r.status, 200, r.text);
  return r.text;
};

describe('metrics move when their events happen', () => {
  let env: ProviderEnv;
  let anonymous: Api;
  before(async () => {
    env = await startProviderEnv({ extraModules: (core) => [testRunsModule(core)] });
    anonymous = apiClient(env.t.rt.app!);
  });
  after(() => env.close());

  test('a run start counts by disposition, its execution by type and outcome, and the gauge shows it while it waits or runs', async () => {
    const before = await scrape(anonymous);
    const runs = `/test/workspaces/${env.ws.workspaceId}/runs`;
    const created = await env.owner.post(runs, { type: 'test.sleep', scope: 'm1', inputs: { ms: 1500 } });
    assert.equal(created.body.disposition, 'created');
    assert.equal((await env.owner.post(runs, { type: 'test.sleep', scope: 'm1', inputs: { ms: 1500 } })).body.disposition, 'deduped');
    assert.equal((await env.owner.post(runs, { type: 'test.wait', scope: 'm1' })).body.disposition, 'scope_busy');
    assert.equal((await env.owner.post(runs, { type: 'test.fail', scope: 'm2', blocked: true })).body.disposition, 'blocked');
    const during = await scrape(anonymous);
    assert.equal(sample(during, 'switchboard_operation_runs', { type: 'test.sleep' }), 1, 'the waiting or running run is in the gauge');
    await runDone(env.owner, created.body.run.id);
    const failed = await env.owner.post(runs, { type: 'test.fail', scope: 'm3' });
    await runDone(env.owner, failed.body.run.id);
    const done = await scrape(anonymous);
    const started = (type: string, disposition: string) =>
      sample(done, 'switchboard_operation_runs_started_total', { type, disposition }) -
      sample(before, 'switchboard_operation_runs_started_total', { type, disposition });
    assert.equal(started('test.sleep', 'created'), 1);
    assert.equal(started('test.sleep', 'deduped'), 1);
    assert.equal(started('test.wait', 'scope_busy'), 1);
    assert.equal(started('test.fail', 'blocked'), 1);
    assert.equal(started('test.fail', 'created'), 1);
    const ran = (type: string, outcome: string) =>
      sample(done, 'switchboard_operation_run_duration_seconds_count', { type, outcome }) -
      sample(before, 'switchboard_operation_run_duration_seconds_count', { type, outcome });
    assert.equal(ran('test.sleep', 'succeeded'), 1);
    assert.equal(ran('test.fail', 'failed'), 1);
    assert.ok(sample(done, 'switchboard_operation_run_duration_seconds_sum', { type: 'test.sleep', outcome: 'succeeded' }) >= 1.4, 'its time is recorded');
    assert.equal(sample(done, 'switchboard_operation_runs', { type: 'test.sleep' }), 0, 'a finished run leaves the gauge');
  });

  test('a credential read counts each secret it released; a read that finds none counts nothing', async () => {
    for (const token of ['ghp_metrics_one_000000000001', 'ghp_metrics_two_000000000002']) {
      const r = await env.owner.post('/sfp/api/integrations', { provider: 'github', authType: 'pat', credentials: { token }, isGlobal: true });
      assert.equal(r.status, 201, r.text);
    }
    const before = sample(await scrape(anonymous), 'switchboard_secrets_released_total', { surface: 'integrations' });
    const read = await env.owner.get('/sfp/api/integrations/credentials?provider=github');
    assert.equal(read.status, 200);
    assert.equal(read.body.length, 2);
    assert.equal((await env.owner.get('/sfp/api/integrations/credentials?provider=jira')).status, 404);
    assert.equal(sample(await scrape(anonymous), 'switchboard_secrets_released_total', { surface: 'integrations' }) - before, 2);
  });

  test('calls to Microsoft are timed under the provider, by status class', async () => {
    const count = (text: string) => sample(text, 'switchboard_outbound_request_duration_seconds_count', { provider: 'microsoft', status_class: '2xx' });
    const before = count(await scrape(anonymous));
    const c = await connectedPlatform(env);
    const r = await env.owner.post(fPath(env.ws.tenantId, c.uuid, '/operations/health-check'));
    assert.equal(r.status, 201, r.text);
    await runDone(env.owner, r.body.id);
    assert.ok(count(await scrape(anonymous)) - before >= 2, 'the token and Graph calls are counted');
  });

  test('SCIM requests and errors are counted per authenticated configuration; others as unauthenticated', async () => {
    const s = await setupScim(env.t);
    const before = await scrape(anonymous);
    assert.equal((await s.scim.get(`${s.base}/Users`)).status, 200);
    assert.equal((await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'm@x.test' }, SCIM_JSON)).status, 201);
    assert.equal((await s.scim.get(`${s.base}/Users/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await apiClient(env.t.rt.app!, `sbscim_${randomBytes(24).toString('base64url')}`).get(`${s.base}/Users`)).status, 401);
    const after = await scrape(anonymous);
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    assert.equal(moved('switchboard_scim_requests_total', { configuration: s.configurationId, status_class: '2xx' }), 2);
    assert.equal(moved('switchboard_scim_requests_total', { configuration: s.configurationId, status_class: '4xx' }), 1);
    assert.equal(moved('switchboard_scim_errors_total', { configuration: s.configurationId, status: '404' }), 1);
    assert.equal(moved('switchboard_scim_requests_total', { configuration: 'unauthenticated', status_class: '4xx' }), 1);
    assert.equal(moved('switchboard_scim_errors_total', { configuration: 'unauthenticated', status: '401' }), 1);
  });

  test('a service on loopback says nothing about /metrics at start', () => {
    assert.ok(!env.t.logs.some((l) => l.includes('SWITCHBOARD_METRICS_TOKEN')));
  });
});

test("an integration's verification calls are timed under its provider", async () => {
  const w = await startWorld();
  try {
    const anonymous = apiClient(w.t.rt.app!);
    const c = cases(w.sim).find((x) => x.name === 'github pat')!;
    c.accept(w.sim);
    const count = (text: string, status_class: string) =>
      sample(text, 'switchboard_outbound_request_duration_seconds_count', { provider: 'github', status_class });
    const before = await scrape(anonymous);
    const ok = await w.owner.post('/sfp/api/integrations?verify=true', {
      provider: c.provider,
      authType: c.authType,
      credentials: c.credentials,
      isGlobal: true,
    });
    assert.equal(ok.body.verification.status, 'verified', ok.text);
    const rejected = await w.owner.post('/sfp/api/integrations?verify=true', {
      provider: c.provider,
      authType: c.authType,
      credentials: c.wrong,
      isGlobal: true,
    });
    assert.equal(rejected.body.verification.status, 'failed', rejected.text);
    const after = await scrape(anonymous);
    assert.ok(count(after, '2xx') - count(before, '2xx') >= 1, 'the accepted credential');
    assert.ok(count(after, '4xx') - count(before, '4xx') >= 1, 'the rejected one');
  } finally {
    await w.close();
  }
});

test('rate-limit refusals are counted by surface and limit', async () => {
  const t = await startTestRuntime({
    env: { SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '8', SWITCHBOARD_RATE_LIMIT_LEASE_PERCENT: '0', SWITCHBOARD_AUTH_FAILURE_LIMIT: '2' },
  });
  try {
    const anonymous = apiClient(t.rt.app!);
    const s = await setupScim(t);
    const before = await scrape(anonymous);
    const refusals = async (limit: string, surface: string) =>
      sample(await scrape(anonymous), 'switchboard_rate_limit_refusals_total', { surface, limit }) -
      sample(before, 'switchboard_rate_limit_refusals_total', { surface, limit });
    const until429 = async (call: () => Promise<{ status: number }>) => {
      let refused = 0;
      for (let i = 0; i < 12; i++) if ((await call()).status === 429) refused++;
      assert.ok(refused > 0, 'the limit was reached');
      return refused;
    };
    const vendor = apiClient(t.rt.app!, t.vendorToken);
    const api = await until429(() => vendor.get('/api/v1/workspaces'));
    assert.equal(await refusals('requests', 'api'), api);
    const badToken = apiClient(t.rt.app!, `sbt_${randomBytes(32).toString('base64url')}`);
    const failures = await until429(() => badToken.get('/api/v1/workspaces'));
    assert.equal(await refusals('failed_authentications', 'api'), failures);
    const scim = await until429(() => s.scim.get(`${s.base}/Users`));
    assert.equal(await refusals('requests', 'scim'), scim);
  } finally {
    await t.close();
  }
});

describe('/metrics access', () => {
  test('with SWITCHBOARD_METRICS_TOKEN only a request bearing it reads the metrics; no warning at start', async () => {
    const token = randomBytes(24).toString('base64url');
    const t = await startTestRuntime({ env: { SWITCHBOARD_METRICS_TOKEN: token, HOST: '0.0.0.0' } });
    try {
      const app = t.rt.app!;
      const none = await apiClient(app).get('/metrics');
      assert.equal(none.status, 401);
      assert.equal(none.body.error, 'auth.unauthenticated');
      assert.match(none.body.message, /SWITCHBOARD_METRICS_TOKEN/);
      assert.equal((await apiClient(app, `${token}x`).get('/metrics')).status, 401);
      assert.equal((await apiClient(app, t.vendorToken).get('/metrics')).status, 401, 'an API token is not the metrics token');
      const ok = await apiClient(app, token).get('/metrics');
      assert.equal(ok.status, 200);
      assert.match(ok.text, /switchboard_operation_runs_started_total/);
      assert.ok(!t.logs.some((l) => l.includes('SWITCHBOARD_METRICS_TOKEN')));
    } finally {
      await t.close();
    }
  });

  test('without a token on a non-loopback HOST, the start logs a warning and /metrics stays open', async () => {
    const t = await startTestRuntime({ env: { HOST: '0.0.0.0' } });
    try {
      const warning = await waitFor(async () => t.logs.find((l) => l.includes('SWITCHBOARD_METRICS_TOKEN')));
      assert.equal(JSON.parse(warning).level, 40);
      assert.match(warning, /0\.0\.0\.0/);
      assert.equal((await apiClient(t.rt.app!).get('/metrics')).status, 200);
    } finally {
      await t.close();
    }
  });

  test('a too-short token is refused at start', async () => {
    await assert.rejects(startTestRuntime({ env: { SWITCHBOARD_METRICS_TOKEN: 'short' } }), /SWITCHBOARD_METRICS_TOKEN/);
  });
});

test('a bounded label keeps the first values it sees and names every later one _other', () => {
  const label = boundedLabel(2);
  assert.deepEqual(['a', 'b', 'c', 'a', 'd', 'b'].map(label), ['a', 'b', '_other', 'a', '_other', 'b']);
});
