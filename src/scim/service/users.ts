// /Users: create, read, replace (PUT), PATCH, delete and list for one configuration. Each call is
// one transaction confined to the configuration's workspace; provisioning writes also update
// lastSync and, with syncToUserManagement, the workspace member in that same transaction.
import { deprovisionMembers, syncMembers } from '../../core/scim/member-sync.ts';
import type { Queryable } from '../../db/database.ts';
import { ScimError, applyPatch, columnsOf, isUuid, normalizeResource, type PatchOptions, parsePagination } from '../protocol/index.ts';
import { storeLearned } from '../store/schema-settings.ts';
import { listResources } from '../store/list.ts';
import { deleteUser as deleteUserRow, findUser, insertUser, updateUser, type UserRow } from '../store/users.ts';
import { memberSyncScope, type ScimContext } from './context.ts';
import { auditScimWrite } from './audit.ts';
import { asUniqueness } from './db-errors.ts';
import { checkIfMatch, optimistic, type IfMatch } from './preconditions.ts';
import { renderUser } from './render.ts';
import { schemaFor, schemaForRead, writeOptions } from './schema.ts';

type Json = Record<string, unknown>;

export interface Loaded {
  id: string;
  version: number;
  resource: Json;
}

export interface ReadShape {
  /** Load the read-only `groups` attribute (skipped when the response will not show it). */
  groups: boolean;
}

export interface ListParams {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex?: unknown;
  count?: unknown;
}

export interface ListResult {
  resources: Json[];
  totalResults: number;
  startIndex: number;
}

const userNotFound = (id: string) => new ScimError(404, undefined, `User ${id.slice(0, 64)} not found.`);

/** The stored resource always says `active`; RFC 7643 leaves it unset, and unset means active here. */
function withActive(resource: Json, active?: boolean): Json {
  if (typeof resource.active !== 'boolean') resource.active = active ?? true;
  return resource;
}

/** Rows are read with their `groups` already when the response shows them (see userColumns). */
function loaded(ctx: ScimContext, row: UserRow): Loaded {
  return { id: row.id, version: row.version, resource: renderUser(row, ctx.baseUrl) };
}

/** After any write of a user the workspace member follows (lastSync moved with the write itself). */
async function afterWrite(q: Queryable, ctx: ScimContext, row: UserRow): Promise<void> {
  if (ctx.syncToUserManagement) await syncMembers(q, memberSyncScope(ctx), [row.id]);
  else if (row.member_id && !row.active) await deprovisionMembers(q, memberSyncScope(ctx), [row.id], 'deactivated');
}

// A new user belongs to no group yet, so `shape` asks for nothing to load.
export async function createUser(ctx: ScimContext, body: unknown, _shape: ReadShape): Promise<Loaded> {
  return ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    const schema = await schemaFor(q, ctx);
    const { resource } = normalizeResource(body, 'User', writeOptions(schema));
    withActive(resource);
    const row = await insertUser(q, ctx, columnsOf(resource, 'User'), resource).catch((err) => {
      throw asUniqueness(err, 'userName');
    });
    await storeLearned(q, ctx.configurationId, schema.learned);
    await afterWrite(q, ctx, row);
    await auditScimWrite(q, ctx, 'user', 'created', row.id);
    return loaded(ctx, row);
  });
}

export async function getUser(ctx: ScimContext, id: string, shape: ReadShape): Promise<Loaded> {
  if (!isUuid(id)) throw userNotFound(id);
  return ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    await schemaForRead(q, ctx);
    const row = await findUser(q, ctx.configurationId, id, { groups: shape.groups });
    if (!row) throw userNotFound(id);
    return loaded(ctx, row);
  });
}

/** Shared by PUT and PATCH: read, compute the new resource, write at the version read. */
async function rewrite(
  ctx: ScimContext,
  id: string,
  ifMatch: IfMatch,
  shape: ReadShape,
  write: 'replaced' | 'patched',
  next: (current: UserRow, options: PatchOptions) => Json | null,
): Promise<Loaded> {
  if (!isUuid(id)) throw userNotFound(id);
  return ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    const schema = await schemaFor(q, ctx);
    let wrote = false;
    const row = await optimistic(async (lock) => {
      const current = await findUser(q, ctx.configurationId, id, { lock, groups: shape.groups });
      if (!current) throw userNotFound(id);
      checkIfMatch(ifMatch, current.version);
      const resource = next(current, writeOptions(schema));
      if (resource === null) return current; // nothing changed: no new version
      withActive(resource);
      const updated = await updateUser(q, ctx.configurationId, id, current.version, columnsOf(resource, 'User'), resource, shape.groups).catch((err) => {
        throw asUniqueness(err, 'userName');
      });
      wrote = updated !== null;
      return updated ?? undefined;
    });
    if (wrote) {
      await storeLearned(q, ctx.configurationId, schema.learned);
      await afterWrite(q, ctx, row);
      await auditScimWrite(q, ctx, 'user', write, row.id);
    }
    return loaded(ctx, row);
  });
}

export function replaceUser(ctx: ScimContext, id: string, body: unknown, ifMatch: IfMatch, shape: ReadShape): Promise<Loaded> {
  // Normalised against the configuration's schemas, before the user is read.
  return rewrite(ctx, id, ifMatch, shape, 'replaced', (_current, options) => normalizeResource(body, 'User', options).resource);
}

export function patchUser(ctx: ScimContext, id: string, body: unknown, ifMatch: IfMatch, shape: ReadShape): Promise<Loaded> {
  return rewrite(ctx, id, ifMatch, shape, 'patched', (current, options) => {
    const result = applyPatch(withActive({ ...current.resource }, current.active), body, 'User', options);
    return result.modified ? result.resource : null;
  });
}

export async function deleteUser(ctx: ScimContext, id: string, ifMatch: IfMatch): Promise<void> {
  if (!isUuid(id)) throw userNotFound(id);
  await ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    await optimistic(async (lock) => {
      const current = await findUser(q, ctx.configurationId, id, { lock });
      if (!current) throw userNotFound(id);
      checkIfMatch(ifMatch, current.version);
      // The member loses access in the same transaction the user goes away in.
      if (current.member_id) await deprovisionMembers(q, memberSyncScope(ctx), [id], 'deleted');
      return (await deleteUserRow(q, ctx.configurationId, id, current.version)) ? true : undefined;
    });
    await auditScimWrite(q, ctx, 'user', 'deleted', id);
  });
}

export async function listUsers(ctx: ScimContext, params: ListParams, shape: ReadShape): Promise<ListResult> {
  const page = parsePagination(params.startIndex, params.count, ctx.settings.maxResults);
  return ctx.db.workspaceTx(ctx.workspaceId, async (q) => {
    await schemaForRead(q, ctx);
    const { rows, total } = await listResources<UserRow>(q, 'User', ctx.configurationId, {
      learned: ctx.schema?.learned,
      filter: params.filter,
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      offset: page.offset,
      count: page.count,
      groups: shape.groups,
      last: q,
    });
    return {
      resources: rows.map((r) => renderUser(r, ctx.baseUrl)),
      totalResults: total,
      startIndex: page.startIndex,
    };
  });
}
