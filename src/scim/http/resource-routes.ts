// /Users and /Groups over HTTP: parse the request, call the service, shape the reply (status,
// Location, ETag, attributes/excludedAttributes). One table per resource type drives both.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app-type.ts';
import { etagOf, isAttributeRequested, listResponse, project, type ProjectionOptions, type ResourceType } from '../protocol/index.ts';
import { isPlainObject } from '../protocol/lenient.ts';
import type { ScimContext } from '../service/context.ts';
import * as groups from '../service/groups.ts';
import { matchesIfNoneMatch, parseIfMatch, type IfMatch } from '../service/preconditions.ts';
import * as users from '../service/users.ts';
import { refuseMethods } from './errors.ts';
import { ListQuery, ProjectionQuery, ResourceParams } from './schemas.ts';

type Json = Record<string, unknown>;
interface Shape {
  groups: boolean;
  members: boolean;
}

interface ResourceHandlers {
  type: ResourceType;
  endpoint: string;
  create(ctx: ScimContext, body: unknown, shape: Shape): Promise<users.Loaded>;
  get(ctx: ScimContext, id: string, shape: Shape): Promise<users.Loaded>;
  replace(ctx: ScimContext, id: string, body: unknown, ifMatch: IfMatch, shape: Shape): Promise<users.Loaded>;
  patch(ctx: ScimContext, id: string, body: unknown, ifMatch: IfMatch, shape: Shape): Promise<users.Loaded>;
  remove(ctx: ScimContext, id: string, ifMatch: IfMatch): Promise<void>;
  list(ctx: ScimContext, params: users.ListParams, shape: Shape): Promise<users.ListResult>;
  /**
   * Users answer PATCH with the resource (Okta and Entra expect it); Groups answer 204 unless the
   * request asks for attributes, so a change to a 10,000-member group never returns the group.
   */
  patchReturnsBody(opts: ProjectionOptions): boolean;
}

const asked = (opts: ProjectionOptions) => opts.attributes !== undefined || opts.excludedAttributes !== undefined;

export const USERS: ResourceHandlers = {
  type: 'User',
  endpoint: '/Users',
  create: users.createUser,
  get: users.getUser,
  replace: users.replaceUser,
  patch: users.patchUser,
  remove: users.deleteUser,
  list: users.listUsers,
  patchReturnsBody: () => true,
};

export const GROUPS: ResourceHandlers = {
  type: 'Group',
  endpoint: '/Groups',
  create: groups.createGroup,
  get: groups.getGroup,
  replace: groups.replaceGroup,
  patch: groups.patchGroup,
  remove: groups.deleteGroup,
  list: groups.listGroups,
  patchReturnsBody: asked,
};

const first = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : typeof v === 'string' ? v : undefined);

function stringList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : undefined;
}

function projectionOf(source: Record<string, unknown>): ProjectionOptions {
  const opts: ProjectionOptions = {};
  const attributes = stringList(source.attributes);
  const excluded = stringList(source.excludedAttributes);
  if (attributes) opts.attributes = attributes;
  if (excluded) opts.excludedAttributes = excluded;
  return opts;
}

function shapeOf(type: ResourceType, opts: ProjectionOptions): Shape {
  return {
    groups: type === 'User' && isAttributeRequested(opts, 'User', 'groups'),
    members: type === 'Group' && isAttributeRequested(opts, 'Group', 'members'),
  };
}

function sendResource(reply: FastifyReply, status: number, loaded: users.Loaded, type: ResourceType, opts: ProjectionOptions, ctx: ScimContext): Json {
  reply.status(status).header('etag', etagOf(loaded.version));
  return project(loaded.resource, opts, type, ctx.schema?.learned);
}

/** Learned extensions are addressed by URN-qualified paths only: a read loads them when one is named. */
function noteExtensions(ctx: ScimContext, params: Record<string, unknown>): ScimContext {
  ctx.namesExtensions = ['filter', 'sortBy', 'attributes', 'excludedAttributes'].some((k) => /urn:/i.test(String(params[k] ?? '')));
  return ctx;
}

