// /Groups: create, read, replace (PUT), PATCH, delete and list. Membership lives in
// scim_group_members: PATCH turns member operations into set operations (idempotent add and
// remove) and never loads or returns the member list unless the response asks for it.
import { syncMembers } from '../../core/scim/member-sync.ts';
import type { Queryable } from '../../db/database.ts';
import {
  ScimError,
  applyPatch,
  columnsOf,
  isUuid,
  normalizeResource,
  parsePagination,
  type MemberChanges,
  type MemberRef,
  type PatchOptions,
} from '../protocol/index.ts';
import { storeLearned } from '../store/schema-settings.ts';
import {
  addMembers,
  deleteGroup as deleteGroupRow,
  findGroup,
  insertGroup,
  membersOf,
  removeMembers,
  removeMembersExcept,
  bumpGroupVersionAndCommit,
  updateGroup,
  userMembersOf,
  type GroupRow,
} from '../store/groups.ts';
import { listResources } from '../store/list.ts';
import { deepEqual } from '../protocol/values.ts';
import { auditScimWrite } from './audit.ts';
import { memberSyncScope, type ScimContext } from './context.ts';
import { asUniqueness } from './db-errors.ts';
import { checkIfMatch, optimistic, retryOnDeadlock, type IfMatch } from './preconditions.ts';
import { schemaFor, schemaForRead, writeOptions } from './schema.ts';
import { renderGroup } from './render.ts';
import type { ListParams, ListResult, Loaded } from './users.ts';

type Json = Record<string, unknown>;

export interface GroupReadShape {
  /** Load members (Entra asks with excludedAttributes=members precisely to avoid this). */
  members: boolean;
}

const groupNotFound = (id: string) => new ScimError(404, undefined, `Group ${id.slice(0, 64)} not found.`);

async function load(q: Queryable, ctx: ScimContext, row: GroupRow, shape: GroupReadShape): Promise<Loaded> {
  const members = shape.members ? (await membersOf(q, [row.id])).get(row.id) : undefined;
  return { id: row.id, version: row.version, resource: renderGroup(row, ctx.baseUrl, members) };
}

/** Applies membership set operations (remove first, then add); returns the user ids touched. */
async function applyMemberChanges(q: Queryable, ctx: ScimContext, groupId: string, changes: MemberChanges): Promise<string[]> {
  const removed = await removeMembers(q, groupId, changes.remove);
  const added = await addMembers(q, ctx, groupId, changes.add);
  return [...new Set([...removed, ...added])];
}

/** syncToUserManagement: roles follow group membership (and group names, via the role mapping). */
async function syncUsers(q: Queryable, ctx: ScimContext, userIds: string[]): Promise<void> {
  if (ctx.syncToUserManagement && userIds.length > 0) await syncMembers(q, memberSyncScope(ctx), userIds);
}

export async function createGroup(ctx: ScimContext, body: unknown, shape: GroupReadShape): Promise<Loaded> {
  return ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    const schema = await schemaFor(q, ctx);
    const { resource, members } = normalizeResource(body, 'Group', writeOptions(schema));
    const row = await insertGroup(q, ctx, columnsOf(resource, 'Group'), resource).catch((err) => {
      throw asUniqueness(err, 'displayName');
    });
    await storeLearned(q, ctx.configurationId, schema.learned);
    const users = members?.length ? await addMembers(q, ctx, row.id, members) : [];
    await syncUsers(q, ctx, users);
    await auditScimWrite(q, ctx, 'group', 'created', row.id, { members: members?.length ?? 0 });
    return load(q, ctx, row, shape);
  });
}

export async function getGroup(ctx: ScimContext, id: string, shape: GroupReadShape): Promise<Loaded> {
  if (!isUuid(id)) throw groupNotFound(id);
  return ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    await schemaForRead(q, ctx);
    const row = await findGroup(q, ctx.configurationId, id);
    if (!row) throw groupNotFound(id);
    return load(q, ctx, row, shape);
  });
}

interface Rewrite {
  resource: Json;
  /** Membership operations; undefined leaves members alone. */
  members?: MemberChanges;
  /** PUT: the complete new member list (members not in it are removed). */
  replaceWith?: MemberRef[];
}

