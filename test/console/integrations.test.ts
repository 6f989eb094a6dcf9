// Integrations in the console, against the simulated providers: the create form built from the
// provider catalog's credential shapes, a secret that never comes back (fingerprint and last four
// only, in the page and in every response the browser receives), verification as a live run,
// rotation, defaults per category, deletion behind a confirmation, and platform health.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setupWorkspace } from '../helpers/api.ts';
import { startIntegrationSimulators, type IntegrationSimulators } from '../../src/simulators/integrations/index.ts';
import { openConsole, pageText, screenshot, signIn, startConsoleEnv, type ConsoleEnv, type ConsolePage } from './helpers.ts';

let env: ConsoleEnv;
let sim: IntegrationSimulators;

before(async () => {
  sim = await startIntegrationSimulators({ githubRepositories: ['acme/widgets'] });
  env = await startConsoleEnv({
    env: {
      SWITCHBOARD_PROVIDER_BASE_URLS: JSON.stringify(sim.baseUrls),
      SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'true',
      SWITCHBOARD_OUTBOUND_TIMEOUT_MS: '3000',
    },
  });
});
after(async () => {
  await env?.close();
  await sim?.close();
});

/** Every response body the browser receives, to prove no secret ever comes back. */
function recordResponses(cp: ConsolePage): string[] {
  const bodies: string[] = [];
  cp.page.on('response', async (res) => {
    if (!res.url().includes('/sfp/api') && !res.url().includes('/console/api') && !res.url().includes('/api/v1')) return;
    if ((res.headers()['content-type'] ?? '').includes('event-stream')) return;
    try {
      bodies.push(await res.text());
    } catch {
      // a body the browser already discarded (204, aborted)
    }
  });
  return bodies;
}

