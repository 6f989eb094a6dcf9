// The set-based statements of syncToUserManagement (member-sync.ts holds the rules and the audit):
// SCIM users linked to members, and members brought in line with their users. SQL only; every
// function takes the transaction it runs in.
import type { Queryable } from '../../db/database.ts';
import type { Role } from '../access/capabilities.ts';

export interface SyncScope {
  workspaceId: string;
  configurationId: string;
  /** The members this configuration provisioned carry it (`scim:<configurationId>`). */
  source: string;
  /** group displayName (lower case) → role */
  groupRoleMapping: Readonly<Record<string, Role>>;
  defaultRole: Role;
}

// The member email of a SCIM user: userName when it is an address, else its primary (or first)
// email; folded (trimmed, lower-cased) and checked by the database, NULL when neither is one.
const EMAIL_OF_USER = `coalesce(switchboard_member_email(u.user_name), switchboard_member_email((
    SELECT e.v ->> 'value'
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(u.resource -> 'emails') = 'array' THEN u.resource -> 'emails' ELSE '[]'::jsonb END)
      WITH ORDINALITY AS e(v, n)
    ORDER BY (e.v -> 'primary') = 'true'::jsonb DESC NULLS LAST, e.n LIMIT 1)))`;

/** A mapped role as this workspace lets SCIM give it: no owner unless an owner allowed it. */
const capped = (role: string, workspaceParam: string) =>
  `CASE WHEN ${role} = 'owner' AND NOT (SELECT w.scim_owner_mapping_allowed FROM workspaces w WHERE w.id = ${workspaceParam}) THEN 'admin' ELSE ${role} END`;

const ROLE_RANK = `array_position(ARRAY['viewer', 'operator', 'admin', 'owner']::text[], r.role)`;

/**
 * Creates a member (or links an existing one of the same source) for each active user without one,
 * by email; `ids` null = every user of the configuration. One row per user linked.
 */
export async function linkNewMembers(
  q: Queryable,
  scope: SyncScope,
  ids: readonly string[] | null,
): Promise<Array<{ member_id: string; created: boolean; user_id: string }>> {
  return q.query<{ member_id: string; created: boolean; user_id: string }>(
    `WITH candidates AS (
       SELECT u.id, u.created_at, ${EMAIL_OF_USER} AS email
       FROM scim_users u
       WHERE u.configuration_id = $1 AND u.member_id IS NULL AND u.active AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[]))
     ), src AS (
       SELECT DISTINCT ON (email) id AS user_id, email FROM candidates
       WHERE email IS NOT NULL
       ORDER BY email, created_at, id
     ), up AS (
       INSERT INTO members (workspace_id, email, role, source)
       SELECT $3, email, ${capped('$4::text', '$3::uuid')}, $5 FROM src
       ON CONFLICT (workspace_id, email) DO UPDATE SET source = EXCLUDED.source WHERE members.source = EXCLUDED.source
       RETURNING id, email, (xmax = 0) AS created
     )
     UPDATE scim_users u SET member_id = up.id
     FROM src JOIN up ON up.email = src.email
     WHERE u.id = src.user_id
     RETURNING u.id AS user_id, up.id AS member_id, up.created`,
    [scope.configurationId, ids, scope.workspaceId, scope.defaultRole, scope.source],
  );
}

/**
 * Sets role and enabled state of every linked member of this source to what its user's groups and
 * `active` say (a member disabled by hand stays disabled); one row per member changed.
 */
export async function reconcileLinkedMembers(
  q: Queryable,
  scope: SyncScope,
  ids: readonly string[] | null,
): Promise<Array<{ id: string; old_role: string; role: string; mapped: string; was_disabled: boolean; disabled: boolean }>> {
  return q.query<{ id: string; old_role: string; role: string; mapped: string; was_disabled: boolean; disabled: boolean }>(
    `WITH mapped AS (
       SELECT u.member_id, u.active,
         coalesce((
           SELECT r.role FROM scim_group_members gm
           JOIN scim_groups g ON g.id = gm.group_id
           JOIN jsonb_each_text($3::jsonb) AS r(name, role) ON r.name = lower(g.display_name)
           WHERE gm.member_id = u.id
           ORDER BY ${ROLE_RANK} DESC NULLS LAST LIMIT 1), $4) AS mapped
       FROM scim_users u
       WHERE u.configuration_id = $1 AND u.member_id IS NOT NULL AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[]))
     ), target AS (
       SELECT member_id, active, mapped, ${capped('mapped', '$6::uuid')} AS role FROM mapped
     )
     UPDATE members m
     SET role = t.role,
         disabled_at = CASE WHEN NOT t.active THEN coalesce(old.disabled_at, now()) WHEN old.disabled_by = 'manual' THEN old.disabled_at END,
         disabled_by = CASE WHEN NOT t.active THEN coalesce(old.disabled_by, 'scim') WHEN old.disabled_by = 'manual' THEN 'manual' END
     FROM target t, members old
     WHERE m.id = t.member_id AND old.id = m.id AND m.source = $5
       AND (m.role <> t.role OR (NOT t.active OR coalesce(m.disabled_by = 'manual', false)) <> (m.disabled_at IS NOT NULL))
     RETURNING m.id, old.role AS old_role, m.role, t.mapped, old.disabled_at IS NOT NULL AS was_disabled, m.disabled_at IS NOT NULL AS disabled`,
    [scope.configurationId, ids, JSON.stringify(scope.groupRoleMapping), scope.defaultRole, scope.source, scope.workspaceId],
  );
}

/** Every member of the workspace this source provisioned. */
export async function membersOfSource(q: Queryable, workspaceId: string, source: string): Promise<string[]> {
  return (await q.query<{ id: string }>('SELECT id FROM members WHERE workspace_id = $1 AND source = $2', [workspaceId, source])).map((r) => r.id);
}

/** The members of this source linked to these users of the configuration. */
export async function membersOfUsers(q: Queryable, configurationId: string, userIds: readonly string[], source: string): Promise<string[]> {
  const rows = await q.query<{ member_id: string }>(
    `SELECT DISTINCT u.member_id FROM scim_users u JOIN members m ON m.id = u.member_id
     WHERE u.configuration_id = $1 AND u.id = ANY($2::uuid[]) AND m.source = $3`,
    [configurationId, [...userIds], source],
  );
  return rows.map((r) => r.member_id);
}