async function rewrite(
  ctx: ScimContext,
  id: string,
  ifMatch: IfMatch,
  shape: GroupReadShape,
  write: 'replaced' | 'patched',
  next: (current: GroupRow, options: PatchOptions) => Rewrite | null,
): Promise<Loaded> {
  if (!isUuid(id)) throw groupNotFound(id);
  return retryOnDeadlock(() =>
    ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
      const schema = await schemaFor(q, ctx);
      const options = writeOptions(schema);
      const first = await findGroup(q, ctx.configurationId, id);
      if (!first) throw groupNotFound(id);
      checkIfMatch(ifMatch, first.version);
      const firstChange = next(first, options);
      if (firstChange === null) return load(q, ctx, first, shape);

      if (ifMatch === undefined && firstChange.members && !firstChange.replaceWith && deepEqual(firstChange.resource, first.resource)) {
        // Membership only, no If-Match: set operations commute with any concurrent change, so
        // there is nothing to re-read; the version is bumped last and committed with it, which
        // keeps the group's row lock (every writer of this group queues on it) inside the server.
        const touched = await applyMemberChanges(q, ctx, id, firstChange.members);
        await syncUsers(q, ctx, touched);
        await auditScimWrite(q, ctx, 'group', write, id, { membership_only: true });
        // Members are read before the commit, when the response asks for them.
        const members = shape.members ? (await membersOf(q, [id])).get(id) : undefined;
        const bumped = await bumpGroupVersionAndCommit(q, ctx.configurationId, id);
        // Gone meanwhile: the member writes above could not have succeeded (their foreign key
        // locks the group), so nothing was committed for it.
        if (!bumped) throw groupNotFound(id);
        return { id, version: bumped.version, resource: renderGroup(bumped, ctx.baseUrl, members) };
      }

      let change: Rewrite | null = null;
      let renamed = false;
      // Attributes change: written at the version read (retried under a row lock if another
      // writer got there first), then the membership operations under that lock.
      const row = await optimistic(async (lock) => {
        const current = lock ? await findGroup(q, ctx.configurationId, id, true) : first;
        if (!current) throw groupNotFound(id);
        checkIfMatch(ifMatch, current.version);
        change = lock ? next(current, options) : firstChange;
        if (change === null) return current;
        const cols = columnsOf(change.resource, 'Group');
        renamed = cols.displayName !== current.display_name;
        const updated = await updateGroup(q, ctx.configurationId, id, current.version, cols, change.resource).catch((err) => {
          throw asUniqueness(err, 'displayName');
        });
        return updated ?? undefined;
      });
      const c = change as Rewrite | null;
      if (c) {
        await storeLearned(q, ctx.configurationId, schema.learned);
        let touched: string[] = [];
        if (c.replaceWith) touched = await replaceMembers(q, ctx, id, c.replaceWith);
        else if (c.members) touched = await applyMemberChanges(q, ctx, id, c.members);
        // A rename can change the role the mapping gives every member.
        if (renamed && ctx.syncToUserManagement) touched = [...new Set([...touched, ...(await userMembersOf(q, id))])];
        await syncUsers(q, ctx, touched);
        await auditScimWrite(q, ctx, 'group', write, id);
      }
      return load(q, ctx, row, shape);
    }),
  );
}

/** PUT semantics for members: exactly this list afterwards, computed as a difference. */
async function replaceMembers(q: Queryable, ctx: ScimContext, groupId: string, refs: MemberRef[]): Promise<string[]> {
  const keep = refs.filter((r) => isUuid(r.value)).map((r) => r.value.toLowerCase());
  const removed = await removeMembersExcept(q, groupId, keep);
  const added = await addMembers(q, ctx, groupId, refs);
  return [...new Set([...removed, ...added])];
}

export function replaceGroup(ctx: ScimContext, id: string, body: unknown, ifMatch: IfMatch, shape: GroupReadShape): Promise<Loaded> {
  // RFC 7644 §3.5.1: what PUT leaves out is cleared, members included.
  return rewrite(ctx, id, ifMatch, shape, 'replaced', (_current, options) => {
    const { resource, members } = normalizeResource(body, 'Group', options);
    return { resource, replaceWith: members ?? [] };
  });
}

export function patchGroup(ctx: ScimContext, id: string, body: unknown, ifMatch: IfMatch, shape: GroupReadShape): Promise<Loaded> {
  return rewrite(ctx, id, ifMatch, shape, 'patched', (current, options) => {
    const result = applyPatch(current.resource, body, 'Group', options);
    if (!result.modified) return null;
    return { resource: result.resource, members: result.members };
  });
}

export async function deleteGroup(ctx: ScimContext, id: string, ifMatch: IfMatch): Promise<void> {
  if (!isUuid(id)) throw groupNotFound(id);
  await ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    let users: string[] = [];
    await optimistic(async (lock) => {
      const current = await findGroup(q, ctx.configurationId, id, lock);
      if (!current) throw groupNotFound(id);
      checkIfMatch(ifMatch, current.version);
      users = ctx.syncToUserManagement ? await userMembersOf(q, id) : [];
      return (await deleteGroupRow(q, ctx.configurationId, id, current.version)) ? true : undefined;
    });
    await syncUsers(q, ctx, users);
    await auditScimWrite(q, ctx, 'group', 'deleted', id);
  });
}

export async function listGroups(ctx: ScimContext, params: ListParams, shape: GroupReadShape): Promise<ListResult> {
  const page = parsePagination(params.startIndex, params.count, ctx.settings.maxResults);
  return ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    await schemaForRead(q, ctx);
    const { rows, total } = await listResources<GroupRow>(q, 'Group', ctx.configurationId, {
      learned: ctx.schema?.learned,
      filter: params.filter,
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      offset: page.offset,
      count: page.count,
      // Members are read after the page, in the same transaction.
      last: shape.members ? undefined : q,
    });
    const members = shape.members
      ? await membersOf(
          q,
          rows.map((r) => r.id),
        )
      : undefined;
    return {
      resources: rows.map((r) => renderGroup(r, ctx.baseUrl, members?.get(r.id))),
      totalResults: total,
      startIndex: page.startIndex,
    };
  });
}
