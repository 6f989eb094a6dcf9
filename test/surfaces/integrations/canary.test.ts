// The canary: a marker planted in the secret credentials of every provider and auth type. Every
// operation of the surface is exercised (create with verification, list, defaults, update,
// failing updates, verification runs, failing verifications, platform health, retrieval,
// delete); afterwards no response except GET /sfp/api/integrations/credentials, no log line, no
// audit row, no run record and no integration row may contain it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient } from '../../helpers/api.ts';
import { APP_PRIVATE_KEY, CANARY, type Case, cases, requestText } from '../../providers/integrations/fixtures.ts';
import { type IntegrationsWorld, registerProjects, startWorld } from './helpers.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let w: IntegrationsWorld;
before(async () => {
  w = await startWorld({ githubRepositories: ['acme/widgets'] });
});
after(() => w.close());

const CREDENTIALS_URL = '/sfp/api/integrations/credentials';
const db = () => w.t.rt.db;

test('no response but the credentials endpoint, no log line, no audit row ever contains a stored secret', async () => {
  const owner = w.owner;
  const all: Case[] = cases(w.sim);
  const secrets = new Set<string>([CANARY, APP_PRIVATE_KEY.split('\n')[1]]);
  for (const c of all) for (const s of c.secrets) secrets.add(s);

  await registerProjects(owner, [
    { identifier: 'acme/widgets', platform: 'github' },
    { identifier: 'acme/ops/infra', platform: 'azure-devops' },
  ]);

  const created: Array<{ c: Case; id: string }> = [];
  for (const c of all) {
    w.sim.reset();
    c.accept(w.sim);
    const res = await owner.post('/sfp/api/integrations?verify=true', {
      provider: c.provider,
      authType: c.authType,
      credentials: c.credentials,
      config: c.config,
      isGlobal: true,
    });
    assert.equal(res.status, 201, `${c.name}: ${res.text}`);
    assert.equal(res.body.verification.status, 'verified', `${c.name}: ${res.body.verification.message}`);
    created.push({ c, id: res.body.id });
  }
  const providers = new Set(created.map((x) => x.c.provider));
  assert.equal(providers.size, 16, 'every provider holds a canary');

  // Project-scoped copies for the platforms, and defaults.
  const gh = all.find((c) => c.name === 'github pat')!;
  const ado = all.find((c) => c.name === 'azure-devops service principal')!;
  w.sim.reset();
  gh.accept(w.sim);
  ado.accept(w.sim);
  assert.equal(
    (await owner.post('/sfp/api/integrations', { provider: 'github', authType: 'pat', credentials: gh.credentials, projects: ['acme/widgets'] })).status,
    201,
  );
  assert.equal(
    (await owner.post('/sfp/api/integrations', { provider: ado.provider, authType: ado.authType, credentials: ado.credentials, projects: ['acme/ops/infra'] }))
      .status,
    201,
  );
  for (const { id } of created.slice(0, 6)) assert.equal((await owner.patch(`/sfp/api/integrations/${id}`, { isDefault: true })).status, 200);

  // Reads.
  assert.equal((await owner.get('/sfp/api/integrations')).status, 200);
  assert.equal((await owner.get('/sfp/api/integrations?provider=jira')).status, 200);
  assert.equal((await owner.get('/sfp/api/integrations/defaults')).status, 200);
  const health = await owner.get('/sfp/api/integrations/platforms/health');
  assert.equal(health.body.status, 'healthy', JSON.stringify(health.body));

  // Failing writes carrying secrets: the refusal must not echo them.
  const bad = await owner.post('/sfp/api/integrations', { provider: 'github', authType: 'pat', credentials: { token: `has space ${CANARY}` }, isGlobal: true });
  assert.equal(bad.status, 400);
  const extra = await owner.post('/sfp/api/integrations', {
    provider: 'github',
    authType: 'pat',
    credentials: { token: `t-${CANARY}`, [`k`]: `v-${CANARY}` },
    isGlobal: true,
  });
  assert.equal(extra.status, 400);
  const wrongAuth = await owner.post('/sfp/api/integrations', {
    provider: 'github',
    authType: 'api_key',
    credentials: { api_key: `k-${CANARY}` },
    isGlobal: true,
  });
  assert.equal(wrongAuth.status, 400);
  const badPatch = await owner.patch(`/sfp/api/integrations/${created[0].id}`, { credentials: { token: `x ${CANARY}` } });
  assert.equal(badPatch.status, 400);
  const immutable = await owner.patch(`/sfp/api/integrations/${created[0].id}`, { provider: `x-${CANARY}`, credentials: { token: `t-${CANARY}` } });
  assert.equal(immutable.status, 400);

  // Credential replacement with a rejected (still canary-bearing) credential, then verification runs.
  for (const { c, id } of created) {
    w.sim.reset();
    c.accept(w.sim);
    assert.equal((await owner.patch(`/sfp/api/integrations/${id}`, { credentials: c.wrong })).status, 200);
    const started = await owner.post(`/sfp/api/integrations/${id}/verify`, {});
    const run = await waitFor(async () => {
      const r = await owner.get(`/api/v1/operation-runs/${started.body.run.id}`);
      return r.body.status === 'completed' ? r.body : null;
    });
    assert.equal(run.outcome, 'failed', c.name);
  }
  // A provider that echoes nothing useful but redirects, and one that fails the server side.
  w.sim.reset();
  gh.accept(w.sim);
  w.sim.setFailure('github', 'redirect');
  await owner.get('/sfp/api/integrations/platforms/health');
  w.sim.setFailure('github', 'server_error');
  await owner.get('/sfp/api/integrations/platforms/health?project=acme/widgets');

  // The one door: it returns the secrets, and it is the only response that may.
  const released = await owner.get(`${CREDENTIALS_URL}?provider=github`);
  assert.equal(released.status, 200);
  assert.ok(released.text.includes(CANARY), 'the credentials endpoint returns the stored secret');

  // The door fails closed when its audit row cannot be written; the error is logged, the secret is not.
  await db().exec(`
    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$;
    CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW
      WHEN (NEW.action = 'integration.credentials_released') EXECUTE FUNCTION test_refuse_audit();`);
  const refused = await apiClient(w.t.rt.app!, w.ws.ownerToken).get(`${CREDENTIALS_URL}?provider=jira`);
  assert.equal(refused.status, 503);
  w.seen.push({ url: '(refused release)', status: refused.status, text: refused.text });
  await db().exec('DROP TRIGGER test_refuse_audit ON audit_events; DROP FUNCTION test_refuse_audit();');

  for (const { id } of created) assert.equal((await owner.delete(`/sfp/api/integrations/${id}`)).status, 204);

  // Every response the tests received.
  assert.ok(w.seen.length > 100);
  for (const r of w.seen) {
    if (r.url.startsWith(CREDENTIALS_URL)) continue;
    for (const s of secrets) assert.ok(!r.text.includes(s), `a secret leaked in ${r.url} (${r.status})`);
  }
  // Every log line (verifications are logged, and so is the refused release).
  assert.ok(w.t.logs.some((l) => l.includes('integration verified')));
  assert.ok(w.t.logs.some((l) => l.includes('audit.write_failed')));
  for (const line of w.t.logs) for (const s of secrets) assert.ok(!line.includes(s), `a secret leaked into a log line: ${line.slice(0, 200)}`);
  // Every audit row, run record and integration row.
  const audit = JSON.stringify(await db().query('SELECT * FROM audit_events'));
  assert.ok(audit.includes('integration.credentials_released'));
  const runs = JSON.stringify(await db().query('SELECT * FROM operation_runs'));
  const rows = JSON.stringify(await db().query('SELECT * FROM integrations'));
  for (const s of secrets) {
    assert.ok(!audit.includes(s), 'a secret leaked into the audit log');
    assert.ok(!runs.includes(s), 'a secret leaked into a run record');
    assert.ok(!rows.includes(s), 'a secret leaked into an integration row');
  }
  // And the credential never travelled to the redirect target.
  for (const r of w.sim.requestsTo('trap')) for (const s of secrets) assert.ok(!requestText(r).includes(s));
});
