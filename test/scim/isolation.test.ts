// A SCIM token opens exactly one configuration: never another configuration of the same
// workspace, never another workspace's. The database's row-level security confines the
// endpoint's transactions as well, whatever the code asks for.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { SCIM_JSON, assertScimError, createGroup, createUser, filterQuery, setupScim, type ScimSetup } from './helpers.ts';

let t: TestRuntime;
let a1: ScimSetup;
let a2: ScimSetup;
let b: ScimSetup;
let userA1: string;
let userB: string;

before(async () => {
  t = await startTestRuntime({ work: false });
  a1 = await setupScim(t, { name: 'IsoA' });
  b = await setupScim(t, { name: 'IsoB' });
  // A second configuration of workspace A (same tenant).
  const created = await a1.owner.post('/directory/resources/v1/configurations/scim2', { source: 'okta' }, { 'frontegg-tenant-id': String(a1.tenantId) });
  a2 = {
    ...a1,
    configurationId: created.body.id,
    token: created.body.token,
    base: `/directory/resources/scim/v2.0/${created.body.id}`,
    scim: apiClient(t.rt.app!, created.body.token),
  };
  userA1 = await createUser(a1, 'shared@x.test');
  userB = await createUser(b, 'shared@x.test'); // the same userName is fine in another configuration
});
after(() => t.close());

test("a token is refused on every other configuration's endpoint (401, nothing revealed)", async () => {
  for (const [client, base] of [
    [a1.scim, b.base],
    [a1.scim, a2.base],
    [b.scim, a1.base],
  ] as const) {
    assertScimError(await client.get(`${base}/Users`), 401);
    assertScimError(await client.get(`${base}/Users/${userB}`), 401);
    assertScimError(await client.post(`${base}/Users`, { userName: 'intruder' }, SCIM_JSON), 401);
    assertScimError(await client.get(`${base}/ServiceProviderConfig`), 401);
  }
  // A Switchboard API token (even the vendor's) is not a SCIM token.
  assertScimError(await apiClient(t.rt.app!, t.vendorToken).get(`${a1.base}/Users`), 401);
  assertScimError(await apiClient(t.rt.app!, `sbscim_${'A'.repeat(43)}`).get(`${a1.base}/Users`), 401);
});

test("another configuration's resources do not exist through this endpoint", async () => {
  assertScimError(await a1.scim.get(`${a1.base}/Users/${userB}`), 404);
  assertScimError(await a1.scim.patch(`${a1.base}/Users/${userB}`, { Operations: [{ op: 'replace', path: 'active', value: false }] }, SCIM_JSON), 404);
  assertScimError(await a1.scim.delete(`${a1.base}/Users/${userB}`), 404);
  assertScimError(await a2.scim.get(`${a2.base}/Users/${userA1}`), 404);
  const list = await a1.scim.get(`${a1.base}/Users?${filterQuery('userName eq "shared@x.test"')}`);
  assert.deepEqual(
    list.body.Resources.map((r: { id: string }) => r.id),
    [userA1],
  );
  assert.equal((await a2.scim.get(`${a2.base}/Users`)).body.totalResults, 0);
  // Nor can they be made members of this configuration's groups.
  const g = await createGroup(a1, 'Mine');
  assertScimError(
    await a1.scim.patch(`${a1.base}/Groups/${g}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: userB }] }] }, SCIM_JSON),
    400,
    'invalidValue',
  );
  const bulk = await a1.scim.post(`${a1.base}/Bulk`, { Operations: [{ method: 'DELETE', path: `/Users/${userB}` }] }, SCIM_JSON);
  assert.equal(bulk.body.Operations[0].status, '404');
  assert.equal((await b.scim.get(`${b.base}/Users/${userB}`)).status, 200);
});

test("row-level security: a transaction of workspace A cannot read or write workspace B's SCIM rows", async () => {
  const seen = await t.rt.db.workspaceTx(a1.workspaceId, (q) =>
    q.query('SELECT id FROM scim_users WHERE configuration_id = $1 UNION ALL SELECT id FROM scim_configurations WHERE id = $1', [b.configurationId]),
  );
  assert.deepEqual(seen, []);
  await assert.rejects(
    t.rt.db.workspaceTx(a1.workspaceId, (q) =>
      q.query(`INSERT INTO scim_users (workspace_id, configuration_id, user_name, resource) VALUES ($1, $2, 'x', '{}')`, [b.workspaceId, b.configurationId]),
    ),
    /row-level security|violates/,
  );
  // And a row of A cannot name B's configuration (composite foreign key), even for the owner.
  await assert.rejects(
    t.rt.db.query(`INSERT INTO scim_users (workspace_id, configuration_id, user_name, resource) VALUES ($1, $2, 'x', '{}')`, [
      a1.workspaceId,
      b.configurationId,
    ]),
    /foreign key/,
  );
});
