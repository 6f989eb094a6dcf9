// Provider connections benchmark.
//  1. Starting an operation (POST …/operations/health-check) through the real app on loopback —
//     new runs and deduped starts — next to a baseline measured in the same run: a bare Fastify
//     route doing the same database work (the same token lookup, the same workspace transaction
//     with the same connection SELECT and startRun INSERT/SELECTs), no auth plugin, no schemas.
//     No worker executes runs here (work: false), so a started run stays active and the next
//     start of the same connection is a dedupe.
//  2. An inventory of 100,000 managed devices against the simulated Graph: wall time and peak RSS
//     above idle (RSS sampled every 50 ms).
//
//   node bench/providers.ts                                  # embedded PGlite (data directory in /tmp)
//   DATABASE_URL=postgres://... node bench/providers.ts      # fresh databases on that server
//
// Knobs: BENCH_DURATION seconds per dedupe scenario (5), BENCH_CONNECTIONS (10), BENCH_NEW_STARTS
// (new-run starts per scenario; 3000, 1000 on PGlite), BENCH_DEVICES (100000).
// The load comes from a process of its own (bench/load/), for the app and the baseline alike.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { findConnection } from '../src/core/connections/connection-repository.ts';
import { startConnectionRun } from '../src/core/connections/run-start.ts';
import { hashToken } from '../src/core/identity/api-token.ts';
import { findTokenByHash } from '../src/core/identity/token-repository.ts';
import { runRef } from '../src/core/runs/run-record.ts';
import { createRuntime, type Runtime } from '../src/runtime.ts';
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { createPostgresTestDatabase } from '../test/helpers/database.ts';
import { startEntraGraphSimulator } from '../src/simulators/entra-graph/index.ts';
import { generateLoad } from './load/generator.ts';

const usingPg = Boolean(process.env.DATABASE_URL);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const NEW_STARTS = Number(process.env.BENCH_NEW_STARTS ?? (usingPg ? 3000 : 1000));
const DEVICES = Number(process.env.BENCH_DEVICES ?? 100_000);
const ENTRA_TENANT = '11111111-2222-4333-8444-555555555555';
const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SECRET = `bench-${randomBytes(16).toString('hex')}`;

