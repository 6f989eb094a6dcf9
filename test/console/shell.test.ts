// The console shell: how the service serves it (types, caching, CSP, client routes, no
// traversal), its own read routes, and the browser journeys — sign in (keyboard only), workspace
// switcher, tenants, audit log with chain verification, and a run watched live to completion.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { apiClient, memberToken, setupWorkspace } from '../helpers/api.ts';
import { testRunsModule } from '../helpers/test-runs-module.ts';
import { openConsole, pageText, screenshot, signIn, startConsoleEnv, tabTo, type ConsoleEnv } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let env: ConsoleEnv;

before(async () => {
  env = await startConsoleEnv({ extraModules: (core) => [testRunsModule(core)] });
});
after(() => env?.close());

const get = (path: string, headers: Record<string, string> = {}) => env.t.rt.app!.inject({ method: 'GET', url: path, headers });

describe('serving the console', () => {
  test('/console redirects to /console/, which is index.html with a strict CSP and no inline script', async () => {
    const r = await get('/console');
    assert.equal(r.statusCode, 302);
    assert.equal(r.headers.location, '/console/');
    const page = await get('/console/');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['x-frame-options'], 'DENY');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // Every script is an external file (the CSP would block an inline one).
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length >= 1);
    for (const s of scripts) assert.match(s, /src="\/console\/assets\/[^"]+\.js"/);
    assert.doesNotMatch(page.body, /\sstyle="/);
  });

  test('hashed assets: right content type, cached for a year, revalidated by ETag', async () => {
    const index = (await get('/console/')).body;
    const js = /src="(\/console\/assets\/[^"]+\.js)"/.exec(index)![1];
    const css = /href="(\/console\/assets\/[^"]+\.css)"/.exec(index)![1];
    const a = await get(js);
    assert.equal(a.statusCode, 200);
    assert.equal(a.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(a.headers['cache-control'], 'public, max-age=31536000, immutable');
    const again = await get(js, { 'if-none-match': String(a.headers.etag) });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const c = await get(css);
    assert.equal(c.headers['content-type'], 'text/css; charset=utf-8');
    const icon = await get('/console/favicon.svg');
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['content-type'], 'image/svg+xml');
    assert.equal(icon.headers['cache-control'], 'no-cache');
  });

  test('client-side routes get index.html; a missing file is a 404, not the app', async () => {
    const index = (await get('/console/')).body;
    for (const path of ['/console/tenants', '/console/tenants/42/connections/abc', '/console/runs/7?x=1', '/console/oidc/callback?code=x&state=y']) {
      const r = await get(path);
      assert.equal(r.statusCode, 200, path);
      assert.equal(r.body, index, path);
    }
    const missing = await get('/console/assets/index-doesnotexist.js');
    assert.equal(missing.statusCode, 404);
    assert.doesNotMatch(missing.body, /<html/);
    const api = await get('/console/api/nothing-here');
    assert.equal(api.statusCode, 404);
    assert.equal(JSON.parse(api.body).error, 'console_route.not_found');
  });

  test('no path reaches a file outside console/dist, nor a dotfile inside it', async () => {
    const secretish = readFileSync(join(ROOT, 'package.json'), 'utf8');
    const stamp = readFileSync(join(ROOT, 'console/dist/.build-hash'), 'utf8').trim();
    const attempts = [
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/..%2f..%2fpackage.json',
      '/console/assets/..%2f..%2f..%2fpackage.json',
      '/console/assets%2f..%2f..%2f..%2fpackage.json',
      '/console/%2e%2e%5c%2e%2e%5cpackage.json',
      '/console/....//....//package.json',
      '/console//etc/passwd',
      '/console/%00index.html',
      '/console/.build-hash',
      '/console/assets/../.build-hash',
      '/console/%2e%2fsrc%2fmain.tsx',
    ];
    for (const url of attempts) {
      const r = await get(url);
      assert.ok([200, 400, 404].includes(r.statusCode), `${url}: ${r.statusCode}`);
      assert.ok(!r.body.includes('"dependencies"') && !r.body.includes(secretish.slice(0, 40)), `${url} served package.json`);
      assert.ok(!r.body.includes(stamp), `${url} served a dotfile`);
      assert.ok(!r.body.includes('root:x:0:0'), `${url} served /etc/passwd`);
      assert.ok(!r.body.includes('createRoot('), `${url} served a source file`);
    }
  });

  test('the console sources typecheck (strict TypeScript, DOM types)', async () => {
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    await promisify(execFile)(tsc, ['--noEmit', '-p', join(ROOT, 'console/tsconfig.json')], { cwd: ROOT });
  });
});

