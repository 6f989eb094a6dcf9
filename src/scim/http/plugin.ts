// The live SCIM 2.0 endpoint of every configuration: /directory/resources/scim/v2.0/{configurationId}.
// An encapsulated Fastify plugin with its own body parsers (application/scim+json, application/json,
// and a body with no content type at all, which some clients send), its own authentication (the
// configuration's bearer token), its own rate limit (keyed by configuration: there is no
// principal), and its own error handler (RFC 7644 error bodies as application/scim+json).
// Limits use the process's shared store (app.limits, src/http/rate-limit.ts): requests per
// configuration, and failed authentications per (client, configuration) — a token guessed or
// rotated away for one configuration never slows another behind the same address.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { ScimContext, ScimSettings } from '../service/context.ts';
import { createScimAuthenticator, type ScimAuthentication } from './auth.ts';
import { registerBulkRoute } from './bulk-route.ts';
import { registerDiscoveryRoutes } from './discovery-routes.ts';
import { SCIM_CONTENT_TYPE, toScimReply, unauthorized } from './errors.ts';
import { SCIM_DOCS, SCIM_PARAMETERS } from './docs.ts';
import { GROUPS, USERS, registerResourceRoutes } from './resource-routes.ts';
import { ScimError, invalidSyntax } from '../protocol/index.ts';
import { isPlainObject } from '../protocol/lenient.ts';
import { DEFAULT_MAX_JSON_DEPTH, depthLimited } from '../../http/json-depth.ts';
import { tooManyFailures } from '../../http/auth-failures.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { clientKey, scimTarget } from '../../http/limit-keys.ts';
import { rateLimited } from '../../http/rate-limit.ts';

export const SCIM_PREFIX = '/directory/resources/scim/v2.0/:configurationId';

export interface ScimEndpointDeps {
  db: Db;
  publicUrl: string;
  settings: ScimSettings;
  /** Requests per minute per configuration, counted on the shared store. */
  rateLimitPerMinute: number;
  /** Token → configuration ids remembered per node (0: look every token up); see auth.ts. */
  rememberedTokens: number;
  /** Deepest JSON nesting a body may have (SWITCHBOARD_MAX_JSON_DEPTH). */
  maxJsonDepth?: number;
  /** Told about every answer: the configuration it authenticated for (null: none) and its status (metrics). */
  onAnswered?: (configurationId: string | null, status: number) => void;
}

