// What identity providers really send beyond the declared schemas (issue 14): an Entra custom
// attribute mapping or an Okta app-profile attribute arrives in an undeclared extension schema;
// a mapping to a name the core schema lacks arrives as an unknown core attribute. Extension
// attributes are learned per configuration (stored, returned, filterable by full path, listed in
// /Schemas and /ResourceTypes of that configuration only); unknown core attributes follow the
// configuration's policy, set through the configuration API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { CONFIGS, PATCH_OP, SCIM_JSON, USER_SCHEMA, assertScimError, filterQuery, setupScim, type ScimSetup } from './helpers.ts';

const CUSTOM = 'urn:ietf:params:scim:schemas:extension:ContosoHR:2.0:User';
const OKTA = 'urn:ietf:params:scim:schemas:extension:okta-app:2.0:User';

let t: TestRuntime;
let s: ScimSetup;
let other: ScimSetup;

before(async () => {
  t = await startTestRuntime({ work: false });
  s = await setupScim(t, { source: 'azure-ad' });
  other = await setupScim(t, { source: 'okta' });
});
after(() => t.close());

describe('undeclared extension schemas', () => {
  let id: string;

  test('a user carrying an Entra custom extension is created, stored and returned as sent', async () => {
    const res = await s.scim.post(
      `${s.base}/Users`,
      {
        schemas: [USER_SCHEMA, CUSTOM],
        userName: 'ext@contoso.test',
        [CUSTOM]: { costCode: 'CC-42', badgeNumber: 4711, contractor: true, projects: ['apollo', 'gemini'], site: { building: 'B7', floor: 3 } },
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 201, res.text);
    id = res.body.id;
    assert.deepEqual(res.body.schemas, [USER_SCHEMA, CUSTOM]);
    assert.deepEqual(res.body[CUSTOM], {
      costCode: 'CC-42',
      badgeNumber: 4711,
      contractor: true,
      projects: ['apollo', 'gemini'],
      site: { building: 'B7', floor: 3 },
    });
    const read = await s.scim.get(`${s.base}/Users/${id}`);
    assert.deepEqual(read.body[CUSTOM], res.body[CUSTOM]);
  });

  test('filterable by the full path, and projected by it', async () => {
    const hit = await s.scim.get(`${s.base}/Users?${filterQuery(`${CUSTOM}:costCode eq "cc-42"`)}`);
    assert.equal(hit.status, 200, hit.text);
    assert.equal(hit.body.totalResults, 1);
    assert.equal(hit.body.Resources[0].id, id);
    const miss = await s.scim.get(`${s.base}/Users?${filterQuery(`${CUSTOM}:badgeNumber gt 5000`)}`);
    assert.equal(miss.body.totalResults, 0, miss.text);
    const gt = await s.scim.get(`${s.base}/Users?${filterQuery(`${CUSTOM}:badgeNumber gt 4000 and ${CUSTOM}:contractor eq true`)}`);
    assert.equal(gt.body.totalResults, 1, gt.text);
    const only = await s.scim.get(`${s.base}/Users/${id}?attributes=${encodeURIComponent(`${CUSTOM}:costCode`)}`);
    assert.deepEqual(only.body[CUSTOM], { costCode: 'CC-42' });
    assert.equal(only.body.userName, 'ext@contoso.test'); // returned: always
    const without = await s.scim.get(`${s.base}/Users/${id}?excludedAttributes=${encodeURIComponent(CUSTOM)}`);
    assert.equal(without.body[CUSTOM], undefined);
    // another configuration never learned it: the same filter names an unknown attribute there
    assertScimError(await other.scim.get(`${other.base}/Users?${filterQuery(`${CUSTOM}:costCode eq "x"`)}`), 400, 'invalidFilter');
  });

  test("PATCH by path and path-less, with Entra's casing and string values coerced to the learned types", async () => {
    const res = await s.scim.patch(
      `${s.base}/Users/${id}`,
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: `${CUSTOM}:costCode`, value: 'CC-43' },
          { op: 'Replace', path: `${CUSTOM}:badgeNumber`, value: '4712' },
          { op: 'Add', value: { [`${CUSTOM}:contractor`]: 'False', [`${CUSTOM}:managerCode`]: 'M-1' } },
        ],
      },
      SCIM_JSON,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body[CUSTOM].costCode, 'CC-43');
    assert.equal(res.body[CUSTOM].badgeNumber, 4712);
    assert.equal(res.body[CUSTOM].contractor, false);
    assert.equal(res.body[CUSTOM].managerCode, 'M-1');
    const wrong = await s.scim.patch(
      `${s.base}/Users/${id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `${CUSTOM}:badgeNumber`, value: 'many' }] },
      SCIM_JSON,
    );
    assertScimError(wrong, 400, 'invalidValue');
    assert.match(wrong.body.detail, /badgeNumber/);
    const removed = await s.scim.patch(
      `${s.base}/Users/${id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `${CUSTOM}:managerCode` }] },
      SCIM_JSON,
    );
    assert.equal(removed.body[CUSTOM].managerCode, undefined);
  });

  test("/Schemas and /ResourceTypes of that configuration list what it learned; another configuration's do not", async () => {
    const schemas = await s.scim.get(`${s.base}/Schemas`);
    const learned = schemas.body.Resources.find((r: { id: string }) => r.id === CUSTOM);
    assert.ok(learned, 'the learned schema is listed');
    const byName = Object.fromEntries(learned.attributes.map((a: { name: string }) => [a.name, a]));
    assert.equal(byName.costCode.type, 'string');
    assert.equal(byName.badgeNumber.type, 'integer');
    assert.equal(byName.contractor.type, 'boolean');
    assert.equal(byName.projects.multiValued, true);
    assert.equal(byName.site.type, 'complex');
    assert.deepEqual(
      byName.site.subAttributes.map((a: { name: string }) => a.name),
      ['building', 'floor'],
    );
    assert.equal((await s.scim.get(`${s.base}/Schemas/${encodeURIComponent(CUSTOM)}`)).status, 200);
    const types = await s.scim.get(`${s.base}/ResourceTypes/User`);
    assert.ok(types.body.schemaExtensions.some((e: { schema: string; required: boolean }) => e.schema === CUSTOM && e.required === false));
    const elsewhere = await other.scim.get(`${other.base}/Schemas`);
    assert.equal(
      elsewhere.body.Resources.some((r: { id: string }) => r.id === CUSTOM),
      false,
    );
    assert.equal((await other.scim.get(`${other.base}/Schemas/${encodeURIComponent(CUSTOM)}`)).status, 404);
  });

  test('an Okta app-profile extension on PUT, and nested objects refused naming the attribute', async () => {
    const put = await other.scim.post(
      `${other.base}/Users`,
      { schemas: [USER_SCHEMA, OKTA], userName: 'okta@contoso.test', [OKTA]: { region: 'emea', seats: 2 } },
      SCIM_JSON,
    );
    assert.equal(put.status, 201, put.text);
    assert.deepEqual(put.body[OKTA], { region: 'emea', seats: 2 });
    const nested = await other.scim.post(
      `${other.base}/Users`,
      { schemas: [USER_SCHEMA, OKTA], userName: 'deep@contoso.test', [OKTA]: { deep: { deeper: { deepest: 1 } } } },
      SCIM_JSON,
    );
    assertScimError(nested, 400, 'invalidValue');
    assert.match(nested.body.detail, /deep/);
  });
});

