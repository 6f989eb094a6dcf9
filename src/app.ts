// buildApp(deps): plugins and routes. It never listens — main.ts does, tests use inject or listen themselves.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { AppError } from './core/errors.ts';
import type { App } from './http/app-type.ts';
import { isAuthenticationFailure, tooManyFailures } from './http/auth-failures.ts';
import type { Authenticator } from './http/authenticate.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { canonicalScimUrl, SCIM_PREFIX } from './scim/http/plugin.ts';
import { depthLimited, tooDeepMessage } from './http/json-depth.ts';
import { clientKey, credentialTarget } from './http/limit-keys.ts';
import type { Metrics } from './http/metrics.ts';
import './http/request-context.ts';
import { rateLimited } from './http/rate-limit.ts';
import { refusalOf } from './http/refusals.ts';
import { referenceSchema } from './http/route-docs.ts';
import type { ServiceLimits } from './http/service-limits.ts';
import { validatorCompiler } from './http/validation.ts';
import { healthRoutes } from './surfaces/health/routes.ts';

export type { App };

export interface AppDeps {
  config: Config;
  logger: Logger;
  authenticator: Authenticator;
  /** Request rate limits and failed-authentication limits, on counters all nodes share (src/http/service-limits.ts). */
  limits: ServiceLimits;
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
  const jsonParser = depthLimited(
    app.getDefaultJsonParser('error', 'error'),
    maxJsonDepth,
    () => new AppError('request.too_deep', tooDeepMessage(maxJsonDepth)),
  );
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonParser);
  app.decorateRequest('principal', null);
  app.decorate('limits', deps.limits);
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
    // The words of the reference (each surface's docs.ts), added without touching the runtime schemas.
    transform: referenceSchema,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  const { limits } = deps;
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const config = req.routeOptions.config;
    // The SCIM endpoint authenticates itself and counts its own failures and requests (src/scim/http/plugin.ts).
    if (config?.auth === 'custom') return;
    const limited = config?.rateLimit !== false;
    if (config?.auth === false || !req.routeOptions.url || req.routeOptions.url.startsWith('/docs')) {
      // Nobody to count by but the client.
      const wait = limited ? await limits.requests.address(clientKey(req.ip)) : 0;
      if (wait > 0) throw rateLimited(reply, wait);
      return;
    }
    try {
      req.principal = await deps.authenticator.authenticate(req.headers.authorization);
    } catch (err) {
      // A presented credential that did not authenticate counts against what it named; past the
      // limits the 401 becomes a 429. A valid credential never gets here, whatever others did.
      if (req.headers.authorization !== undefined && isAuthenticationFailure(err)) {
        const wait = await limits.authFailures.failed(clientKey(req.ip), credentialTarget(req.headers.authorization));
        if (wait > 0) throw tooManyFailures(reply, wait);
      }
      throw err;
    }
    const wait = limited ? await limits.requests.principal(req.principal) : 0;
    if (wait > 0) throw rateLimited(reply, wait);
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    deps.metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    const limit = reply.statusCode === 429 ? refusalOf(req) : undefined;
    if (limit) deps.metrics.rateLimitRefusals.inc({ surface: route.startsWith(SCIM_PREFIX) ? 'scim' : 'api', limit });
    if (reply.statusCode >= 500 || deps.logger.isLevelEnabled('debug')) {
      req.log.info({ method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
  });

  await app.register(healthRoutes, { ready: deps.ready, metrics: deps.metrics, metricsToken: deps.config.metricsToken });
  app.get('/openapi.json', { schema: { hide: true }, config: { auth: false } }, async () => app.swagger());
  for (const surface of deps.surfaces) await app.register(surface);
  return app;
}
