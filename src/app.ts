// buildApp(deps): plugins and routes. It never listens — main.ts does, tests use inject or listen themselves.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { AppError } from './core/errors.ts';
import type { App } from './http/app-type.ts';
import type { AuthFailureLimiter } from './http/auth-failures.ts';
import type { Authenticator } from './http/authenticate.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { canonicalScimUrl } from './scim/http/plugin.ts';
import { depthLimited, tooDeepMessage } from './http/json-depth.ts';
import type { Metrics } from './http/metrics.ts';
import './http/request-context.ts';
import { validatorCompiler } from './http/validation.ts';
import { healthRoutes } from './surfaces/health/routes.ts';

export type { App };

export interface AppDeps {
  config: Config;
  logger: Logger;
  authenticator: Authenticator;
  /** Token brute-force limiting per client address (src/http/auth-failures.ts); absent: off. */
  authFailures?: AuthFailureLimiter;
  metrics: Metrics;
  /** Readiness: database reachable and migrations applied. */
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  /** One plugin per surface (management API, each contract), typed by its route schemas. */
  surfaces: FastifyPluginAsyncTypebox[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One line per response (below) instead of two per request: logging is costly on the hot path.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { maxParamLength: 200 },
    rewriteUrl: (req) => canonicalScimUrl(req.url ?? '/'),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // A JSON API: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  // Fastify's own JSON parser (prototype-poisoning checks included) behind the depth limit; an
  // encapsulated surface with parsers of its own (SCIM) applies the same limit in its own format.
  const maxJsonDepth = deps.config.maxJsonDepth;
  const jsonParser = depthLimited(app.getDefaultJsonParser('error', 'error'), maxJsonDepth, () => new AppError('request.too_deep', tooDeepMessage(maxJsonDepth)));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonParser);
  app.decorateRequest('principal', null);
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchboard',
        version: '0.1.0',
        description: 'Connections to outside systems: provider connections, integrations, SCIM provisioning, operation runs.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const mode = req.routeOptions.config?.auth;
    if (mode === false || !req.routeOptions.url) return;
    if (req.routeOptions.url.startsWith('/docs')) return;
    // An address that failed authentication too often is refused before any token lookup, on
    // every authenticated route including those that authenticate themselves (SCIM).
    const wait = deps.authFailures?.retryAfterMs(req.ip) ?? 0;
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new AppError('auth.too_many_failures', 'too many failed authentications from this address; try again later');
    }
    if (mode === 'custom') return;
    req.principal = await deps.authenticator.authenticate(req.headers.authorization);
  });

  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: deps.config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => req.principal?.tokenId ?? req.principal?.actorId ?? req.routeOptions.config?.rateLimitKey ?? req.ip,
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', `rate limit exceeded; retry in ${Math.ceil(ctx.ttl / 1000)} s`) as never,
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    // A 401 to a request that presented credentials is a failed guess (whichever scheme: API
    // token, OIDC JWT, SCIM token); a request with no Authorization header is not counted.
    if (reply.statusCode === 401 && req.headers.authorization !== undefined) deps.authFailures?.fail(req.ip);
    deps.metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500 || deps.logger.isLevelEnabled('debug')) {
      req.log.info({ method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
  });

  await app.register(healthRoutes, { ready: deps.ready, metrics: deps.metrics });
  app.get('/openapi.json', { schema: { hide: true }, config: { auth: false } }, async () => app.swagger());
  for (const surface of deps.surfaces) await app.register(surface);
  return app;
}