describe('integrations', () => {
  test('create from the provider form, verify live, rotate: the secret is never shown again', async () => {
    const ws = await setupWorkspace(env.vendor, 'Integrators');
    const SECRET = 'ghp_consoleCanary0000000000000000000Zq1234';
    const ROTATED = 'ghp_rotatedCanary111111111111111111111Xy9876';
    sim.setValid('github', { token: SECRET });
    const cp = await openConsole(env);
    const { page } = cp;
    const bodies = recordResponses(cp);
    await signIn(cp, ws.ownerToken);
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    await page.getByText('No integrations yet.').waitFor();

    await page.getByLabel('Project identifier').fill('acme/widgets');
    await page.getByRole('button', { name: 'Register project' }).click();
    await page.locator('ul.projects', { hasText: 'acme/widgets' }).waitFor();

    await page.getByLabel('Provider').selectOption('github');
    const auth = page.getByLabel('Authentication');
    assert.deepEqual(await auth.locator('option').allTextContents(), ['pat', 'app', 'oauth']);
    await auth.selectOption('app');
    await page.getByLabel(/^Private key/).waitFor(); // the App shape: a PEM textarea …
    assert.equal(await page.getByLabel(/^Installation ID/).getAttribute('required'), null, '… and an optional installation id');
    await auth.selectOption('pat');
    const token = page.getByLabel(/^Token/);
    assert.equal(await token.getAttribute('type'), 'password');
    await token.fill(SECRET);
    await page.getByLabel(/Default of its category/).check();
    await screenshot(page, 'integration-form');
    await page.getByRole('button', { name: 'Save integration' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved github (pat). Stored: token ••••1234' }).waitFor();
    assert.equal(await token.inputValue(), '', 'the form forgets the secret once saved');

    const row = page.locator('table.integrations tbody tr').first();
    await row.getByText('••••1234').waitFor();
    await row.locator('[data-value="default"]').waitFor();
    await row.locator('[data-value="unverified"]').waitFor();
    const listed = await env.vendor.as(ws.ownerToken).get('/sfp/api/integrations');
    const fingerprint = listed.body[0].credentials.token.fingerprint as string;
    assert.ok(await row.locator(`[title="${fingerprint}"]`).count(), 'the fingerprint is shown');

    await row.getByRole('button', { name: 'Verify github integration' }).click();
    const monitor = page.locator('.run-monitor');
    await monitor.locator('[data-status="completed"]').waitFor({ timeout: 30_000 });
    assert.equal(await monitor.locator('.run').getAttribute('data-outcome'), 'succeeded');
    await row.locator('[data-value="verified"]').waitFor();
    await page.locator('table.runs tr', { hasText: 'integrations.verify' }).waitFor();
    await screenshot(page, 'integrations');

    await row.getByRole('button', { name: 'Rotate github credential' }).click();
    await page.getByRole('heading', { name: /Rotate the GitHub credential/ }).waitFor();
    await page.locator('#rot-cred-token').fill(ROTATED);
    await page.getByRole('button', { name: 'Save new credential' }).click();
    await row.getByText('••••9876').waitFor();
    assert.equal(await row.getByText('••••1234').count(), 0);

    const text = await pageText(page);
    for (const s of [SECRET, ROTATED]) {
      assert.ok(!text.includes(s), 'no secret in the page');
      assert.ok(!bodies.some((b) => b.includes(s)), 'no secret in any response the browser received');
    }
    assert.ok(bodies.length > 5);
    await cp.done();
  });

  test('one default per category: making another AI provider the default moves the badge; delete asks first', async () => {
    const ws = await setupWorkspace(env.vendor, 'AI Shop');
    const owner = env.vendor.as(ws.ownerToken);
    const a = await owner.post('/sfp/api/integrations', {
      provider: 'ai_anthropic',
      authType: 'api_key',
      credentials: { api_key: 'sk-ant-canary-0000000000001111' },
      isGlobal: true,
      isDefault: true,
    });
    const o = await owner.post('/sfp/api/integrations', {
      provider: 'ai_openai',
      authType: 'api_key',
      credentials: { api_key: 'sk-openai-canary-000000002222' },
      isGlobal: true,
    });
    assert.equal(a.status, 201);
    assert.equal(o.status, 201);
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken, '/console/integrations');
    const anthropic = page.locator(`tr[data-integration="${a.body.id}"]`);
    const openai = page.locator(`tr[data-integration="${o.body.id}"]`);
    await anthropic.locator('[data-value="default"]').waitFor();
    await openai.getByRole('button', { name: 'Make ai_openai integration the default' }).click();
    await openai.locator('[data-value="default"]').waitFor();
    await anthropic.locator('[data-value="default"]').waitFor({ state: 'detached' });

    await anthropic.getByRole('button', { name: 'Delete ai_anthropic integration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this integration?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await owner.get('/sfp/api/integrations')).body.length, 2);
    await anthropic.getByRole('button', { name: 'Delete ai_anthropic integration' }).click();
    await dialog.getByRole('button', { name: 'Delete integration and credential' }).click();
    await anthropic.waitFor({ state: 'detached' });
    assert.deepEqual(
      (await owner.get('/sfp/api/integrations')).body.map((i: { provider: string }) => i.provider),
      ['ai_openai'],
    );
    await cp.done();
  });

  test('platform health lists each registered project', async () => {
    const ws = await setupWorkspace(env.vendor, 'Health Co');
    const owner = env.vendor.as(ws.ownerToken);
    sim.setValid('github', { token: 'ghp_health_console_0123456789' });
    await owner.post('/sfp/api/projects', { identifier: 'acme/widgets', platform: 'github' });
    await owner.post('/sfp/api/integrations', {
      provider: 'github',
      authType: 'pat',
      credentials: { token: 'ghp_health_console_0123456789' },
      isGlobal: true,
      isDefault: true,
    });
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken, '/console/integrations');
    await page.getByRole('button', { name: 'Check platform health' }).click();
    const health = page.locator('.health');
    await health.locator('tr', { hasText: 'acme/widgets' }).locator('[data-value="healthy"]').waitFor();
    await health.getByText('Overall').locator('[data-value="healthy"]').waitFor();
    await cp.done();
  });

  test('the vendor is told the store belongs to a member of the workspace', async () => {
    await setupWorkspace(env.vendor, 'Vendor View');
    const cp = await openConsole(env);
    await signIn(cp, env.t.vendorToken, '/console/integrations');
    await cp.page.getByText(/the vendor token cannot open it/).waitFor();
    await cp.done();
  });
});
