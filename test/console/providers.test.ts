// Provider connections in the console, against the simulated Entra ID + Microsoft Graph: create a
// platform connection, generate and copy the admin-consent link, follow it as the administrator,
// watch the verification and a health check live, read the run history (reason codes, next
// steps), and the confirmations in front of dedicated mode and credential deletion.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setupWorkspace } from '../helpers/api.ts';
import { ALL_ROLES, DEDICATED_APP, DEDICATED_SECRET, ENTRA_TENANT, PLATFORM_APP, PLATFORM_SECRET } from '../helpers/providers.ts';
import { startEntraGraphSimulator, type EntraGraphSimulator } from '../../src/simulators/entra-graph/index.ts';
import { openConsole, pageText, screenshot, signIn, startConsoleEnv, tabTo, type ConsoleEnv } from './helpers.ts';

let env: ConsoleEnv;
let sim: EntraGraphSimulator;

before(async () => {
  sim = await startEntraGraphSimulator();
  sim.registerTenant({ tenantId: ENTRA_TENANT, displayName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' });
  sim.registerApp({ clientId: PLATFORM_APP, clientSecret: PLATFORM_SECRET, consentRoles: ALL_ROLES });
  env = await startConsoleEnv({
    env: (base) => ({
      SWITCHBOARD_MS_AUTHORITY_HOST: sim.authorityHost,
      SWITCHBOARD_MS_GRAPH_BASE_URL: sim.graphBaseUrl,
      SWITCHBOARD_MS_PLATFORM_CLIENT_ID: PLATFORM_APP,
      SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET: PLATFORM_SECRET,
      SWITCHBOARD_MS_TIMEOUT_MS: '3000',
      // After consent the administrator's browser comes back to the console.
      SWITCHBOARD_MS_CONSENT_RETURN_URL: `${base}/console/consent-result`,
    }),
  });
});
after(async () => {
  await env?.close();
  await sim?.close();
});

const badge = (page: import('playwright-core').Page, label: string) => page.locator('.lead .badge', { hasText: `${label}:` }).first();

describe('provider connections', () => {
  test('create a platform connection, copy the consent link, consent, and watch verification and a health check live', async () => {
    const ws = await setupWorkspace(env.vendor, 'Contoso Partners');
    const cp = await openConsole(env, { clipboard: true });
    const { page } = cp;
    await signIn(cp, ws.ownerToken);
    await page.getByRole('link', { name: 'Contoso Partners Tenant' }).click();
    await page.getByRole('heading', { name: 'Contoso Partners Tenant', level: 1 }).waitFor();
    await page.getByText('No provider connections yet.').waitFor();

    await page.getByLabel('Display name').fill('Contoso production');
    await page.getByLabel('Entra tenant id or verified domain').fill(ENTRA_TENANT);
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { name: 'Contoso production', level: 1 }).waitFor();
    assert.equal(await badge(page, 'consent').getAttribute('data-value'), 'required');
    assert.equal(await badge(page, 'status').getAttribute('data-value'), 'needs_consent');

    // Before consent, a data-reading run is blocked: a visible run with reason and next steps.
    await page.getByRole('button', { name: 'Collect inventory' }).click();
    const current = page.locator('.run-monitor');
    await current.locator('[data-outcome="blocked"]').waitFor();
    await current.getByText('reason: permission denied').waitFor();
    await current.getByText(/Grant admin consent: generate the admin-consent link/).waitFor();
    const history = page.locator('table.runs');
    await history.locator('tr', { hasText: 'microsoft.inventory' }).locator('text=permission_denied').waitFor();

    // The consent link: generated, shown, copied.
    await page.getByRole('button', { name: 'Generate consent link' }).click();
    const linkField = page.getByLabel('Consent link', { exact: true });
    await linkField.waitFor();
    const url = await linkField.inputValue();
    const parsed = new URL(url);
    assert.equal(parsed.origin, sim.authorityHost);
    assert.equal(parsed.searchParams.get('client_id'), PLATFORM_APP);
    assert.equal(parsed.searchParams.get('redirect_uri'), `${env.base}/admin/consent/callback`);
    await page.getByRole('button', { name: 'Copy consent link' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), url);
    await screenshot(page, 'connection-consent-link');
    const connectionUrl = page.url();

    // The administrator follows the link: Microsoft (simulated) → callback → back to the console.
    await page.goto(url);
    await page.waitForURL(/\/console\/consent-result\?/);
    await page.getByRole('heading', { name: 'Admin consent granted' }).waitFor();
    await page.locator('.run-monitor [data-status="completed"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.run-monitor .run').getAttribute('data-outcome'), 'succeeded');

    await page.goto(connectionUrl);
    await page.getByRole('heading', { name: 'Contoso production', level: 1 }).waitFor();
    assert.equal(await badge(page, 'consent').getAttribute('data-value'), 'granted');
    assert.equal(await badge(page, 'verification').getAttribute('data-value'), 'healthy');

    await page.getByRole('button', { name: 'Run health check' }).click();
    await page.locator('.run-monitor [data-status="completed"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.run-monitor .run').getAttribute('data-outcome'), 'succeeded');
    await page.locator('.run-monitor').getByText('Contoso Ltd').waitFor(); // the organization the check read
    await history.locator('tr', { hasText: 'microsoft.health_check' }).locator('[data-value="succeeded"]').waitFor();
    await history.locator('tr', { hasText: 'microsoft.verification' }).first().waitFor();
    await page.locator('.lead .badge[data-value="ok"]').waitFor();
    assert.equal(await badge(page, 'health').getAttribute('data-value'), 'ok');
    await screenshot(page, 'connection-health-check');
    assert.ok(!(await pageText(page)).includes(PLATFORM_SECRET));

    // The tenant's table shows the same badges.
    await page.getByRole('link', { name: 'Contoso Partners Tenant' }).click();
    const row = page.locator('table.connections tr', { hasText: 'Contoso production' });
    await row.locator('[data-value="granted"]').waitFor();
    await row.locator('[data-value="healthy"]').waitFor();
    await screenshot(page, 'tenant-connections');
    await cp.done();
  });

  test('dedicated mode and credential deletion wait for a confirmation (keyboard: Escape cancels, Enter confirms)', async () => {
    const ws = await setupWorkspace(env.vendor, 'Fabrikam Group');
    const tenant = '22222222-3333-4444-8555-666666666666';
    sim.registerTenant({ tenantId: tenant, displayName: 'Fabrikam' });
    sim.registerApp({ clientId: DEDICATED_APP, tenantId: tenant, clientSecret: DEDICATED_SECRET, roles: ALL_ROLES });
    const owner = env.vendor.as(ws.ownerToken);
    const created = await owner.post(`/admin/tenants/${ws.tenantId}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: tenant,
      display_name: 'Fabrikam',
    });
    assert.equal(created.status, 201);
    const number = created.body.id as number;
    const typeOf = async () => (await owner.get(`/console/api/tenants/${ws.tenantId}/provider-connections`)).body.find((c: { id: number }) => c.id === number);

    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken, `/console/tenants/${ws.tenantId}/connections/${created.body.uuid}`);
    await page.getByRole('heading', { name: 'Fabrikam', level: 1 }).waitFor();

    const dialog = page.getByRole('dialog', { name: 'Switch to dedicated mode?' });
    await page.getByRole('button', { name: 'Switch to dedicated…' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Cancel', 'the safe choice has focus');
    await screenshot(page, 'confirm-dedicated-mode');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await typeOf()).connection_type, 'platform', 'cancelled: nothing changed');

    await page.getByRole('button', { name: 'Switch to dedicated…' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, (el) => el.text === 'Switch to dedicated', 3);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Switched to dedicated. Attach the credential below.').waitFor();
    assert.equal((await typeOf()).connection_type, 'dedicated');

    // Attach the credential; it is never shown back.
    await page.getByLabel('Application (client) id').fill(DEDICATED_APP);
    await page.getByLabel('Client secret').fill(DEDICATED_SECRET);
    await page.getByRole('button', { name: 'Attach credential' }).click();
    await page.getByText('The credential was saved.').waitFor();
    await page.getByText('client secret (dedicated_manual)').waitFor();
    assert.ok(!(await pageText(page)).includes(DEDICATED_SECRET), 'the secret is not in the page after saving');
    await page.getByRole('button', { name: 'Verify connection' }).click();
    await page.locator('.run-monitor [data-status="completed"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.run-monitor .run').getAttribute('data-outcome'), 'succeeded');

    // Deleting the credential: cancel first, then confirm.
    await page.getByRole('button', { name: 'Delete credential…' }).click();
    const del = page.getByRole('dialog', { name: 'Delete the dedicated credential?' });
    await del.waitFor();
    await del.getByRole('button', { name: 'Cancel' }).click();
    await del.waitFor({ state: 'hidden' });
    assert.equal((await typeOf()).credential_kind, 'client_secret');
    await page.getByRole('button', { name: 'Delete credential…' }).click();
    await del.getByRole('button', { name: 'Delete credential' }).click();
    await page.getByRole('status').filter({ hasText: 'The dedicated credential was deleted.' }).waitFor();
    assert.equal((await typeOf()).credential_kind, undefined);
    await page.getByText('none attached').waitFor();
    await cp.done();
  });

  test('creating a dedicated connection asks for confirmation and sends it', async () => {
    const ws = await setupWorkspace(env.vendor, 'Dedicated Direct');
    const tenant = '33333333-3333-4444-8555-666666666666';
    sim.registerTenant({ tenantId: tenant, displayName: 'Direct' });
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken, `/console/tenants/${ws.tenantId}`);
    await page.getByLabel('Display name').fill('Direct dedicated');
    await page.getByLabel('Entra tenant id or verified domain').fill(tenant);
    await page.getByLabel(/Dedicated \(the customer's own app registration\)/).check();
    await page.getByLabel('Application (client) id').fill(DEDICATED_APP);
    await page.getByLabel('Client secret').fill(DEDICATED_SECRET);
    await page.getByRole('button', { name: 'Create connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a dedicated connection?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Create dedicated connection' }).click();
    await page.getByRole('heading', { name: 'Direct dedicated', level: 1 }).waitFor();
    await page.locator('.lead [data-value="dedicated"]').waitFor();
    const audit = await env.vendor.as(ws.ownerToken).get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=provider_connection.created`);
    assert.equal(audit.body.items.length, 1);
    assert.ok(!(await pageText(page)).includes(DEDICATED_SECRET));
    await cp.done();
  });

  test('a viewer sees badges and history but no actions', async () => {
    const ws = await setupWorkspace(env.vendor, 'Read Only');
    const owner = env.vendor.as(ws.ownerToken);
    const created = await owner.post(`/admin/tenants/${ws.tenantId}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: 'contoso.onmicrosoft.com',
      display_name: 'Seen only',
    });
    const viewerToken = (await import('../helpers/api.ts')).memberToken;
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, await viewerToken(env.vendor, ws.workspaceId, 'viewer'), `/console/tenants/${ws.tenantId}/connections/${created.body.uuid}`);
    await page.getByRole('heading', { name: 'Seen only', level: 1 }).waitFor();
    await page.getByText('No runs yet.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Generate consent link' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Switch to/ }).count(), 0);
    assert.ok(await page.getByRole('button', { name: 'Run health check' }).isDisabled());
    await cp.done();
  });
});
