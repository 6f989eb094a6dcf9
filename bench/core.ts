// Core benchmarks: GET of one record through the full stack (auth + tenancy + DB) and an audited
// secret read, each against a bare Fastify route doing the same database work in the same run.
import Fastify from 'fastify';
import { appendAudit } from '../src/core/audit/audit-log.ts';
import { inWorkspace } from '../src/core/access/in-workspace.ts';
import { actorOf } from '../src/core/access/principal.ts';
import { hashToken } from '../src/core/identity/api-token.ts';
import { findTokenByHash } from '../src/core/identity/token-repository.ts';
import { ctxOf } from '../src/http/request-context.ts';
import type { Core } from '../src/modules/index.ts';
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { startTestRuntime } from '../test/helpers/runtime.ts';
import { dbLabel, load, report } from './lib.ts';

const ref = (workspaceId: string) => ({ workspaceId, recordType: 'bench', recordId: 'secret-1', field: 'token' });

// The audited read as a feature module would serve it (the integrations credentials endpoint is
// this plus filtering): authenticate, confine to the workspace, release through the audited door.
function benchModule(core: Core) {
  return {
    name: 'bench',
    routes: async (app: import('fastify').FastifyInstance) => {
      app.get('/bench/workspaces/:workspaceId/secret', async (req) => {
        const ctx = ctxOf(req);
        const { workspaceId } = req.params as { workspaceId: string };
        const value = await inWorkspace(core.db, ctx, workspaceId, 'integrations.credentials.read', (q) =>
          core.vault.release(q, ref(workspaceId), {
            workspaceId,
            actor: actorOf(ctx.principal),
            action: 'secret.released',
            target: { type: 'bench', id: 'secret-1' },
            outcome: 'success',
            requestId: req.id,
          }),
        );
        return { value };
      });
    },
  };
}

const t = await startTestRuntime({
  work: false,
  env: { LOG_LEVEL: 'warn', SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000' },
  extraModules: (core) => [benchModule(core)],
});
const app = t.rt.app!;
const vendor = apiClient(app, t.vendorToken);
const ws = await setupWorkspace(vendor, 'Bench');
await t.rt.db.workspaceTx(ws.workspaceId, (q) => t.rt.vault.seal(q, ref(ws.workspaceId), 'ghp_benchmarksecretvalue0123456789'));
const [run] = await t.rt.db.query(
  `INSERT INTO operation_runs (workspace_id, type, scope_key, identity_key, status, outcome, initiator_type, completed_at)
   VALUES ($1, 'bench', 'bench', 'bench', 'completed', 'succeeded', 'system', now()) RETURNING id`,
  [ws.workspaceId],
);
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;

// Baseline: bare Fastify, no plugins, no schemas, no hooks — the same SQL and crypto.
const db = t.rt.db;
const bare = Fastify();
async function bareAuth(authorization: string | undefined) {
  const tok = await findTokenByHash(db, hashToken(String(authorization).slice(7)));
  if (!tok) throw new Error('unauthorized');
  return tok;
}
bare.get('/runs/:id', async (req) => {
  const tok = await bareAuth(req.headers.authorization);
  const [row] = await db.workspaceTx(tok.workspace_id!, (q) =>
    q.query('SELECT * FROM operation_runs WHERE id = $1', [Number((req.params as { id: string }).id)]),
  );
  return row;
});
bare.get('/secret/:ws', async (req) => {
  const tok = await bareAuth(req.headers.authorization);
  const workspaceId = (req.params as { ws: string }).ws;
  const value = await db.workspaceTx(workspaceId, async (q) => {
    const v = await t.rt.vault.open(q, ref(workspaceId));
    await appendAudit(q, {
      workspaceId,
      actor: { type: 'member', id: tok.id },
      action: 'secret.released',
      target: { type: 'bench', id: 'secret-1' },
      outcome: 'success',
    });
    return v;
  });
  return { value };
});
await bare.listen({ host: '127.0.0.1', port: 0 });
const barePort = (bare.server.address() as { port: number }).port;
const headers = { authorization: `Bearer ${ws.ownerToken}` };

console.log(`core benchmarks on ${dbLabel()}, ${process.env.BENCH_SECONDS ?? 5} s per measurement, 10 connections`);
await load({ url: `http://127.0.0.1:${port}/api/v1/operation-runs/${run.id}`, headers, seconds: 1 }); // warm-up
await load({ url: `http://127.0.0.1:${barePort}/runs/${run.id}`, headers, seconds: 1 });
const getBase = await load({ url: `http://127.0.0.1:${barePort}/runs/${run.id}`, headers });
const getFull = await load({ url: `http://127.0.0.1:${port}/api/v1/operation-runs/${run.id}`, headers });
report('GET one record (auth + tenancy + DB)', getFull, getBase, 0.7);
const secBase = await load({ url: `http://127.0.0.1:${barePort}/secret/${ws.workspaceId}`, headers });
const secFull = await load({ url: `http://127.0.0.1:${port}/bench/workspaces/${ws.workspaceId}/secret`, headers });
report('audited secret read (decrypt + audit row)', secFull, secBase, 0.7);
const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'secret.released'`);
console.log(`audit rows written for secret reads: ${n} (one per release)`);

await bare.close();
await t.close();
