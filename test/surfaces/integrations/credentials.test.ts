// GET /sfp/api/integrations/credentials: decrypted credentials, each release audited in the same
// transaction (fail closed), resolution "project-scoped first, else the category default", and
// the application-token rules (a filter is required, narrowing is respected).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Api, apiClient } from '../../helpers/api.ts';
import { type IntegrationsWorld, registerProjects, startWorld } from './helpers.ts';

let w: IntegrationsWorld;
let owner: Api;
const ids: Record<string, string> = {};

const URL = '/sfp/api/integrations/credentials';

async function make(name: string, body: object) {
  const res = await owner.post('/sfp/api/integrations', body);
  if (res.status !== 201) throw new Error(`${name}: ${res.status} ${res.text}`);
  ids[name] = res.body.id;
}

before(async () => {
  w = await startWorld();
  owner = w.owner;
  await registerProjects(owner, [
    { identifier: 'acme/widgets', platform: 'github' },
    { identifier: 'acme/gadgets', platform: 'github' },
    { identifier: 'acme/ops/infra', platform: 'azure-devops' },
  ]);
  await make('ghDefault', { provider: 'github', authType: 'pat', credentials: { token: 'ghp_default_token_1' }, isGlobal: true, isDefault: true });
  await make('ghGlobal', { provider: 'github', authType: 'pat', credentials: { token: 'ghp_global_token_2' }, isGlobal: true });
  await make('ghWidgets', { provider: 'github', authType: 'pat', credentials: { token: 'ghp_widgets_token_3' }, projects: ['acme/widgets'] });
  await make('anthropicDefault', {
    provider: 'ai_anthropic',
    authType: 'api_key',
    credentials: { api_key: 'sk-ant-default' },
    isGlobal: true,
    isDefault: true,
  });
  await make('openaiWidgets', { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: 'sk-openai-widgets' }, projects: ['acme/widgets'] });
  await make('adoInfra', {
    provider: 'azure-devops',
    authType: 'pat',
    credentials: { organization_url: 'https://dev.azure.com/acme', token: 'ado-infra-token' },
    projects: ['acme/ops/infra'],
  });
});
after(() => w.close());

const idsOf = (body: Array<{ id: string }>) => body.map((i) => i.id);

