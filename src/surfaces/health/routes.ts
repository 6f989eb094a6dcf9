// Liveness, readiness and Prometheus metrics; unauthenticated, as orchestrators expect — but
// /metrics asks for SWITCHBOARD_METRICS_TOKEN as a bearer token when one is set.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Metrics } from '../../http/metrics.ts';
import { metricsAccess } from '../../http/metrics-access.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  metrics: Metrics;
  metricsToken?: string;
}> = async (app, opts) => {
  const mayReadMetrics = metricsAccess(opts.metricsToken);
  app.get(
    '/healthz',
    {
      config: { auth: false, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        description: 'Answers while the process serves HTTP; it checks nothing else (readiness is /readyz).',
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { 'x-response-description': 'The process is alive' }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  const Ready = Type.Object({ status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]), checks: Type.Record(Type.String(), Type.String()) });
  app.get(
    '/readyz',
    {
      config: { auth: false, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness',
        description: 'Ready when the database is reachable and its migrations are applied; `checks` says which part is not.',
        response: {
          200: { ...Ready, 'x-response-description': 'Ready to serve' },
          503: { ...Ready, 'x-response-description': 'Not ready: `checks` says why' },
        },
      },
    },
    async (_req, reply) => {
      const r = await opts.ready().catch(() => ({ ok: false, checks: { database: 'unreachable' } }));
      reply.status(r.ok ? 200 : 503);
      return { status: r.ok ? ('ready' as const) : ('not_ready' as const), checks: r.checks };
    },
  );
  app.get('/metrics', { config: { auth: false, rateLimit: false }, schema: { hide: true } }, async (req, reply) => {
    mayReadMetrics(req.headers.authorization);
    reply.header('content-type', opts.metrics.registry.contentType);
    return opts.metrics.registry.metrics();
  });
};
