// Every SCIM write is audited on the workspace's chain: the configuration as actor, the user or
// group as target, no attribute value anywhere in the row; Bulk operations one row each; reads
// and refused writes none.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyAuditChains } from '../../src/core/audit/audit-verify.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { GROUP_SCHEMA, PATCH_OP, SCIM_JSON, USER_SCHEMA, setupScim, type ScimSetup } from './helpers.ts';

let t: TestRuntime;
let s: ScimSetup;
before(async () => {
  t = await startTestRuntime();
  s = await setupScim(t, { name: 'ScimAudit' });
});
after(() => t?.close());

const rows = async () =>
  t.rt.db.query<{
    action: string;
    actor_type: string;
    actor_id: string;
    target_type: string;
    target_id: string;
    outcome: string;
    metadata: Record<string, unknown>;
  }>(
    "SELECT action, actor_type, actor_id, target_type, target_id, outcome, metadata FROM audit_events WHERE workspace_id = $1 AND (action LIKE 'scim.user.%' OR action LIKE 'scim.group.%') ORDER BY seq",
    [s.workspaceId],
  );

test('create, replace, patch and delete of users and groups, and Bulk operations: one row each, the configuration as actor, no attribute values', async () => {
  const secretish = 'Personal.Data-7fQ2@example.test';
  const u = await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName: secretish, name: { givenName: 'Private' } }, SCIM_JSON);
  const uid = u.body.id as string;
  await s.scim.put(`${s.base}/Users/${uid}`, { schemas: [USER_SCHEMA], userName: secretish, title: 'Secret title' }, SCIM_JSON);
  await s.scim.patch(`${s.base}/Users/${uid}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Hidden Name' }] }, SCIM_JSON);
  const g = await s.scim.post(`${s.base}/Groups`, { schemas: [GROUP_SCHEMA], displayName: 'Confidential Group', members: [{ value: uid }] }, SCIM_JSON);
  const gid = g.body.id as string;
  await s.scim.patch(`${s.base}/Groups/${gid}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${uid}"]` }] }, SCIM_JSON);
  await s.scim.patch(
    `${s.base}/Groups/${gid}`,
    { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Renamed Confidential' }] },
    SCIM_JSON,
  );
  await s.scim.put(`${s.base}/Groups/${gid}`, { schemas: [GROUP_SCHEMA], displayName: 'Confidential Again' }, SCIM_JSON);
  const bulk = await s.scim.post(
    `${s.base}/Bulk`,
    {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER_SCHEMA], userName: 'bulk.personal@example.test' } },
        { method: 'DELETE', path: `/Groups/${gid}` },
      ],
    },
    SCIM_JSON,
  );
  assert.deepEqual(
    bulk.body.Operations.map((o: { status: string }) => o.status),
    ['201', '204'],
  );
  assert.equal((await s.scim.delete(`${s.base}/Users/${uid}`)).status, 204);
  // reads and refused writes are not audited
  await s.scim.get(`${s.base}/Users/${uid}`);
  await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA] }, SCIM_JSON);

  const audited = await rows();
  assert.deepEqual(
    audited.map((r) => [r.action, r.target_type]),
    [
      ['scim.user.created', 'scim_user'],
      ['scim.user.replaced', 'scim_user'],
      ['scim.user.patched', 'scim_user'],
      ['scim.group.created', 'scim_group'],
      ['scim.group.patched', 'scim_group'],
      ['scim.group.patched', 'scim_group'],
      ['scim.group.replaced', 'scim_group'],
      ['scim.user.created', 'scim_user'],
      ['scim.group.deleted', 'scim_group'],
      ['scim.user.deleted', 'scim_user'],
    ],
  );
  for (const r of audited) {
    assert.equal(r.actor_type, 'scim');
    assert.equal(r.actor_id, `scim_configuration:${s.configurationId}`);
    assert.equal(r.outcome, 'success');
    assert.equal(r.metadata.configuration_id, s.configurationId);
  }
  assert.deepEqual([audited[0].target_id, audited[3].target_id, audited[9].target_id], [uid, gid, uid]);
  const text = JSON.stringify(audited);
  for (const value of [secretish, 'Private', 'Secret title', 'Hidden Name', 'Confidential', 'bulk.personal'])
    assert.ok(!text.includes(value), `${value} is in the audit trail`);
  assert.equal((await verifyAuditChains(t.rt.db)).ok, true);
});