describe('the console API', () => {
  test('/console/api/config is public and says whether OIDC sign-in is offered', async () => {
    const r = await get('/console/api/config');
    assert.equal(r.statusCode, 200);
    assert.deepEqual(JSON.parse(r.body), { oidc: null });
  });

  test('/console/api/session names the principal, its workspace and capabilities', async () => {
    assert.equal((await get('/console/api/session')).statusCode, 401);
    const vendor = await env.vendor.get('/console/api/session');
    assert.equal(vendor.status, 200);
    assert.equal(vendor.body.kind, 'vendor');
    assert.equal(vendor.body.workspace_id, null);
    assert.ok(vendor.body.capabilities.includes('workspaces.manage'));
    const ws = await setupWorkspace(env.vendor, 'Session');
    const viewer = await env.vendor.as(await memberToken(env.vendor, ws.workspaceId, 'viewer')).get('/console/api/session');
    assert.equal(viewer.body.kind, 'member');
    assert.equal(viewer.body.role, 'viewer');
    assert.equal(viewer.body.workspace_id, ws.workspaceId);
    assert.ok(!viewer.body.capabilities.includes('tenants.manage'));
  });

  test('/console/api/integration-shapes: fields from the provider catalog, secrets marked, authenticated', async () => {
    assert.equal((await get('/console/api/integration-shapes')).statusCode, 401);
    const r = await env.vendor.get('/console/api/integration-shapes');
    assert.equal(r.status, 200);
    const github = r.body.providers.find((p: { provider: string }) => p.provider === 'github');
    assert.equal(github.displayName, 'GitHub');
    const pat = github.authTypes.find((a: { authType: string }) => a.authType === 'pat');
    assert.deepEqual(
      pat.credentials.map((f: { name: string; secret: boolean; input: string; required: boolean }) => [f.name, f.secret, f.input, f.required]),
      [['token', true, 'password', true]],
    );
    const app = github.authTypes.find((a: { authType: string }) => a.authType === 'app');
    assert.equal(app.credentials.find((f: { name: string }) => f.name === 'privateKey').input, 'textarea');
    assert.equal(app.credentials.find((f: { name: string }) => f.name === 'installationId').required, false);
    const splunk = r.body.providers.find((p: { provider: string }) => p.provider === 'splunk');
    assert.deepEqual(
      splunk.authTypes[0].config.map((f: { name: string; input: string }) => [f.name, f.input]),
      [['host', 'url']],
    );
    assert.equal(r.body.providers.length, 16);
  });

  test("run history is confined to the caller's workspace and filtered by target", async () => {
    const a = await setupWorkspace(env.vendor, 'RunsA');
    const b = await setupWorkspace(env.vendor, 'RunsB');
    const owner = env.vendor.as(a.ownerToken);
    const started = await owner.post(`/test/workspaces/${a.workspaceId}/runs`, { type: 'test.sleep', scope: 'history-1', inputs: { ms: 50 } });
    assert.equal(started.status, 201);
    await owner.post(`/test/workspaces/${a.workspaceId}/runs`, { type: 'test.fail', scope: 'history-2', blocked: true });
    const all = await owner.get(`/console/api/workspaces/${a.workspaceId}/operation-runs`);
    assert.equal(all.status, 200);
    assert.equal(all.body.items.length, 2);
    const one = await owner.get(`/console/api/workspaces/${a.workspaceId}/operation-runs?target_type=test&target_id=history-2`);
    assert.deepEqual(
      one.body.items.map((r: { outcome: string; reason_code: string; next_steps: string[] }) => [r.outcome, r.reason_code, r.next_steps]),
      [['blocked', 'missing_configuration', ['Attach a credential.']]],
    );
    assert.equal((await owner.get(`/console/api/workspaces/${b.workspaceId}/operation-runs`)).status, 404, 'another workspace is invisible');
    assert.equal((await env.vendor.get(`/console/api/workspaces/${a.workspaceId}/operation-runs?limit=1`)).body.items.length, 1);
  });

  test("/console/api/scim-configurations: the signed-in workspace's configurations only", async () => {
    const a = await setupWorkspace(env.vendor, 'ScimListA');
    const b = await setupWorkspace(env.vendor, 'ScimListB');
    const create = (ws: typeof a) =>
      env.vendor.as(ws.ownerToken).post('/directory/resources/v1/configurations/scim2', { source: 'okta' }, { 'frontegg-tenant-id': String(ws.tenantId) });
    const ca = await create(a);
    const cb = await create(b);
    assert.equal(ca.status, 201);
    const ids = (res: { body: Array<{ id: string }> }) => res.body.map((c) => c.id);
    const owner = env.vendor.as(a.ownerToken);
    const mine = await owner.get('/console/api/scim-configurations');
    assert.equal(mine.status, 200);
    assert.deepEqual(ids(mine), [ca.body.id]);
    assert.equal(mine.body[0].baseUrl, ca.body.baseUrl);
    assert.ok(!mine.text.includes(ca.body.token), 'never the token');
    assert.deepEqual(ids(await owner.get(`/console/api/scim-configurations?workspace_id=${a.workspaceId}`)), [ca.body.id]);
    // Hostile: naming another workspace is 404, as if it did not exist.
    const hostile = await owner.get(`/console/api/scim-configurations?workspace_id=${b.workspaceId}`);
    assert.equal(hostile.status, 404);
    assert.ok(!hostile.text.includes(cb.body.id));
    // An application token of the workspace with scim.view; without it 403.
    const reader = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: 'scim-reader', capabilities: ['scim.view'] });
    assert.deepEqual(ids(await env.vendor.as(reader.body.token).get('/console/api/scim-configurations')), [ca.body.id]);
    const blind = await owner.post(`/api/v1/workspaces/${a.workspaceId}/tokens`, { name: 'blind', capabilities: ['tenants.view'] });
    const refused = await env.vendor.as(blind.body.token).get('/console/api/scim-configurations');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, 'access.forbidden');
    // The vendor names the workspace (and then sees only that one's).
    assert.deepEqual(ids(await env.vendor.get(`/console/api/scim-configurations?workspace_id=${b.workspaceId}`)), [cb.body.id]);
    const unnamed = await env.vendor.get('/console/api/scim-configurations');
    assert.equal(unnamed.status, 400);
    assert.equal(unnamed.body.error, 'request.invalid');
    assert.equal((await get('/console/api/scim-configurations')).statusCode, 401);
  });

  test("SCIM users and groups views: 404 for unknown ids and for another workspace's configuration", async () => {
    const a = await setupWorkspace(env.vendor, 'ScimViewA');
    const b = await setupWorkspace(env.vendor, 'ScimViewB');
    const created = await env.vendor
      .as(a.ownerToken)
      .post('/directory/resources/v1/configurations/scim2', { source: 'okta' }, { 'frontegg-tenant-id': String(a.tenantId) });
    assert.equal(created.status, 201);
    const path = `/console/api/scim-configurations/${created.body.id}`;
    const mine = await env.vendor.as(a.ownerToken).get(`${path}/users`);
    assert.deepEqual(mine.body, { total: 0, items: [] });
    assert.deepEqual((await env.vendor.get(`${path}/groups`)).body, { total: 0, items: [] });
    assert.equal((await env.vendor.as(b.ownerToken).get(`${path}/users`)).status, 404);
    assert.equal((await env.vendor.get('/console/api/scim-configurations/not-a-uuid/users')).status, 404);
    assert.equal((await env.vendor.get('/console/api/scim-configurations/00000000-0000-4000-8000-000000000000/groups')).status, 404);
  });
});

