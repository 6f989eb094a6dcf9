// syncToUserManagement: SCIM users of a configuration become members of its workspace. Each
// step is one set-based statement, so syncing one user on a provisioning request and syncing a
// whole configuration when the flag is switched on are the same code.
//
// Rules (docs/decisions-scim.md):
// - A member is created, or an existing member of the same source (`scim:<configurationId>`)
//   is linked, from the user's email: userName when it is an address, else the primary email,
//   trimmed and lower-cased by the database (switchboard_member_email), so "Owner@a.test " is
//   the member owner@a.test. A member that exists from elsewhere (added by hand, another
//   configuration) is never taken over nor linked, so a SCIM client cannot raise or lower the
//   rights of people it did not create.
// - The role is the highest one `groupRoleMapping` gives the user's SCIM groups (by group
//   displayName, case-insensitive), else `defaultRole`; `owner` is made `admin` unless an owner
//   of the workspace allowed SCIM to make owners (workspaces.scim_owner_mapping_allowed).
// - Deactivation or deletion disables the member and revokes its API tokens, the tokens it made
//   and every token minted from those, in the same transaction (the same path as a manual
//   disable); reactivation re-enables it (revoked tokens stay revoked), unless it was disabled
//   by hand: SCIM only undoes what SCIM did.
import type { Queryable } from '../../db/database.ts';
import type { Role } from '../access/capabilities.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { disableMembers } from '../identity/member-repository.ts';
import { revokeTokenTrees } from '../identity/token-repository.ts';
import { linkNewMembers, membersOfSource, membersOfUsers, reconcileLinkedMembers } from './member-sync-repository.ts';

export interface MemberSyncScope {
  workspaceId: string;
  configurationId: string;
  /** group displayName (any case) → role */
  groupRoleMapping: Readonly<Record<string, Role>>;
  defaultRole: Role;
  actor: { type: string; id: string };
  requestId?: string | null;
}

const memberSourceOf = (configurationId: string) => `scim:${configurationId}`;

/** Above this many changes one summary audit row is written instead of one per member. */
const AUDIT_DETAIL_LIMIT = 50;

interface Change {
  member_id: string;
  action: 'scim.member.provisioned' | 'scim.member.role_changed' | 'scim.member.deactivated' | 'scim.member.reactivated';
  metadata: Record<string, unknown>;
}

/**
 * Creates or links members for active users without one, then brings role and enabled state of
 * every linked member in scope in line with its SCIM user. `userIds: 'all'` = the whole configuration.
 */
export async function syncMembers(
  q: Queryable,
  scope: MemberSyncScope,
  userIds: readonly string[] | 'all',
): Promise<{ changed: number; tokensRevoked: number }> {
  const ids = userIds === 'all' ? null : [...userIds];
  if (ids && ids.length === 0) return { changed: 0, tokensRevoked: 0 };
  const source = memberSourceOf(scope.configurationId);
  const changes: Change[] = [];

  const linked = await linkNewMembers(q, { ...scope, source }, ids);
  for (const l of linked) {
    changes.push({ member_id: l.member_id, action: 'scim.member.provisioned', metadata: { scimUserId: l.user_id, created: l.created } });
  }

  // A member disabled by hand stays disabled whatever SCIM says (disabled_by = 'manual').
  const updated = await reconcileLinkedMembers(q, { ...scope, source }, ids);
  const disabledNow: string[] = [];
  for (const u of updated) {
    if (u.old_role !== u.role) {
      changes.push({
        member_id: u.id,
        action: 'scim.member.role_changed',
        metadata: { from: u.old_role, to: u.role, ...(u.mapped !== u.role ? { mapped: u.mapped, capped: 'scim_owner_mapping_not_allowed' } : {}) },
      });
    }
    if (!u.was_disabled && u.disabled) disabledNow.push(u.id);
    if (u.was_disabled && !u.disabled) changes.push({ member_id: u.id, action: 'scim.member.reactivated', metadata: {} });
  }
  const revoked = await revokeTokens(q, disabledNow);
  for (const id of disabledNow) {
    changes.push({ member_id: id, action: 'scim.member.deactivated', metadata: { reason: 'deactivated', tokensRevoked: revoked.get(id) ?? 0 } });
  }
  await auditChanges(q, scope, changes);
  return { changed: changes.length, tokensRevoked: sum(revoked) };
}

/**
 * Disables the members linked to these users (or, with 'all', every member this configuration
 * provisioned) and revokes their tokens. Runs whatever the syncToUserManagement flag says now:
 * taking access away is never the wrong direction.
 */
export async function deprovisionMembers(
  q: Queryable,
  scope: MemberSyncScope,
  userIds: readonly string[] | 'all',
  reason: 'deactivated' | 'deleted' | 'configuration_deleted',
): Promise<{ members: number; tokensRevoked: number }> {
  const source = memberSourceOf(scope.configurationId);
  let memberIds: string[];
  if (userIds === 'all') {
    memberIds = await membersOfSource(q, scope.workspaceId, source);
  } else {
    if (userIds.length === 0) return { members: 0, tokensRevoked: 0 };
    memberIds = await membersOfUsers(q, scope.configurationId, userIds, source);
  }
  if (memberIds.length === 0) return { members: 0, tokensRevoked: 0 };
  const disabled = await disableMembers(q, memberIds, 'scim');
  // Tokens go even for members disabled earlier: a token created while disabled must not survive.
  const revoked = await revokeTokens(q, memberIds);
  const newlyDisabled = new Set(disabled);
  const changes: Change[] = memberIds
    .filter((id) => newlyDisabled.has(id) || (revoked.get(id) ?? 0) > 0)
    .map((id) => ({ member_id: id, action: 'scim.member.deactivated', metadata: { reason, tokensRevoked: revoked.get(id) ?? 0 } }));
  await auditChanges(q, scope, changes);
  return { members: newlyDisabled.size, tokensRevoked: sum(revoked) };
}

async function revokeTokens(q: Queryable, memberIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (memberIds.length === 0) return counts;
  // The member's own tokens, the tokens it made, and everything minted from those.
  for (const r of await revokeTokenTrees(q, { memberIds })) counts.set(r.root, (counts.get(r.root) ?? 0) + 1);
  return counts;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function auditChanges(q: Queryable, scope: MemberSyncScope, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const base = { workspaceId: scope.workspaceId, actor: scope.actor, outcome: 'success' as const, requestId: scope.requestId ?? null };
  if (changes.length > AUDIT_DETAIL_LIMIT) {
    const byAction: Record<string, number> = {};
    for (const c of changes) byAction[c.action] = (byAction[c.action] ?? 0) + 1;
    await appendAudit(q, {
      ...base,
      action: 'scim.member.synced',
      target: { type: 'scim_configuration', id: scope.configurationId },
      metadata: { configurationId: scope.configurationId, changes: byAction },
    });
    return;
  }
  for (const c of changes) {
    await appendAudit(q, {
      ...base,
      action: c.action,
      target: { type: 'member', id: c.member_id },
      metadata: { configurationId: scope.configurationId, ...c.metadata },
    });
  }
}
