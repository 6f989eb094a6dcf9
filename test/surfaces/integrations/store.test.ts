// The integrations store through /sfp/api: create for every provider + auth type, validation
// naming the field, scope rules, immutability, one default per category (AI grouped) enforced
// by the database, delete, roles and workspace isolation. Every response of a contract route is
// validated against contracts/integrations.yaml by the `checked` clients.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Api, apiClient, setupWorkspace } from '../../helpers/api.ts';
import { cases } from '../../providers/integrations/fixtures.ts';
import { PROVIDERS as PROVIDER_NAMES } from '../../../src/providers/integrations/names.ts';
import { checked, type IntegrationsWorld, PAT_BODY, registerProjects, startWorld } from './helpers.ts';

let w: IntegrationsWorld;
let owner: Api;

before(async () => {
  w = await startWorld();
  owner = w.owner;
  await registerProjects(owner, [
    { identifier: 'acme/widgets', platform: 'github' },
    { identifier: 'acme/gadgets', platform: 'github' },
    { identifier: 'acme/ops/infra', platform: 'azure-devops' },
  ]);
});
after(() => w.close());

const create = (body: object) => owner.post('/sfp/api/integrations', body);
const db = () => w.t.rt.db;

async function expect400(body: object, field: string, message?: RegExp | string) {
  const res = await create(body);
  assert.equal(res.status, 400, res.text);
  assert.equal(res.body.field, field, res.text);
  if (typeof message === 'string') assert.equal(res.body.message, message);
  else if (message) assert.match(res.body.message, message);
  return res;
}