describe('in the browser', () => {
  test('keyboard only: sign in with a token, create a tenant, open it', async () => {
    const ws = await setupWorkspace(env.vendor, 'Keyboard Co');
    const cp = await openConsole(env);
    const { page } = cp;
    await page.goto('/console/');
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await screenshot(page, 'sign-in');
    // The token field has focus on arrival; everything below is keys only.
    await page.keyboard.type(ws.ownerToken);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tenants', level: 1 }).waitFor();
    await tabTo(page, (el) => el.label === 'Tenant name');
    await page.keyboard.type('Northwind Traders');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Tenant Northwind Traders created' }).waitFor();
    await page.getByRole('link', { name: 'Northwind Traders' }).waitFor();
    // Back to the top and Tab to the new tenant's link.
    await page.locator('h1').focus();
    await tabTo(page, (el) => el.tag === 'a' && el.text === 'Northwind Traders');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Northwind Traders', level: 1 }).waitFor();
    assert.equal(await page.evaluate('document.activeElement.tagName'), 'H1', 'focus moves to the new page heading');
    const tenants = await env.vendor.get(`/api/v1/workspaces/${ws.workspaceId}/tenants`);
    assert.ok(tenants.body.items.some((t: { name: string }) => t.name === 'Northwind Traders'));
    await cp.done();
  });

  test('a rejected token is reported, and the token is kept in sessionStorage only', async () => {
    const cp = await openConsole(env);
    const { page } = cp;
    const expected401 = /status of 401/;
    cp.expectProblem(expected401);
    await page.goto('/console/');
    await page.getByLabel('API token').fill('sbt_this-token-does-not-exist-aaaaaaaaaaaaaaaaaaaaaa');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'This token was not accepted (auth.invalid_token)' }).waitFor();
    assert.equal(cp.expectProblem(expected401), 1, 'exactly the one rejected sign-in');

    await page.getByLabel('API token').fill(env.t.vendorToken);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const storage = (await page.evaluate(
      '({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage), cookie: document.cookie })',
    )) as Record<string, string>;
    assert.ok(storage.session.includes(env.t.vendorToken));
    assert.ok(!storage.local.includes(env.t.vendorToken), 'never in localStorage');
    assert.equal(storage.cookie, '');
    // A reload keeps the session (same tab) …
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // … another tab does not share it …
    const other = await cp.context.newPage();
    await other.goto('/console/tenants');
    await other.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await other.close();
    // … and signing out forgets it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    assert.ok(!((await page.evaluate('JSON.stringify(sessionStorage)')) as string).includes(env.t.vendorToken));
    await cp.done();
  });

  test('a list says it is loading until its rows arrive; a form is busy while its request runs and shows why it failed', async () => {
    const ws = await setupWorkspace(env.vendor, 'Patterns');
    const cp = await openConsole(env);
    const { page } = cp;
    // Hold the tenants list and the create request until the test has seen the in-between state.
    let releaseList!: () => void;
    const listHeld = new Promise<void>((r) => (releaseList = r));
    let releaseCreate!: () => void;
    const createHeld = new Promise<void>((r) => (releaseCreate = r));
    let createSeen!: () => void;
    const createArrived = new Promise<void>((r) => (createSeen = r));
    await page.route(new RegExp(`/api/v1/workspaces/${ws.workspaceId}/tenants(\\?.*)?$`), async (route) => {
      if (route.request().method() === 'GET') await listHeld;
      else {
        createSeen();
        await createHeld;
      }
      await route.continue();
    });
    await signIn(cp, ws.ownerToken);
    await page.getByText('Loading tenants…').waitFor();
    assert.equal(await page.locator('table.tenants').count(), 0);
    releaseList();
    await page.locator('table.tenants tbody tr', { hasText: 'Patterns Tenant' }).waitFor();
    assert.equal(await page.getByText('Loading tenants…').count(), 0);

    // A slug already taken: the server refuses it (409).
    const expected409 = /status of 409/;
    cp.expectProblem(expected409);
    await page.getByLabel('Tenant name').fill('Second patterns tenant');
    await page.getByLabel('Slug (optional)').fill(ws.tenantSlug);
    const create = page.getByRole('button', { name: 'Create tenant' });
    await create.click();
    await createArrived;
    assert.equal(await create.isDisabled(), true, 'busy while the request runs');
    releaseCreate();
    await page.getByRole('alert').filter({ hasText: 'The tenant was not created:' }).waitFor();
    assert.equal(await create.isDisabled(), false, 'usable again once it failed');
    assert.equal(cp.expectProblem(expected409), 1);
    await cp.done();
  });

  test('audit log pages with Load more until every event is shown', async () => {
    const ws = await setupWorkspace(env.vendor, 'Paged');
    const owner = env.vendor.as(ws.ownerToken);
    for (let i = 0; i < 50; i++) assert.equal((await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tenants`, { name: `Paged ${i}` })).status, 201);
    const all = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?limit=200`);
    const total = all.body.items.length as number;
    assert.ok(total > 50 && all.body.next_cursor === null, `${total} events`);
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByText('50 events (more available)').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText(`${total} events`, { exact: true }).waitFor();
    assert.equal(await page.locator('table.audit tbody tr').count(), total);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    await cp.done();
  });

  test('the vendor switches workspaces; each shows its own tenants', async () => {
    const a = await setupWorkspace(env.vendor, 'Alpha Holdings');
    const b = await setupWorkspace(env.vendor, 'Beta Logistics');
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, env.t.vendorToken);
    const switcher = page.getByLabel('Workspace', { exact: true });
    await switcher.selectOption({ label: 'Alpha Holdings' });
    await page.getByRole('link', { name: 'Alpha Holdings Tenant' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Beta Logistics Tenant' }).count(), 0);
    await switcher.selectOption({ label: 'Beta Logistics' });
    await page.getByRole('link', { name: 'Beta Logistics Tenant' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Alpha Holdings Tenant' }).count(), 0);
    await screenshot(page, 'tenants-workspace-switcher');
    // A member has no switcher: their one workspace is named.
    const member = await openConsole(env);
    await signIn(member, a.ownerToken);
    assert.equal(await member.page.getByLabel('Workspace', { exact: true }).count(), 0);
    await member.page.locator('.workspace-name', { hasText: 'Alpha Holdings' }).waitFor();
    await member.done();
    assert.ok(b.workspaceId);
    await cp.done();
  });

  test('audit log: filter by action and target, then verify the hash chain', async () => {
    const ws = await setupWorkspace(env.vendor, 'Audited');
    const owner = env.vendor.as(ws.ownerToken);
    await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tenants`, { name: 'Second tenant' });
    await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tenants`, { name: 'Third tenant' });
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const rows = page.locator('table.audit tbody tr');
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    assert.ok(actions.includes('workspace.created') && actions.includes('token.created') && actions.includes('tenant.created'), actions.join());

    await page.getByLabel('Action').fill('tenant.created');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('3 events').waitFor();
    assert.deepEqual(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))), new Set(['tenant.created']));

    const tenants = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/tenants`);
    const third = tenants.body.items.find((t: { name: string }) => t.name === 'Third tenant');
    await page.getByLabel('Target').fill(`tenant:${third.id}`);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1 event', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.locator('[data-verify]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-verify'), 'ok');
    const verified = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events/verify`);
    await page.getByText(`Chain intact: ${verified.body.events} events verified`).waitFor();
    await screenshot(page, 'audit-log');

    // Tampering shows up as a broken chain, with the event named.
    await env.t.rt.db.exec(
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
       UPDATE audit_events SET action = 'tenant.renamed' WHERE workspace_id = '${ws.workspaceId}' AND target_id = '${third.id}';
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`,
    );
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.locator('[data-verify="broken"]').waitFor();
    await page.getByText(/Chain broken: \d+ problem/).waitFor();
    await cp.done();
  });

  test('a run is watched live from its event stream until it completes; failures show reason and next steps', async () => {
    const ws = await setupWorkspace(env.vendor, 'Runner');
    const owner = env.vendor.as(ws.ownerToken);
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken);
    const started = await owner.post(`/test/workspaces/${ws.workspaceId}/runs`, { type: 'test.sleep', scope: 'live-1', inputs: { ms: 4000 } });
    assert.equal(started.status, 201);
    await page.goto(`/console/runs/${started.body.run.id}`);
    const run = page.locator(`[data-run-id="${started.body.run.id}"]`);
    // Progress arrives while the run is still running …
    await page.locator('.progress-text', { hasText: /[1-4] of 5 — step [1-4] of 5/ }).waitFor();
    assert.notEqual(await run.getAttribute('data-status'), 'completed');
    await page.getByText('● live').waitFor();
    await screenshot(page, 'run-live-progress');
    // … and the stream carries it to completion without a reload.
    await page.locator(`[data-run-id="${started.body.run.id}"][data-status="completed"]`).waitFor({ timeout: 30_000 });
    assert.equal(await run.getAttribute('data-outcome'), 'succeeded');
    await page.locator('.progress-text', { hasText: '5 of 5' }).waitFor();

    const failed = await owner.post(`/test/workspaces/${ws.workspaceId}/runs`, { type: 'test.fail', scope: 'live-2' });
    await page.goto(`/console/runs/${failed.body.run.id}`);
    await page.locator(`[data-run-id="${failed.body.run.id}"][data-outcome="failed"]`).waitFor({ timeout: 30_000 });
    await page.getByText('reason: permission denied').waitFor();

    const blocked = await owner.post(`/test/workspaces/${ws.workspaceId}/runs`, { type: 'test.sleep', scope: 'live-3', blocked: true });
    await page.goto(`/console/runs/${blocked.body.run.id}`);
    await page.locator(`[data-run-id="${blocked.body.run.id}"][data-outcome="blocked"]`).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Attach a credential.' }).waitFor();
    await page.getByText('What happened: no credential').waitFor();
    assert.ok(!(await pageText(page)).includes(ws.ownerToken), 'the token is never rendered');
    await cp.done();
  });

  test('an unknown console page and an unauthorised screen say so without errors', async () => {
    const ws = await setupWorkspace(env.vendor, 'Viewer Co');
    const viewer = await memberToken(env.vendor, ws.workspaceId, 'viewer');
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, viewer);
    await page.goto('/console/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.goto('/console/tenants');
    await page.getByRole('link', { name: 'Viewer Co Tenant' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create tenant' }).count(), 0, 'a viewer gets no create form');
    assert.ok(apiClient);
    await cp.done();
  });
});