describe('owner retrieval', () => {
  test('provider filter: every integration of the provider, decrypted, each release audited with the request id', async () => {
    const res = await owner.get(`${URL}?provider=github`, { 'x-request-id': 'cred-req-1' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.deepEqual(idsOf(res.body), [ids.ghDefault, ids.ghGlobal, ids.ghWidgets]);
    assert.deepEqual(res.body[0].credentials, { token: 'ghp_default_token_1' });
    assert.deepEqual(res.body[2].projects, ['acme/widgets']);
    const audit = await w.t.rt.db.query(`SELECT target_id, actor_id, metadata, outcome FROM audit_events WHERE request_id = 'cred-req-1' ORDER BY id`);
    assert.deepEqual(
      audit.map((a) => a.target_id),
      [ids.ghDefault, ids.ghGlobal, ids.ghWidgets],
    );
    assert.ok(audit.every((a) => a.outcome === 'success' && a.actor_id === `member:${w.ws.ownerMemberId}` && a.metadata.provider === 'github'));
    assert.ok(!JSON.stringify(audit).includes('ghp_'), 'no secret in the audit rows');
  });

  test('no filter (owner): everything', async () => {
    const res = await owner.get(URL);
    assert.equal(res.status, 200);
    assert.equal(res.body.length, Object.keys(ids).length);
  });

  test('project + provider: the project-scoped integration first, else the category default', async () => {
    const scoped = await owner.get(`${URL}?project=acme/widgets&provider=github`);
    assert.deepEqual(idsOf(scoped.body), [ids.ghWidgets]);
    assert.equal(scoped.body[0].resolvedBy, 'project');
    const fallback = await owner.get(`${URL}?project=acme/gadgets&provider=github`);
    assert.deepEqual(idsOf(fallback.body), [ids.ghDefault], 'a non-default global integration is not a fallback');
    assert.equal(fallback.body[0].resolvedBy, 'default');
  });

  test('the AI providers share one default; both Azure DevOps spellings resolve alike', async () => {
    const ai = await owner.get(`${URL}?project=acme/gadgets&provider=ai_google`);
    assert.deepEqual(idsOf(ai.body), [ids.anthropicDefault]);
    const own = await owner.get(`${URL}?project=acme/widgets&provider=ai_openai`);
    assert.deepEqual(idsOf(own.body), [ids.openaiWidgets]);
    const alias = await owner.get(`${URL}?project=acme/ops/infra&provider=azuredevops`);
    assert.deepEqual(idsOf(alias.body), [ids.adoInfra]);
  });

  test('project alone: everything the project resolves to, over all providers', async () => {
    const res = await owner.get(`${URL}?project=acme/widgets`);
    assert.deepEqual(new Set(idsOf(res.body)), new Set([ids.ghWidgets, ids.openaiWidgets, ids.anthropicDefault]));
    const gadgets = await owner.get(`${URL}?project=acme/gadgets`);
    assert.deepEqual(new Set(idsOf(gadgets.body)), new Set([ids.ghDefault, ids.anthropicDefault]));
  });

  test('404 when nothing matches: no integration, an unknown project', async () => {
    for (const query of ['provider=jira', 'project=acme/unknown', 'project=acme/gadgets&provider=jira']) {
      const res = await owner.get(`${URL}?${query}`);
      assert.equal(res.status, 404, query);
      assert.equal(res.body.message, 'No integration found for the specified filters');
    }
  });

  test('400 for a provider the contract does not enumerate (not a 404 that reads as "none stored")', async () => {
    const res = await owner.get(`${URL}?provider=bitbucket`);
    assert.equal(res.status, 400);
    assert.equal(res.body.field, 'provider');
  });
});

describe('application tokens', () => {
  test('must filter by provider or project (403), then may read', async () => {
    const app = owner.as(await w.appToken(['integrations.credentials.read']));
    const unscoped = await app.get(URL);
    assert.equal(unscoped.status, 403);
    assert.equal(unscoped.body.error, 'integrations.filter_required');
    const res = await app.get(`${URL}?project=acme/widgets&provider=github`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body[0].credentials, { token: 'ghp_widgets_token_3' });
    const [audit] = await w.t.rt.db.query(`SELECT actor_type FROM audit_events WHERE action = 'integration.credentials_released' ORDER BY id DESC LIMIT 1`);
    assert.equal(audit.actor_type, 'application');
  });

  test('without integrations.credentials.read: 403', async () => {
    const app = owner.as(await w.appToken(['integrations.view']));
    assert.equal((await app.get(`${URL}?provider=github`)).status, 403);
  });

  test('narrowed to providers: other providers are refused, resolved defaults of other providers are withheld', async () => {
    const app = owner.as(await w.appToken(['integrations.credentials.read'], { providers: ['github'] }));
    assert.equal((await app.get(`${URL}?provider=github`)).status, 200);
    assert.equal((await app.get(`${URL}?provider=ai_openai`)).status, 403);
    const project = await app.get(`${URL}?project=acme/widgets`);
    assert.deepEqual(idsOf(project.body), [ids.ghWidgets]);
  });

  test('narrowed to projects: only those projects, and only global or their own scoped integrations', async () => {
    const app = owner.as(await w.appToken(['integrations.credentials.read'], { projects: ['acme/gadgets'] }));
    assert.equal((await app.get(`${URL}?project=acme/widgets&provider=github`)).status, 403);
    const byProvider = await app.get(`${URL}?provider=github`);
    assert.deepEqual(idsOf(byProvider.body), [ids.ghDefault, ids.ghGlobal], 'the acme/widgets-scoped integration is not visible');
  });
});

describe('fail closed', () => {
  test('if the audit row cannot be written, no credential is released', async () => {
    const db = w.t.rt.db;
    await db.exec(`
      CREATE FUNCTION test_refuse_release_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$;
      CREATE TRIGGER test_refuse_release_audit BEFORE INSERT ON audit_events FOR EACH ROW
        WHEN (NEW.action = 'integration.credentials_released') EXECUTE FUNCTION test_refuse_release_audit();`);
    try {
      const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'integration.credentials_released'`);
      // A 503 is a server failure the contract does not describe; this client does not check it against the contract.
      const raw = apiClient(w.t.rt.app!, w.ws.ownerToken);
      const res = await raw.get(`${URL}?provider=github`);
      assert.equal(res.status, 503);
      assert.equal(res.body.error, 'audit.write_failed');
      assert.ok(!res.text.includes('ghp_'), 'no secret in the refusal');
      const [{ n: afterwards }] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'integration.credentials_released'`);
      assert.equal(afterwards, before);
    } finally {
      await db.exec('DROP TRIGGER test_refuse_release_audit ON audit_events; DROP FUNCTION test_refuse_release_audit();');
    }
    assert.equal((await owner.get(`${URL}?provider=github`)).status, 200);
  });
});