describe('unknown core attributes: the configuration policy', () => {
  test('ignore (the default): the user is created without the attribute', async () => {
    const res = await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'ignore@contoso.test', favouriteColour: 'teal' }, SCIM_JSON);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.favouriteColour, undefined);
    const config = await s.owner.get(`${CONFIGS}/${s.configurationId}`, { 'frontegg-tenant-id': String(s.tenantId) });
    assert.equal(config.body.unknownAttributePolicy, 'ignore');
  });

  test('reject, set through the configuration API: 400 invalidValue naming the attribute (never invalidPath)', async () => {
    const set = await s.owner.patch(
      `${CONFIGS}/${s.configurationId}`,
      { syncToUserManagement: false, unknownAttributePolicy: 'reject' },
      { 'frontegg-tenant-id': String(s.tenantId) },
    );
    assert.equal(set.status, 204, set.text);
    const config = await s.owner.get(`${CONFIGS}/${s.configurationId}`, { 'frontegg-tenant-id': String(s.tenantId) });
    assert.equal(config.body.unknownAttributePolicy, 'reject');
    const refused = await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'reject@contoso.test', favouriteColour: 'teal' }, SCIM_JSON);
    assertScimError(refused, 400, 'invalidValue');
    assert.match(refused.body.detail, /favouriteColour/);
    // a path-less PATCH value is a body attribute too
    const user = await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: 'reject2@contoso.test' }, SCIM_JSON);
    const patched = await s.scim.patch(
      `${s.base}/Users/${user.body.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'add', value: { favouriteColour: 'x' } }] },
      SCIM_JSON,
    );
    assertScimError(patched, 400, 'invalidValue');
    // learned extensions are not unknown: they still pass under reject
    const ext = await s.scim.post(
      `${s.base}/Users`,
      { schemas: [USER_SCHEMA, CUSTOM], userName: 'reject3@contoso.test', [CUSTOM]: { costCode: 'CC-9' } },
      SCIM_JSON,
    );
    assert.equal(ext.status, 201, ext.text);
    // the policy is audited
    const [row] = await t.rt.db.query<{ metadata: Record<string, unknown> }>(
      "SELECT metadata FROM audit_events WHERE action = 'scim.configuration.updated' AND target_id = $1 ORDER BY id DESC LIMIT 1",
      [s.configurationId],
    );
    assert.deepEqual(row.metadata.unknownAttributePolicy, { from: 'ignore', to: 'reject' });
  });

  test('a policy outside the enum is a 400 from the configuration API', async () => {
    const bad = await s.owner.patch(
      `${CONFIGS}/${s.configurationId}`,
      { syncToUserManagement: false, unknownAttributePolicy: 'sometimes' },
      { 'frontegg-tenant-id': String(s.tenantId) },
    );
    assert.equal(bad.status, 400, bad.text);
  });

  test('the database refuses a policy or a learned set of another shape', async () => {
    await assert.rejects(
      t.rt.db.workspaceTx(s.workspaceId, (q) =>
        q.query("UPDATE scim_configurations SET unknown_attribute_policy = 'maybe' WHERE id = $1", [s.configurationId]),
      ),
      /check constraint/,
    );
    await assert.rejects(
      t.rt.db.workspaceTx(s.workspaceId, (q) => q.query("UPDATE scim_configurations SET learned_schemas = '[]'::jsonb WHERE id = $1", [s.configurationId])),
      /check constraint/,
    );
  });
});