describe('projects registry', () => {
  test('register, list, duplicate, invalid identifiers', async () => {
    const list = await owner.get('/sfp/api/projects');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.map((p: { identifier: string; platform: string }) => `${p.platform}:${p.identifier}`),
      ['github:acme/gadgets', 'azure-devops:acme/ops/infra', 'github:acme/widgets'],
    );
    const dup = await owner.post('/sfp/api/projects', { identifier: 'acme/widgets', platform: 'github' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error, 'project.already_exists');
    const bad = await owner.post('/sfp/api/projects', { identifier: 'no-slash', platform: 'github' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'identifier');
    const badAdo = await owner.post('/sfp/api/projects', { identifier: 'org/repo', platform: 'azure-devops' });
    assert.equal(badAdo.body.field, 'identifier');
    const badPlatform = await owner.post('/sfp/api/projects', { identifier: 'a/b', platform: 'gitlab' });
    assert.equal(badPlatform.body.field, 'platform');
  });

  test('a project body that fails its schema: 400 project.validation_failed naming the field', async () => {
    for (const [body, field, message] of [
      [{ platform: 'github' }, 'identifier', 'identifier is required'],
      [{ identifier: 'a/b' }, 'platform', 'platform is required'],
      [{ identifier: 'a/b', platform: 'gitlab' }, 'platform', 'platform must be one of github, azure-devops'],
      [{ identifier: ['a/b'], platform: 'github' }, 'identifier', 'identifier must be a string'],
      [{ identifier: 'a/b', platform: 'github', name: 5 }, 'name', 'name must be a string'],
      [{ identifier: 'a/b', platform: 'github', description: 'x'.repeat(2001) }, 'description', 'description must be at most 2000 characters long'],
      [{ identifier: 'a/b', platform: 'github', owner: 'me' }, 'owner', 'owner is not a recognised field'],
    ] as const) {
      const res = await owner.post('/sfp/api/projects', body);
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.deepEqual({ error: res.body.error, field: res.body.field, message: res.body.message }, { error: 'project.validation_failed', field, message });
    }
  });

  test('delete by identifier (slashes in the path) and by id; 404 when unknown', async () => {
    const a = await owner.post('/sfp/api/projects', { identifier: 'tmp/one', platform: 'github', description: 'temporary' });
    assert.equal(a.status, 201);
    assert.equal(a.body.description, 'temporary');
    const b = await owner.post('/sfp/api/projects', { identifier: 'tmp/x/two', platform: 'azure-devops' });
    assert.equal((await owner.delete('/sfp/api/projects/tmp/one')).status, 204);
    assert.equal((await owner.delete(`/sfp/api/projects/${b.body.id}`)).status, 204);
    assert.equal((await owner.delete('/sfp/api/projects/tmp/one')).status, 404);
    assert.equal((await owner.delete('/sfp/api/projects/tmp%2Fx%2Ftwo')).status, 404);
    await owner.post('/sfp/api/projects', { identifier: 'enc/x y/three', platform: 'azure-devops' });
    assert.equal((await owner.delete('/sfp/api/projects/enc%2Fx%20y%2Fthree')).status, 204);
  });

  test('a project used by a project-scoped integration cannot be removed (409)', async () => {
    await owner.post('/sfp/api/projects', { identifier: 'held/repo', platform: 'github' });
    const i = await create({
      provider: 'jira',
      authType: 'basic_auth',
      credentials: { base_url: 'https://x.atlassian.net', username: 'u@x.io', api_token: 'tok-123' },
      projects: ['held/repo'],
    });
    assert.equal(i.status, 201, i.text);
    const res = await owner.delete('/sfp/api/projects/held/repo');
    assert.equal(res.status, 409);
    assert.deepEqual(res.body.integrations, [i.body.id]);
    assert.equal((await owner.delete(`/sfp/api/integrations/${i.body.id}`)).status, 204);
    assert.equal((await owner.delete('/sfp/api/projects/held/repo')).status, 204);
  });

  test('viewers may list projects but not register them', async () => {
    const viewer = owner.as(await w.token('viewer'));
    assert.equal((await viewer.get('/sfp/api/projects')).status, 200);
    assert.equal((await viewer.post('/sfp/api/projects', { identifier: 'v/v', platform: 'github' })).status, 403);
  });
});

describe('create', () => {
  test('every provider and auth type of the catalog is stored; responses show fingerprints, never values', async () => {
    const all = cases(w.sim);
    const providers = new Set<string>();
    for (const c of all) {
      const res = await create({ provider: c.provider, authType: c.authType, credentials: c.credentials, config: c.config, isGlobal: true });
      assert.equal(res.status, 201, `${c.name}: ${res.text}`);
      providers.add(c.provider);
      assert.equal(res.body.provider, c.provider);
      assert.equal(res.body.authType, c.authType);
      assert.equal(res.body.isGlobal, true);
      assert.equal(res.body.verification.status, 'unverified');
      for (const secret of c.secrets) assert.ok(!res.text.includes(secret), `${c.name}: a secret is in the create response`);
      for (const [field, value] of Object.entries(c.credentials)) {
        if (typeof value === 'string' && value.length >= 4 && !/^https?:/.test(value) && c.secrets.includes(value)) {
          const hint = res.body.credentials[field];
          assert.match(hint.fingerprint, /^[0-9a-f]{16}$/, `${c.name}: ${field}`);
          assert.equal(hint.last4, value.length >= 12 ? value.slice(-4) : null);
        }
      }
    }
    assert.equal(providers.size, 16, 'all sixteen providers of the contract');
    const listed = await owner.get('/sfp/api/integrations');
    for (const c of all) for (const secret of c.secrets) assert.ok(!listed.text.includes(secret));
  });

  test('the same secret shows the same fingerprint; last4 only for values of 12 characters or more', async () => {
    const a = await create(PAT_BODY('ghp_same_secret_value'));
    const b = await create(PAT_BODY('ghp_same_secret_value'));
    const short = await create(PAT_BODY('short'));
    assert.equal(a.body.credentials.token.fingerprint, b.body.credentials.token.fingerprint);
    assert.equal(short.body.credentials.token.last4, null);
    assert.notEqual(short.body.credentials.token.fingerprint, a.body.credentials.token.fingerprint);
  });

  test('a wrong or incomplete body answers 400 naming the field', async () => {
    await expect400({ authType: 'pat', credentials: { token: 'x' }, isGlobal: true }, 'provider');
    await expect400({ provider: 'bitbucket', authType: 'pat', credentials: { token: 'x' }, isGlobal: true }, 'provider');
    await expect400({ provider: 'github', credentials: { token: 'x' }, isGlobal: true }, 'authType');
    await expect400({ provider: 'github', authType: 'api_key', credentials: { token: 'x' }, isGlobal: true }, 'authType');
    await expect400({ provider: 'github', authType: 'pat', isGlobal: true }, 'credentials');
    await expect400({ provider: 'github', authType: 'pat', credentials: {}, isGlobal: true }, 'credentials.token', 'credentials.token is required');
    await expect400({ provider: 'github', authType: 'pat', credentials: { token: 'x', extra: 'y' }, isGlobal: true }, 'credentials.extra');
    await expect400(
      { provider: 'jira', authType: 'basic_auth', credentials: { base_url: 'ftp://x', username: 'u', api_token: 't' }, isGlobal: true },
      'credentials.base_url',
    );
    await expect400(
      {
        provider: 'azure-devops',
        authType: 'service_principal',
        credentials: { organization_url: 'https://dev.azure.com/o', client_id: 'c', client_secret: 's' },
        isGlobal: true,
      },
      'credentials.tenant_id',
    );
    await expect400(
      { provider: 'datadog', authType: 'api_key', credentials: { api_key: 'k' }, config: { site: 'evil.example' }, isGlobal: true },
      'config.site',
    );
    await expect400({ provider: 'splunk', authType: 'api_key', credentials: { api_key: 'k' }, isGlobal: true }, 'config.host');
    await expect400({ provider: 'ai_amazon_bedrock', authType: 'bearer', credentials: { bearer_token: 'k' }, isGlobal: true }, 'credentials.region');
    await expect400({ ...PAT_BODY(), isGlobal: 'yes' }, 'isGlobal');
    await expect400({ ...PAT_BODY(), surprise: 1 }, 'surprise');
  });

  test('a body that fails its schema: 400 integration.validation_failed naming the field, in words built from the field', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ ...PAT_BODY(), surprise: 1 }, 'surprise', 'surprise is not a recognised field'],
      [{ authType: 'pat', credentials: { token: 'x' }, isGlobal: true }, 'provider', 'provider is required'],
      [{ ...PAT_BODY(), provider: 'bitbucket' }, 'provider', `provider must be one of ${PROVIDER_NAMES.join(', ')}`],
      [
        { ...PAT_BODY(), authType: 'password' },
        'authType',
        'authType must be one of pat, oauth, app, basic, basic_auth, oauth_client_credentials, service_principal, api_key, bearer',
      ],
      [{ ...PAT_BODY(), credentials: 'ghp_x' }, 'credentials', 'credentials must be an object'],
      [{ ...PAT_BODY(), isGlobal: 'yes' }, 'isGlobal', 'isGlobal must be a boolean'],
      [{ ...PAT_BODY(), isDefault: 1 }, 'isDefault', 'isDefault must be a boolean'],
      [{ ...PAT_BODY(), isGlobal: false, projects: 'acme/widgets' }, 'projects', 'projects must be an array'],
      [{ ...PAT_BODY(), isGlobal: false, projects: [''] }, 'projects', 'projects must not be empty'],
      [{ ...PAT_BODY(), isGlobal: false, projects: [7] }, 'projects', 'projects must be a string'],
      [{ ...PAT_BODY(), isGlobal: false, projects: Array.from({ length: 501 }, (_, i) => `p/${i}`) }, 'projects', 'projects must have at most 500 items'],
      [{ ...PAT_BODY(), config: 'site=x' }, 'config', 'config must be an object'],
      [[PAT_BODY()], 'body', 'body must be an object'],
    ];
    for (const [body, field, message] of cases) {
      const res = await owner.post('/sfp/api/integrations', body as object);
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.deepEqual({ error: res.body.error, field: res.body.field, message: res.body.message }, { error: 'integration.validation_failed', field, message });
    }
    // null is "not given" for projects and config, as before the schema existed
    const nulls = await create({ ...PAT_BODY('ghp_nulls'), projects: null, config: null });
    assert.equal(nulls.status, 201, nulls.text);
    assert.deepEqual(nulls.body.config, {});
  });

  test('who may change the store is decided before the body is read: a wrong body still gets 403 / 401', async () => {
    const bad = { provider: 'bitbucket', surprise: true };
    const viewer = owner.as(await w.token('viewer'));
    const refused = await viewer.post('/sfp/api/integrations', bad);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.error, 'access.forbidden');
    const app = owner.as(await w.appToken(['integrations.manage']));
    const appRefused = await app.post('/sfp/api/integrations', bad);
    assert.equal(appRefused.status, 401, appRefused.text);
    assert.equal(appRefused.body.error, 'auth.application_token_not_permitted');
    const target = await create(PAT_BODY('ghp_order'));
    assert.equal((await viewer.patch(`/sfp/api/integrations/${target.body.id}`, { isDefault: 'yes' })).status, 403);
    assert.equal((await app.patch(`/sfp/api/integrations/${target.body.id}`, { isDefault: 'yes' })).status, 401);
    assert.equal((await w.vendor.post('/sfp/api/integrations', bad)).status, 403, 'the vendor has no workspace here');
    assert.equal((await viewer.post('/sfp/api/projects', { identifier: 5 })).status, 403);
  });

  test('scope: isGlobal or projects, never neither, never both; projects must be registered', async () => {
    const base = { provider: 'github', authType: 'pat', credentials: { token: 'ghp_scope' } };
    await expect400(base, 'isGlobal', 'Either isGlobal or projects must be specified');
    await expect400({ ...base, isGlobal: false, projects: [] }, 'isGlobal', 'Either isGlobal or projects must be specified');
    await expect400({ ...base, isGlobal: true, projects: ['acme/widgets'] }, 'projects');
    await expect400({ ...base, projects: ['acme/unknown'] }, 'projects', "Project 'acme/unknown' not found");
    await expect400({ ...base, projects: ['acme/widgets'], isDefault: true }, 'isDefault', 'Only global integrations can be default');
  });

  test('project-scoped: one integration per (project, provider); both Azure DevOps spellings are one provider', async () => {
    const scoped = await create({
      provider: 'github',
      authType: 'pat',
      credentials: { token: 'ghp_scoped_widgets' },
      projects: ['acme/widgets', 'acme/gadgets'],
    });
    assert.equal(scoped.status, 201, scoped.text);
    assert.equal(scoped.body.isGlobal, false);
    assert.deepEqual(scoped.body.projects, ['acme/gadgets', 'acme/widgets']);
    await expect400(
      { provider: 'github', authType: 'pat', credentials: { token: 'ghp_other' }, projects: ['acme/widgets'] },
      'projects',
      /already has a project-scoped github integration/,
    );
    const jira = await create({
      provider: 'jira',
      authType: 'basic_auth',
      credentials: { base_url: 'https://x.atlassian.net', username: 'u', api_token: 't' },
      projects: ['acme/widgets'],
    });
    assert.equal(jira.status, 201, 'another provider for the same project is fine');
    const ado = await create({
      provider: 'azure-devops',
      authType: 'pat',
      credentials: { organization_url: 'https://dev.azure.com/acme', token: 't' },
      projects: ['acme/ops/infra'],
    });
    assert.equal(ado.status, 201, ado.text);
    await expect400(
      { provider: 'azuredevops', authType: 'pat', credentials: { organization_url: 'https://dev.azure.com/acme', token: 't2' }, projects: ['acme/ops/infra'] },
      'projects',
    );
  });

  test('default on create: the category keeps one default', async () => {
    const a = await create({ ...PAT_BODY('ghp_default_a'), isDefault: true });
    const b = await create({ ...PAT_BODY('ghp_default_b'), isDefault: true });
    assert.equal(a.body.isDefault, true);
    assert.equal(b.body.isDefault, true);
    const defaults = await owner.get('/sfp/api/integrations/defaults');
    assert.deepEqual(
      defaults.body.filter((d: { category: string }) => d.category === 'github').map((d: { id: string }) => d.id),
      [b.body.id],
    );
  });
});