export function registerResourceRoutes(
  app: App,
  h: ResourceHandlers,
  contextOf: (req: FastifyRequest) => ScimContext,
  routeConfig: Record<string, unknown>,
): void {
  const tags = ['SCIM 2.0'];
  const base = h.endpoint;
  const byId = `${base}/:id`;

  const list = async (req: FastifyRequest, params: Record<string, unknown>) => {
    const opts = projectionOf(params);
    const ctx = noteExtensions(contextOf(req), params);
    const result = await h.list(
      ctx,
      {
        filter: first(params.filter),
        sortBy: first(params.sortBy),
        sortOrder: first(params.sortOrder),
        startIndex: first(params.startIndex) ?? params.startIndex,
        count: first(params.count) ?? params.count,
      },
      shapeOf(h.type, opts),
    );
    return listResponse(
      result.resources.map((r) => project(r, opts, h.type, ctx.schema?.learned)),
      { totalResults: result.totalResults, startIndex: result.startIndex },
    );
  };

  app.get(base, { config: routeConfig, schema: { tags, summary: `List or filter ${base.slice(1)}`, querystring: ListQuery } }, async (req) =>
    list(req, req.query),
  );
  // RFC 7644 §3.4.3: the same query carried in a body (long filters, no filter in logs).
  app.post(`${base}/.search`, { config: routeConfig, schema: { tags, summary: `Search ${base.slice(1)}` } }, async (req) =>
    list(req, isPlainObject(req.body) ? req.body : {}),
  );

  app.post(base, { config: routeConfig, schema: { tags, summary: `Create a ${h.type}`, querystring: ProjectionQuery } }, async (req, reply) => {
    const opts = projectionOf(req.query);
    const ctx = contextOf(req);
    const loaded = await h.create(ctx, req.body, shapeOf(h.type, opts));
    reply.header('location', (loaded.resource.meta as { location: string }).location);
    return sendResource(reply, 201, loaded, h.type, opts, ctx);
  });

  app.get(
    byId,
    { config: routeConfig, schema: { tags, summary: `Get a ${h.type}`, params: ResourceParams, querystring: ProjectionQuery } },
    async (req, reply) => {
      const opts = projectionOf(req.query);
      const ctx = noteExtensions(contextOf(req), req.query);
      const loaded = await h.get(ctx, req.params.id, shapeOf(h.type, opts));
      if (matchesIfNoneMatch(req.headers['if-none-match'], loaded.version)) {
        reply.status(304).header('etag', etagOf(loaded.version));
        return reply.send();
      }
      return sendResource(reply, 200, loaded, h.type, opts, ctx);
    },
  );

  app.put(
    byId,
    { config: routeConfig, schema: { tags, summary: `Replace a ${h.type}`, params: ResourceParams, querystring: ProjectionQuery } },
    async (req, reply) => {
      const opts = projectionOf(req.query);
      const ctx = contextOf(req);
      const loaded = await h.replace(ctx, req.params.id, req.body, parseIfMatch(req.headers['if-match']), shapeOf(h.type, opts));
      return sendResource(reply, 200, loaded, h.type, opts, ctx);
    },
  );

  app.patch(
    byId,
    { config: routeConfig, schema: { tags, summary: `Modify a ${h.type} (RFC 7644 §3.5.2)`, params: ResourceParams, querystring: ProjectionQuery } },
    async (req, reply) => {
      const opts = projectionOf(req.query);
      const withBody = h.patchReturnsBody(opts);
      const shape = withBody ? shapeOf(h.type, opts) : { groups: false, members: false };
      const ctx = contextOf(req);
      const loaded = await h.patch(ctx, req.params.id, req.body, parseIfMatch(req.headers['if-match']), shape);
      if (!withBody) {
        reply.status(204).header('etag', etagOf(loaded.version));
        return reply.send();
      }
      return sendResource(reply, 200, loaded, h.type, opts, ctx);
    },
  );

  app.delete(byId, { config: routeConfig, schema: { tags, summary: `Delete a ${h.type}`, params: ResourceParams } }, async (req, reply) => {
    await h.remove(contextOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
    return reply.status(204).send();
  });

  refuseMethods(app, base, ['PUT', 'PATCH', 'DELETE'], ['GET', 'POST'], routeConfig);
  refuseMethods(app, byId, ['POST'], ['GET', 'PUT', 'PATCH', 'DELETE'], routeConfig);
}
