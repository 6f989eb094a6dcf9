// Bulk seeding for scale tests and bench/scim.ts: users and a large group written with set-based
// SQL (not HTTP), shaped exactly as the SCIM endpoint stores them.
import type { Db } from '../../src/db/database.ts';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export async function seedUsers(db: Db, scope: { workspaceId: string; configurationId: string }, count: number, prefix = 'user'): Promise<void> {
  const batch = 20_000;
  for (let start = 1; start <= count; start += batch) {
    const end = Math.min(count, start + batch - 1);
    await db.query(
      `INSERT INTO scim_users (workspace_id, configuration_id, user_name, external_id, active, display_name, resource)
       SELECT $1, $2, $3 || i || '@seed.test', 'ext-' || i, true, 'Seed User ' || i,
              jsonb_build_object('schemas', jsonb_build_array($6::text), 'userName', $3 || i || '@seed.test', 'externalId', 'ext-' || i,
                                 'displayName', 'Seed User ' || i, 'active', true,
                                 'emails', jsonb_build_array(jsonb_build_object('value', $3 || i || '@seed.test', 'type', 'work', 'primary', true)))
       FROM generate_series($4::int, $5::int) AS i`,
      [scope.workspaceId, scope.configurationId, prefix, start, end, USER_SCHEMA],
    );
  }
}

/** A group whose members are the first `members` seeded users (by user name order of creation). */
export async function seedGroup(db: Db, scope: { workspaceId: string; configurationId: string }, displayName: string, members: number): Promise<string> {
  const [g] = await db.query<{ id: string }>(
    `INSERT INTO scim_groups (workspace_id, configuration_id, display_name, resource)
     VALUES ($1, $2, $3, jsonb_build_object('schemas', jsonb_build_array($4::text), 'displayName', $3::text)) RETURNING id`,
    [scope.workspaceId, scope.configurationId, displayName, GROUP_SCHEMA],
  );
  await db.query(
    `INSERT INTO scim_group_members (workspace_id, configuration_id, group_id, member_id, member_type, display)
     SELECT $1, $2, $3, u.id, 'User', u.user_name FROM scim_users u
     WHERE u.configuration_id = $2 ORDER BY u.created_at, u.id LIMIT $4`,
    [scope.workspaceId, scope.configurationId, g.id, members],
  );
  await db.exec('ANALYZE scim_users; ANALYZE scim_groups; ANALYZE scim_group_members');
  return g.id;
}