async function environment(extra: Record<string, string>, work: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-providers-'));
  const pg = usingPg ? await createPostgresTestDatabase() : null;
  const vendorToken = `sbt_${randomBytes(32).toString('base64url')}`;
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dir,
    SWITCHBOARD_BOOTSTRAP_TOKEN: vendorToken,
    SWITCHBOARD_KEYRING: `1:${randomBytes(32).toString('base64')}`,
    SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000',
    SWITCHBOARD_MS_PLATFORM_CLIENT_ID: APP,
    SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET: SECRET,
    SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'warn',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...extra,
  } as NodeJS.ProcessEnv);
  const rt = await createRuntime(config, { http: true, work, pollingIntervalSeconds: 0.5 });
  const vendor = apiClient(rt.app!, vendorToken);
  const ws = await setupWorkspace(vendor, 'Bench');
  return {
    rt,
    ws,
    async close() {
      await rt.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** n consented platform connections, inserted in bulk (the API path is not what is measured here). */
async function seedConnections(rt: Runtime, ws: { workspaceId: string; tenantId: number }, n: number, tag: string): Promise<string[]> {
  const rows = await rt.db.workspaceTx(ws.workspaceId, (q) =>
    q.query<{ id: string }>(
      `INSERT INTO provider_connections (workspace_id, tenant_id, provider, entra_tenant_id, display_name, consent_status)
       SELECT $1, $2, 'microsoft', $3 || '-' || i || '.example.com', 'bench ' || i, 'granted' FROM generate_series(1, $4) AS i
       RETURNING id`,
      [ws.workspaceId, ws.tenantId, tag, n],
    ),
  );
  return rows.map((r) => r.id);
}

async function load(url: string, token: string, opts: { paths: string[]; amount?: number }) {
  // One path per request, in turn: with as many paths as requests, every start is a new run.
  const r = await generateLoad({
    url,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    amount: opts.amount,
    request: { method: 'POST', headers: { authorization: `Bearer ${token}` }, paths: opts.paths, order: 'sequential' },
  });
  return { rps: r.rps, p99: r.p99, failed: r.failed, total: r.requests };
}

async function startBench() {
  const env = await environment({}, false);
  const { rt, ws } = env;
  const baseline = Fastify();
  try {
    // The bare route: what the database work costs without the app around it.
    baseline.post('/baseline/:id', async (req, reply) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const t = await findTokenByHash(rt.db, hashToken(token));
      if (!t?.workspace_id) return reply.status(401).send();
      const r = await rt.db.workspaceTx(t.workspace_id, async (q) => {
        const c = await findConnection(q, { id: (req.params as { id: string }).id });
        return startConnectionRun(q, { engine: rt.engine, config: rt.config }, c!, 'healthCheck', { type: 'member', id: `member:${t.member_id}` }, req.id);
      });
      reply.status(r.disposition === 'deduped' ? 200 : 201);
      return runRef(r.run, rt.config.publicUrl);
    });
    const appUrl = await rt.app!.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = await baseline.listen({ host: '127.0.0.1', port: 0 });

    const appNew = (await seedConnections(rt, ws, NEW_STARTS, 'a')).map((id) => `/tenants/${ws.tenantId}/provider-connections/${id}/operations/health-check`);
    const baseNew = (await seedConnections(rt, ws, NEW_STARTS, 'b')).map((id) => `/baseline/${id}`);
    const [dedupeId] = await seedConnections(rt, ws, 1, 'c');
    const appDedupe = [`/tenants/${ws.tenantId}/provider-connections/${dedupeId}/operations/health-check`];
    const baseDedupe = [`/baseline/${dedupeId}`];

    // warm-up (also creates the active run the dedupe scenarios return)
    await load(appUrl, ws.ownerToken, { paths: appDedupe, amount: 500 });
    await load(baseUrl, ws.ownerToken, { paths: baseDedupe, amount: 500 });

    // Alternating halves (baseline, app, baseline, app) so neither side always runs on the emptier tables.
    const half = Math.floor(NEW_STARTS / 2);
    const newBase1 = await load(baseUrl, ws.ownerToken, { paths: baseNew.slice(0, half), amount: half });
    const newApp1 = await load(appUrl, ws.ownerToken, { paths: appNew.slice(0, half), amount: half });
    const newBase2 = await load(baseUrl, ws.ownerToken, { paths: baseNew.slice(half), amount: NEW_STARTS - half });
    const newApp2 = await load(appUrl, ws.ownerToken, { paths: appNew.slice(half), amount: NEW_STARTS - half });
    const merge = (a: Awaited<ReturnType<typeof load>>, b: Awaited<ReturnType<typeof load>>) => ({
      rps: (a.total + b.total) / (a.total / a.rps + b.total / b.rps),
      p99: Math.max(a.p99, b.p99),
      failed: a.failed + b.failed,
      total: a.total + b.total,
    });
    const results = {
      'new run (201)': { app: merge(newApp1, newApp2), base: merge(newBase1, newBase2) },
      'deduped (200)': { base: await load(baseUrl, ws.ownerToken, { paths: baseDedupe }), app: await load(appUrl, ws.ownerToken, { paths: appDedupe }) },
    };
    const [{ n: created }] = await rt.db.query<{ n: number }>("SELECT count(*)::int AS n FROM operation_runs WHERE type = 'microsoft.health_check'");
    console.log(
      `\nStarting a health check (${usingPg ? 'PostgreSQL' : 'PGlite'}, ${CONNECTIONS} connections, load from its own process; ${created} runs created in total)`,
    );
    console.log('scenario         | app req/s | app p99 ms | baseline req/s | baseline p99 ms | app/baseline | failed');
    for (const [name, { app, base }] of Object.entries(results)) {
      console.log(
        `${name.padEnd(16)} | ${app.rps.toFixed(0).padStart(9)} | ${String(app.p99).padStart(10)} | ${base.rps.toFixed(0).padStart(14)} | ${String(base.p99).padStart(15)} | ${(app.rps / base.rps).toFixed(2).padStart(12)} | ${app.failed + base.failed}`,
      );
    }
  } finally {
    await baseline.close();
    await env.close();
  }
}

async function inventoryBench() {
  const sim = await startEntraGraphSimulator();
  sim.registerTenant({ tenantId: ENTRA_TENANT, users: 10, groups: 3, managedDevices: DEVICES });
  sim.registerApp({
    clientId: APP,
    tenantId: ENTRA_TENANT,
    clientSecret: SECRET,
    roles: ['Organization.Read.All', 'User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All'],
  });
  const env = await environment({ SWITCHBOARD_MS_AUTHORITY_HOST: sim.authorityHost, SWITCHBOARD_MS_GRAPH_BASE_URL: sim.graphBaseUrl }, true);
  const { rt, ws } = env;
  try {
    const owner = apiClient(rt.app!, ws.ownerToken);
    const [id] = await seedConnections(rt, ws, 1, 'inv');
    await rt.db.query('UPDATE provider_connections SET entra_tenant_id = $1 WHERE id = $2', [ENTRA_TENANT, id]);
    const waitRun = async (runId: number) => {
      for (;;) {
        const r = await owner.get(`/api/v1/operation-runs/${runId}`);
        if (r.body.status === 'completed') return r.body;
        await new Promise((res) => setTimeout(res, 100));
      }
    };
    // warm the token cache and the code paths, then settle
    const hc = await owner.post(`/tenants/${ws.tenantId}/provider-connections/${id}/operations/health-check`);
    await waitRun(hc.body.id);
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((res) => setTimeout(res, 500));
    const idle = process.memoryUsage().rss;
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const inv = await owner.post(`/tenants/${ws.tenantId}/provider-connections/${id}/operations/inventory`);
    const done = await waitRun(inv.body.id);
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const [{ n }] = await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inventory_items WHERE run_id = $1', [done.id]);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(`\nInventory of ${DEVICES.toLocaleString('en')} managed devices (${usingPg ? 'PostgreSQL' : 'PGlite'}; simulator in this process)`);
    console.log(`outcome ${done.outcome}, ${done.summary.collections.managedDevices.pages} device pages, ${n} items stored`);
    console.log(`wall time ${wall.toFixed(1)} s (${(DEVICES / wall).toFixed(0)} devices/s)`);
    console.log(`RSS idle ${mb(idle)} MB, peak ${mb(peak)} MB, peak above idle ${mb(peak - idle)} MB (target < 150 MB)`);
  } finally {
    await env.close();
    await sim.close();
  }
}

await startBench();
await inventoryBench();