describe('update', () => {
  test('credentials are replaced (new fingerprint, verification reset); config replaced; nothing else changes', async () => {
    const c = await create({
      provider: 'datadog',
      authType: 'api_key',
      credentials: { api_key: 'dd-0123456789-first' },
      config: { site: 'datadoghq.com' },
      isGlobal: true,
    });
    await db().query(`UPDATE integrations SET verification_status = 'verified', verification_reason_code = 'ok', verified_at = now() WHERE id = $1`, [
      c.body.id,
    ]);
    const res = await owner.patch(`/sfp/api/integrations/${c.body.id}`, { credentials: { api_key: 'dd-0123456789-second' } });
    assert.equal(res.status, 200, res.text);
    assert.notEqual(res.body.credentials.api_key.fingerprint, c.body.credentials.api_key.fingerprint);
    assert.equal(res.body.credentials.api_key.last4, 'cond');
    assert.equal(res.body.verification.status, 'unverified');
    assert.deepEqual(res.body.config, { site: 'datadoghq.com' });
    assert.ok(!res.text.includes('dd-0123456789-second'));
    const cfg = await owner.patch(`/sfp/api/integrations/${c.body.id}`, { config: { site: 'datadoghq.eu' }, credentials: { api_key: 'dd-0123456789-third' } });
    assert.equal(cfg.status, 200, cfg.text);
    assert.deepEqual(cfg.body.config, { site: 'datadoghq.eu' });
    const bad = await owner.patch(`/sfp/api/integrations/${c.body.id}`, { credentials: { api_key: 'x', other: 'y' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'credentials.other');
    const badCfg = await owner.patch(`/sfp/api/integrations/${c.body.id}`, { config: { site: 'example.org' } });
    assert.equal(badCfg.body.field, 'config.site');
  });

  test('an update body that fails its schema: 400 naming the field', async () => {
    const c = await create(PAT_BODY('ghp_update_schema'));
    for (const [body, field, message] of [
      [{ credentials: null }, 'credentials', 'credentials must be an object'],
      [{ credentials: ['ghp_x'] }, 'credentials', 'credentials must be an object'],
      [{ config: 'x' }, 'config', 'config must be an object'],
      [{ isDefault: 'true' }, 'isDefault', 'isDefault must be a boolean'],
      [{ surprise: 1 }, 'surprise', 'surprise is not a recognised field'],
      [{ isGlobal: 'yes' }, 'isGlobal', 'isGlobal must be a boolean'],
    ] as const) {
      const res = await owner.patch(`/sfp/api/integrations/${c.body.id}`, body);
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.deepEqual({ error: res.body.error, field: res.body.field, message: res.body.message }, { error: 'integration.validation_failed', field, message });
    }
  });

  test('provider, authType, projects / isGlobal are immutable (400); restating them unchanged is allowed', async () => {
    const c = await create(PAT_BODY('ghp_immutable'));
    for (const [field, value] of [
      ['provider', 'gitlab'],
      ['authType', 'app'],
      ['isGlobal', false],
      ['projects', ['acme/widgets']],
    ] as const) {
      const res = await owner.patch(`/sfp/api/integrations/${c.body.id}`, { [field]: value });
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.equal(res.body.error, 'integration.immutable');
      assert.equal(res.body.field, field);
    }
    const same = await owner.patch(`/sfp/api/integrations/${c.body.id}`, { provider: 'github', authType: 'pat', isGlobal: true, projects: [] });
    assert.equal(same.status, 200, same.text);
  });

  test('only a global integration can be default; a config change that moves the credential needs the credential again', async () => {
    const scoped = await create({ provider: 'gitlab', authType: 'pat', credentials: { token: 'glpat-scoped' }, projects: ['acme/gadgets'] });
    const res = await owner.patch(`/sfp/api/integrations/${scoped.body.id}`, { isDefault: true });
    assert.equal(res.status, 400);
    assert.equal(res.body.message, 'Only global integrations can be default');
    const splunk = await create({
      provider: 'splunk',
      authType: 'api_key',
      credentials: { api_key: 'hec-token-1234567' },
      config: { host: 'https://splunk.example:8088' },
      isGlobal: true,
    });
    const moved = await owner.patch(`/sfp/api/integrations/${splunk.body.id}`, { config: { host: 'https://elsewhere.example:8088' } });
    assert.equal(moved.status, 400);
    assert.equal(moved.body.field, 'credentials');
    const withCred = await owner.patch(`/sfp/api/integrations/${splunk.body.id}`, {
      config: { host: 'https://elsewhere.example:8088' },
      credentials: { api_key: 'hec-token-7654321' },
    });
    assert.equal(withCred.status, 200, withCred.text);
    assert.deepEqual(withCred.body.credentialOrigins, ['https://elsewhere.example:8088']);
  });

  test('unknown, malformed or other-workspace ids answer 404', async () => {
    assert.equal((await owner.patch('/sfp/api/integrations/00000000-0000-4000-8000-000000000000', { isDefault: true })).status, 404);
    assert.equal((await owner.patch('/sfp/api/integrations/not-a-uuid', { isDefault: true })).status, 404);
  });
});

describe('defaults', () => {
  test('setting a default unsets the previous one of the category; the AI providers form one category', async () => {
    const anthropic = await create({ provider: 'ai_anthropic', authType: 'api_key', credentials: { api_key: 'sk-ant-1' }, isGlobal: true, isDefault: true });
    const openai = await create({ provider: 'ai_openai', authType: 'api_key', credentials: { api_key: 'sk-1' }, isGlobal: true });
    const nr = await create({ provider: 'newrelic', authType: 'api_key', credentials: { api_key: 'NRAK-1' }, isGlobal: true, isDefault: true });
    const res = await owner.patch(`/sfp/api/integrations/${openai.body.id}`, { isDefault: true });
    assert.equal(res.status, 200);
    assert.equal(res.body.isDefault, true);
    const defaults = (await owner.get('/sfp/api/integrations/defaults')).body as Array<{ id: string; category: string }>;
    const ids = defaults.map((d) => d.id);
    assert.ok(ids.includes(openai.body.id));
    assert.ok(!ids.includes(anthropic.body.id), 'the anthropic default was unset');
    assert.ok(ids.includes(nr.body.id), 'other categories keep theirs');
    assert.equal(new Set(defaults.map((d) => d.category)).size, defaults.length, 'one default per category');
    const [unset] = await db().query(`SELECT metadata FROM audit_events WHERE action = 'integration.default_unset' AND target_id = $1`, [anthropic.body.id]);
    assert.equal(unset.metadata.replaced_by, openai.body.id);
    const off = await owner.patch(`/sfp/api/integrations/${openai.body.id}`, { isDefault: false });
    assert.equal(off.body.isDefault, false);
  });

  test('concurrent default changes in one category leave exactly one default', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await create({ provider: 'npm', authType: 'pat', credentials: { token: `npm_tok_${i}` }, isGlobal: true })).body.id);
    const results = await Promise.all(ids.map((id) => owner.patch(`/sfp/api/integrations/${id}`, { isDefault: true })));
    assert.deepEqual(
      results.map((r) => r.status),
      ids.map(() => 200),
    );
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM integrations WHERE category = 'npm' AND is_default`);
    assert.equal(n, 1);
  });

  test('the database enforces the invariants, not only the service', async () => {
    const [{ id: ws }] = await db().query('SELECT id FROM workspaces WHERE id = $1', [w.ws.workspaceId]);
    const insert = (extra: string, values: string) =>
      db().query(`INSERT INTO integrations (workspace_id, provider, auth_type, is_global, credential_origins${extra}) VALUES ($1, 'jfrog', 'pat', ${values})`, [
        ws,
      ]);
    await insert(', is_default', `true, '{https://a.example}', true`);
    await assert.rejects(insert(', is_default', `true, '{https://a.example}', true`), /integrations_one_default_per_category/);
    await assert.rejects(insert(', is_default', `false, '{https://a.example}', true`), /integrations_default_is_global/);
    await assert.rejects(insert('', `false, '{https://a.example}'`), /project-scoped integration needs at least one project/);
    await assert.rejects(db().query(`UPDATE integrations SET provider = 'gitlab' WHERE provider = 'jfrog'`), /cannot change/);
    await assert.rejects(db().query(`UPDATE integrations SET auth_type = 'api_key' WHERE provider = 'jfrog'`), /cannot change/);
    await assert.rejects(
      db().query(
        `INSERT INTO integrations (workspace_id, provider, auth_type, is_global, credential_origins) VALUES ($1, 'bitbucket', 'pat', true, '{https://a.example}')`,
        [ws],
      ),
      /check/i,
    );
  });
});

describe('delete', () => {
  test('removes the integration, destroys its sealed secret, removes it from projects and audits', async () => {
    await owner.post('/sfp/api/projects', { identifier: 'del/repo', platform: 'github' });
    const c = await create({ provider: 'github', authType: 'pat', credentials: { token: 'ghp_to_delete' }, projects: ['del/repo'] });
    const secretsBefore = await db().query(`SELECT 1 FROM vault_secrets WHERE record_type = 'integration' AND record_id = $1`, [c.body.id]);
    assert.equal(secretsBefore.length, 1);
    const res = await owner.delete(`/sfp/api/integrations/${c.body.id}`);
    assert.equal(res.status, 204);
    assert.equal((await db().query(`SELECT 1 FROM vault_secrets WHERE record_id = $1`, [c.body.id])).length, 0);
    assert.equal((await db().query(`SELECT 1 FROM integration_projects WHERE integration_id = $1`, [c.body.id])).length, 0);
    const [audit] = await db().query(`SELECT actor_id, metadata FROM audit_events WHERE action = 'integration.deleted' AND target_id = $1`, [c.body.id]);
    assert.deepEqual(audit.metadata.projects, ['del/repo']);
    assert.equal(audit.metadata.secrets_destroyed, 1);
    assert.equal((await owner.delete(`/sfp/api/integrations/${c.body.id}`)).status, 404);
    assert.equal((await owner.delete('/sfp/api/projects/del/repo')).status, 204, 'the project is free again');
  });
});

describe('roles and workspaces', () => {
  test('admins, operators and viewers get 403 on the owner operations', async () => {
    const target = await create(PAT_BODY('ghp_roles'));
    for (const role of ['admin', 'operator', 'viewer']) {
      const api = owner.as(await w.token(role));
      assert.equal((await api.get('/sfp/api/integrations')).status, 403, role);
      assert.equal((await api.get('/sfp/api/integrations/defaults')).status, 403, role);
      assert.equal((await api.post('/sfp/api/integrations', PAT_BODY())).status, 403, role);
      assert.equal((await api.patch(`/sfp/api/integrations/${target.body.id}`, { isDefault: true })).status, 403, role);
      assert.equal((await api.delete(`/sfp/api/integrations/${target.body.id}`)).status, 403, role);
      assert.equal((await api.get('/sfp/api/integrations/credentials?provider=github')).status, 403, role);
    }
  });

  test('application tokens may never create or change integrations (401), whatever they hold', async () => {
    const target = await create(PAT_BODY('ghp_app_target'));
    const app = owner.as(await w.appToken(['integrations.view', 'integrations.manage', 'integrations.credentials.read']));
    const created = await app.post('/sfp/api/integrations', PAT_BODY());
    assert.equal(created.status, 401);
    assert.equal(created.body.error, 'auth.application_token_not_permitted');
    assert.equal((await app.patch(`/sfp/api/integrations/${target.body.id}`, { isDefault: true })).status, 401);
    assert.equal((await app.delete(`/sfp/api/integrations/${target.body.id}`)).status, 401);
  });

  test('an application token narrowed to providers lists only those', async () => {
    await create({ provider: 'gitlab', authType: 'pat', credentials: { token: 'glpat-narrow' }, isGlobal: true });
    const app = owner.as(await w.appToken(['integrations.view'], { providers: ['gitlab'] }));
    const res = await app.get('/sfp/api/integrations');
    assert.equal(res.status, 200);
    assert.ok(res.body.length > 0);
    assert.ok(res.body.every((i: { provider: string }) => i.provider === 'gitlab'));
  });

  test('list filters by provider; a provider the contract does not enumerate is a 400, not an empty list', async () => {
    const res = await owner.get('/sfp/api/integrations?provider=splunk');
    assert.ok(res.body.length > 0 && res.body.every((i: { provider: string }) => i.provider === 'splunk'));
    const unknown = await owner.get('/sfp/api/integrations?provider=bitbucket');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, 'provider');
  });

  test('list pagination (an extension): pages in creation order add up to the full list', async () => {
    const full = (await owner.get('/sfp/api/integrations')).body.map((i: { id: string }) => i.id);
    assert.ok(full.length > 20);
    const paged: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const res = await owner.get(`/sfp/api/integrations?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      paged.push(...res.body.map((i: { id: string }) => i.id));
      cursor = res.headers['x-next-cursor'] as string | undefined;
      if (!cursor) break;
    }
    assert.deepEqual(paged, full);
    // A malformed cursor of the extension is a 400 (not a contract status: checked with a plain client).
    const bad = await apiClient(w.t.rt.app!, w.ws.ownerToken).get('/sfp/api/integrations?limit=5&cursor=bogus');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'integration.cursor_invalid');
  });

  test('another workspace sees nothing and gets 404 for our integrations', async () => {
    const mine = await create(PAT_BODY('ghp_isolated'));
    const other = await setupWorkspace(apiClient(w.t.rt.app!, w.t.vendorToken), 'Other');
    const them = checked(apiClient(w.t.rt.app!, other.ownerToken));
    const list = await them.get('/sfp/api/integrations');
    assert.deepEqual(list.body, []);
    assert.equal((await them.patch(`/sfp/api/integrations/${mine.body.id}`, { isDefault: true })).status, 404);
    assert.equal((await them.delete(`/sfp/api/integrations/${mine.body.id}`)).status, 404);
    assert.equal((await them.post(`/sfp/api/integrations/${mine.body.id}/verify`, {})).status, 404);
    assert.equal((await them.get('/sfp/api/integrations/credentials?provider=github')).status, 404);
    const scoped = await them.post('/sfp/api/integrations', { ...PAT_BODY(), isGlobal: false, projects: ['acme/widgets'] });
    assert.equal(scoped.status, 400, 'our projects are not theirs');
    assert.equal(scoped.body.message, "Project 'acme/widgets' not found");
  });

  test('the vendor token has no workspace here (403)', async () => {
    assert.equal((await w.vendor.get('/sfp/api/integrations')).status, 403);
  });
});
