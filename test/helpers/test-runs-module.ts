// A feature module used only by tests: a route that starts runs of test types, and executors
// for them, so the core's run engine is exercised exactly as provider modules use it.
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../../src/core/access/principal.ts';
import { inWorkspace } from '../../src/core/access/in-workspace.ts';
import type { RunExecutor } from '../../src/core/runs/run-engine.ts';
import { runRef } from '../../src/core/runs/run-record.ts';
import { startRun } from '../../src/core/runs/run-service.ts';
import { ctxOf } from '../../src/http/request-context.ts';
import type { Core, FeatureModule } from '../../src/modules/index.ts';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

/** `inputs.ms` of waiting in five steps, with progress after each. */
const sleepRun: RunExecutor = async (ctx) => {
  const total = Number(ctx.run.inputs.ms ?? 300);
  const steps = 5;
  for (let i = 1; i <= steps; i++) {
    await sleep(total / steps, ctx.signal);
    await ctx.progress({ done: i, total: steps, message: `step ${i} of ${steps}` });
  }
  return { outcome: 'succeeded', reasonCode: 'ok', summary: { steps } };
};

export function testRunsModule(core: Core): FeatureModule {
  const routes: FastifyPluginAsync = async (app) => {
    app.post('/test/workspaces/:workspaceId/runs', async (req, reply) => {
      const ctx = ctxOf(req);
      const { workspaceId } = req.params as { workspaceId: string };
      const body = req.body as { type: string; scope: string; inputs?: Record<string, unknown>; blocked?: boolean };
      const r = await inWorkspace(core.db, ctx, workspaceId, 'providers.run', (q) =>
        startRun(q, core.engine, {
          workspaceId,
          tenantId: null,
          type: body.type,
          scopeKey: body.scope,
          inputs: body.inputs ?? {},
          target: { type: 'test', id: body.scope },
          initiator: actorOf(ctx.principal),
          requestId: req.id,
          blocked: body.blocked ? { reasonCode: 'missing_configuration', message: 'no credential', nextSteps: ['Attach a credential.'] } : null,
        }),
      );
      reply.status(r.disposition === 'created' ? 201 : r.disposition === 'scope_busy' ? 409 : 200);
      return { disposition: r.disposition, run: runRef(r.run, core.config.publicUrl) };
    });
  };
  return {
    name: 'test-runs',
    routes,
    runTypes: {
      // Safe to start again: it only waits (a read, as health checks and inventory are).
      'test.sleep': { retryWhenWorkerLost: true, execute: sleepRun },
      // Waits without saving progress: its only writes are the claim, lease renewals and the completion.
      'test.wait': {
        retryWhenWorkerLost: true,
        execute: async (ctx) => {
          await sleep(Number(ctx.run.inputs.ms ?? 300), ctx.signal);
          return { outcome: 'succeeded', reasonCode: 'ok' };
        },
      },
      // The same work as test.sleep, declared as changing an outside system: never started again by the reaper.
      'test.mutate': { retryWhenWorkerLost: false, execute: sleepRun },
      'test.fail': {
        retryWhenWorkerLost: false,
        execute: async () => {
          throw Object.assign(new Error('upstream said no'), { reasonCode: 'permission_denied' });
        },
      },
      'test.crash': {
        retryWhenWorkerLost: false,
        execute: async () => {
          throw new Error('secret sauce sbt_leak should not be stored');
        },
      },
      'test.hang': {
        retryWhenWorkerLost: false,
        execute: async (ctx) => {
          await sleep(10 * 60_000, ctx.signal);
          return { outcome: 'succeeded', reasonCode: 'ok' };
        },
      },
    },
  };
}
