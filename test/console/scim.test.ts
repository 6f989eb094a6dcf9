// SCIM configurations in the console: create (the token shown once, with copy buttons for it and
// the provisioning URL), provisioning through the real SCIM endpoint with that token, the users,
// groups and last sync the console then shows, rotation (new token once, old one until the
// rotation completes) and deletion behind a confirmation. The list comes from the console's own
// read of the workspace (the contract's list of all configurations is vendor only).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setupWorkspace } from '../helpers/api.ts';
import { GROUP_SCHEMA, USER_SCHEMA } from '../scim/helpers.ts';
import { openConsole, pageText, screenshot, signIn, startConsoleEnv, type ConsoleEnv } from './helpers.ts';

let env: ConsoleEnv;

before(async () => {
  env = await startConsoleEnv();
});
after(() => env?.close());

/** A SCIM client as an identity provider would be: real HTTP to the provisioning URL. */
async function scim(baseUrl: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', accept: 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('SCIM configurations', () => {
  test('create: token shown once with copy buttons; provisioned users, groups and last sync appear', async () => {
    const ws = await setupWorkspace(env.vendor, 'Provisioned');
    const cp = await openConsole(env, { clipboard: true });
    const { page } = cp;
    await signIn(cp, ws.ownerToken);
    await page.getByRole('link', { name: 'SCIM' }).click();
    await page.getByRole('heading', { name: 'SCIM provisioning', level: 1 }).waitFor();
    await page.getByText('No SCIM configurations yet.').waitFor();

    await page.getByLabel('Identity provider').selectOption('azure-ad');
    await page.getByLabel('Connection name (optional)').fill('Entra provisioning');
    await page.getByRole('button', { name: 'Create SCIM configuration' }).click();
    await page.getByRole('heading', { name: 'Copy the token now' }).waitFor();
    const token = await page.getByLabel('SCIM token', { exact: true }).inputValue();
    const baseUrl = await page.getByLabel('Provisioning URL', { exact: true }).inputValue();
    assert.match(token, /^sbscim_[A-Za-z0-9_-]{43}$/);
    assert.match(baseUrl, new RegExp(`^${env.base}/directory/resources/scim/v2\\.0/[0-9a-f-]{36}$`));
    await page.getByRole('button', { name: 'Copy scim token' }).click();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), token);
    await page.getByRole('button', { name: 'Copy provisioning url' }).click();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), baseUrl);
    await screenshot(page, 'scim-token-once');

    // The identity provider provisions with it.
    const user = await scim(baseUrl, token, 'POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: 'adele.vance@contoso.test',
      displayName: 'Adele Vance',
      externalId: 'e-1',
      active: true,
    });
    assert.equal(user.status, 201);
    const group = await scim(baseUrl, token, 'POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: user.body.id }] });
    assert.equal(group.status, 201);

    await page.getByRole('button', { name: 'I have stored the token' }).click();
    await page.getByRole('heading', { name: 'Copy the token now' }).waitFor({ state: 'detached' });
    const row = page.locator('table.scim tr', { hasText: 'Entra provisioning' });
    await row.waitFor();
    // The list reloads when the token dialog closes; until then the row is the one drawn at create
    // time (before any provisioning), so wait for the reload rather than reading the cell at once.
    await row.locator('td').nth(4).filter({ hasNotText: 'never' }).waitFor();
    assert.notEqual((await row.locator('td').nth(4).textContent())?.trim(), 'never', 'last sync is shown');
    await row.getByRole('link', { name: 'Entra provisioning' }).click();
    await page.getByRole('heading', { name: 'Entra provisioning', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Provisioned users (1)' }).waitFor();
    await page.locator('table.scim-users tr', { hasText: 'adele.vance@contoso.test' }).getByText('Adele Vance').waitFor();
    await page.locator('table.scim-groups tr', { hasText: 'Sales' }).locator('td').nth(1).getByText('1', { exact: true }).waitFor();
    assert.ok(await page.locator('[data-last-sync]').getAttribute('data-last-sync'));
    assert.equal(await page.getByLabel('Provisioning URL', { exact: true }).inputValue(), baseUrl);
    await screenshot(page, 'scim-configuration');
    assert.ok(!(await pageText(page)).includes(token), 'the token is never shown again');
    await cp.done();
  });

  test("the list is the workspace's own, read through /console/api, never the vendor-only list of all", async () => {
    const mine = await setupWorkspace(env.vendor, 'ScimMine');
    const theirs = await setupWorkspace(env.vendor, 'ScimTheirs');
    const create = (ws: typeof mine, connectionName: string) =>
      env.vendor
        .as(ws.ownerToken)
        .post('/directory/resources/v1/configurations/scim2', { source: 'okta', connectionName }, { 'frontegg-tenant-id': String(ws.tenantId) });
    assert.equal((await create(mine, 'Okta of mine')).status, 201);
    assert.equal((await create(theirs, 'Okta of theirs')).status, 201);
    const cp = await openConsole(env);
    const { page } = cp;
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await signIn(cp, mine.ownerToken, '/console/scim');
    await page.locator('table.scim tr', { hasText: 'Okta of mine' }).waitFor();
    assert.ok(!(await pageText(page)).includes('Okta of theirs'), "another workspace's configuration is not listed");
    assert.ok(asked.includes('/console/api/scim-configurations'));
    assert.ok(!asked.includes('/directory/resources/v1/configurations/scim2'), 'the vendor-only list is not asked');
    await cp.done();
  });

  test('rotate shows the new token once; the old one works until the rotation is completed; delete asks first', async () => {
    const ws = await setupWorkspace(env.vendor, 'Rotating');
    const owner = env.vendor.as(ws.ownerToken);
    const created = await owner.post(
      '/directory/resources/v1/configurations/scim2',
      { source: 'okta', connectionName: 'Okta' },
      { 'frontegg-tenant-id': String(ws.tenantId) },
    );
    assert.equal(created.status, 201);
    const { token: oldToken, baseUrl, id } = created.body as { token: string; baseUrl: string; id: string };
    const cp = await openConsole(env);
    const { page } = cp;
    await signIn(cp, ws.ownerToken, `/console/scim/${id}`);
    await page.getByRole('heading', { name: 'Okta', level: 1 }).waitFor();
    await page.getByText('No users provisioned yet.').waitFor();

    await page.getByRole('button', { name: 'Rotate token' }).click();
    await page.getByRole('heading', { name: 'Copy the token now' }).waitFor();
    const newToken = await page.getByLabel('SCIM token', { exact: true }).inputValue();
    assert.notEqual(newToken, oldToken);
    await page.getByText(/The previous token keeps working until/).waitFor();
    assert.equal((await scim(baseUrl, oldToken, 'GET', '/Users')).status, 200, 'old token: grace period');
    assert.equal((await scim(baseUrl, newToken, 'GET', '/Users')).status, 200);

    await page.getByRole('button', { name: 'Complete rotation…' }).click();
    const stop = page.getByRole('dialog', { name: 'Stop the previous token now?' });
    await stop.getByRole('button', { name: 'Stop the previous token' }).click();
    await page.getByRole('status').filter({ hasText: 'The previous token no longer works.' }).waitFor();
    assert.equal((await scim(baseUrl, oldToken, 'GET', '/Users')).status, 401);
    assert.equal((await scim(baseUrl, newToken, 'GET', '/Users')).status, 200);

    await page.getByRole('button', { name: 'I have stored the token' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const del = page.getByRole('dialog', { name: 'Delete Okta?' });
    await del.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await owner.get(`/directory/resources/v1/configurations/scim2/${id}`)).status, 200);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await del.getByRole('button', { name: 'Delete configuration' }).click();
    await page.getByRole('heading', { name: 'SCIM provisioning', level: 1 }).waitFor();
    await page.getByText('No SCIM configurations yet.').waitFor();
    assert.equal((await scim(baseUrl, newToken, 'GET', '/Users')).status, 401);
    await cp.done();
  });
});