export function scimEndpoint(deps: ScimEndpointDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const contexts = new WeakMap<FastifyRequest, ScimContext>();
    const authentications = new WeakMap<FastifyRequest, ScimAuthentication>();
    const authenticator = createScimAuthenticator(deps.db, { rememberedTokens: deps.rememberedTokens });
    const contextOf = (req: FastifyRequest): ScimContext => {
      const ctx = contexts.get(req);
      if (!ctx) throw new ScimError(401, undefined, 'A valid bearer token for this SCIM endpoint is required.');
      return ctx;
    };
    // The global hook leaves these routes alone (auth: 'custom'); requests are counted here per
    // configuration, across all SCIM routes and all nodes.
    const routeConfig = { auth: 'custom' } as const;
    const requests = app.limits.store.limiter('rl_scim', deps.rateLimitPerMinute, 60, { leased: true });
    /** A 401 to a request that presented a credential counts as a failure; past the limits it becomes this 429. */
    const failed = async (req: FastifyRequest, reply: FastifyReply) => {
      if (req.headers.authorization === undefined) return null;
      const configurationId = (req.params as { configurationId?: string } | undefined)?.configurationId;
      const wait = await app.limits.authFailures.failed(clientKey(req.ip), scimTarget(configurationId));
      return wait > 0 ? toScimReply(tooManyFailures(reply, wait)) : null;
    };

    // The service's depth limit (src/http/json-depth.ts) on every body this endpoint parses,
    // application/json included (it replaces the inherited parser, whose error is not RFC 7644's).
    const maxDepth = deps.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
    const jsonParser = depthLimited(app.getDefaultJsonParser('error', 'error'), maxDepth, () =>
      invalidSyntax(`The request body is nested more than ${maxDepth} levels deep.`),
    );
    app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, jsonParser);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonParser);
    app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      jsonParser(req, text, done);
    });

    /** Status, headers and the RFC 7644 error body of an error reply (the body is returned). */
    const errorReply = (reply: FastifyReply, status: number, body: object): string => {
      if (status === 401) reply.header('www-authenticate', 'Bearer realm="SCIM"');
      reply.status(status).header('content-type', SCIM_CONTENT_TYPE);
      return JSON.stringify(body);
    };

    app.setErrorHandler(async (err, req, reply) => {
      const answer = toScimReply(err);
      if (answer.unexpected) req.log.error({ err }, 'SCIM request failed');
      const { status, body } = (answer.status === 401 && (await failed(req, reply))) || answer;
      return errorReply(reply, status, body);
    });
    app.setNotFoundHandler((_req, reply) => {
      reply
        .status(404)
        .header('content-type', SCIM_CONTENT_TYPE)
        .send(JSON.stringify(toScimReply(new ScimError(404, undefined, 'No such SCIM endpoint.')).body));
    });

    app.addHook('onRequest', async (req, reply) => {
      if (!req.routeOptions.url) return; // not found: answered by the handler above
      // Before validation (this is onRequest): the router's params, read without trusting their shape.
      const params: unknown = req.params;
      const configurationId = isPlainObject(params) && typeof params.configurationId === 'string' ? params.configurationId : undefined;
      const auth = await authenticator.authenticate(req.headers.authorization, configurationId);
      const { principal } = auth;
      const ctx: ScimContext = {
        db: deps.db,
        ...principal,
        baseUrl: `${deps.publicUrl.replace(/\/+$/, '')}/directory/resources/scim/v2.0/${principal.configurationId}`,
        requestId: req.id,
        settings: deps.settings,
        namesExtensions: false,
      };
      if (!auth.verified) ctx.db = authenticator.database(auth, (sync) => (ctx.syncToUserManagement = sync));
      authentications.set(req, auth);
      contexts.set(req, ctx);
      // Counted once authenticated: noise with invalid tokens never uses up a configuration's budget.
      const verdict = await requests.consume(principal.configurationId);
      if (!verdict.allowed) throw rateLimited(reply, verdict.msBeforeNext);
    });
    app.addHook('onSend', async (req, reply, payload) => {
      // A remembered token whose request ran no guarded transaction is checked before anything
      // is answered (auth.ts): a revoked token gets a 401, never a resource, a 404 or a 400.
      const auth = authentications.get(req);
      if (auth && !auth.verified && !(await authenticator.verify(auth))) {
        reply.removeHeader('etag').removeHeader('location');
        const { status, body } = (await failed(req, reply)) ?? toScimReply(unauthorized());
        return errorReply(reply, status, body);
      }
      if (reply.statusCode !== 204 && reply.statusCode !== 304 && payload !== undefined && payload !== null && payload !== '') {
        reply.header('content-type', SCIM_CONTENT_TYPE);
      }
      return payload;
    });

    app.addHook('onResponse', async (req, reply) => {
      // A 401 names no configuration, whatever the request claimed: only an authenticated one is a label.
      const auth = authentications.get(req);
      deps.onAnswered?.(auth && reply.statusCode !== 401 ? auth.principal.configurationId : null, reply.statusCode);
    });
    app.addHook('onRoute', attachDocs(SCIM_DOCS, SCIM_PARAMETERS));
    registerResourceRoutes(app, USERS, contextOf, routeConfig);
    registerResourceRoutes(app, GROUPS, contextOf, routeConfig);
    registerDiscoveryRoutes(app, contextOf, routeConfig);
    registerBulkRoute(app, contextOf, routeConfig, deps.settings.maxBulkPayloadBytes);
  };
}

const SCIM_PATH = /^\/directory\/resources\/scim\/v2\.0\//;

/** RFC 7644 §3.2 and §4 endpoint names, keyed by their lower case. */
const ENDPOINT_NAMES = new Map(['Users', 'Groups', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas', 'Bulk'].map((n) => [n.toLowerCase(), n]));
/** `…/v2.0/{configurationId}/{endpoint}` — the endpoint segment, whatever its case. */
const ENDPOINT_SEGMENT = /^(\/directory\/resources\/scim\/v2\.0\/[^/]+\/)([^/]+)/;

/**
 * Identity providers build URLs from the base URL an administrator pasted, often with a
 * trailing slash: `…/{id}//Users` and `…/{id}/Users/` mean `…/{id}/Users`. Some clients spell the
 * endpoint names in another case (Microsoft's SCIM reference collection sends `…/users`, as its
 * ASP.NET server routes without case): `…/{id}/users` means `…/{id}/Users`. Only the endpoint
 * name is folded — ids and the rest of the path stay as sent. Applied to SCIM paths only (the
 * server's rewriteUrl), before routing; the query string is kept as sent.
 */
export function canonicalScimUrl(url: string): string {
  if (!SCIM_PATH.test(url)) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const canonical = path
    .replace(/\/{2,}/g, '/')
    .replace(/(.)\/+$/, '$1')
    .replace(ENDPOINT_SEGMENT, (whole, prefix: string, name: string) => {
      const known = ENDPOINT_NAMES.get(name.toLowerCase());
      return known ? prefix + known : whole;
    });
  return canonical === path ? url : canonical + (q < 0 ? '' : url.slice(q));
}
