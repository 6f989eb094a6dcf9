// Integrations store benchmark: credential retrieval (SELECT + AES-GCM decrypt + audit INSERT,
// one transaction) and listing with 10,000 integrations, through the real app on loopback, each
// next to a baseline measured in the same run — a bare Fastify route doing the same database work
// (the same repository SELECTs, the same vault.release, no auth, no schema, no plugins).
//
//   node bench/integrations.ts                      # embedded PGlite (in memory)
//   DATABASE_URL=postgres://... node bench/integrations.ts   # a fresh database on that server
//
// Knobs: BENCH_INTEGRATIONS (10000), BENCH_DURATION seconds per scenario (5), BENCH_CONNECTIONS (10).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { credentialHints } from '../src/core/integrations/credential-hints.ts';
import { listIntegrations } from '../src/core/integrations/repository.ts';
import { CREDENTIALS_FIELD, RECORD_TYPE } from '../src/core/integrations/types.ts';
import { integrationView, releasedView } from '../src/core/integrations/view.ts';
import { secretFieldsOf } from '../src/providers/integrations/catalog.ts';
import { createRuntime } from '../src/runtime.ts';
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { createPostgresTestDatabase } from '../test/helpers/database.ts';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; timeout?: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const N = Number(process.env.BENCH_INTEGRATIONS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LIST_ALL = { connections: 2, duration: Math.max(DURATION, 10) };

// Valid shapes for the filler integrations (none of them github: the credentials scenario reads exactly one).
const FILLERS: Array<{ provider: string; authType: string; field: string; origin: string }> = [
  { provider: 'ai_openai', authType: 'api_key', field: 'api_key', origin: 'https://api.openai.com' },
  { provider: 'ai_anthropic', authType: 'api_key', field: 'api_key', origin: 'https://api.anthropic.com' },
  { provider: 'datadog', authType: 'api_key', field: 'api_key', origin: 'https://api.datadoghq.com' },
  { provider: 'newrelic', authType: 'api_key', field: 'api_key', origin: 'https://api.newrelic.com' },
  { provider: 'gitlab', authType: 'pat', field: 'token', origin: 'https://gitlab.com' },
  { provider: 'npm', authType: 'pat', field: 'token', origin: 'https://registry.npmjs.org' },
  { provider: 'github_packages', authType: 'pat', field: 'token', origin: 'https://api.github.com' },
];

interface Run {
  duration?: number;
  connections?: number;
}

async function measure(url: string, headers: Record<string, string> | undefined, run: Run = {}) {
  const connections = run.connections ?? CONNECTIONS;
  const duration = run.duration ?? DURATION;
  await autocannon({ url, connections, duration: 1, timeout: 120, headers }); // warm-up
  await drain(url, headers);
  const r = await autocannon({ url, connections, duration, timeout: 120, headers });
  // Requests still in flight when autocannon stops keep the server busy: let them finish before the next run.
  await drain(url, headers);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors, connections, duration };
}

async function drain(url: string, headers?: Record<string, string>) {
  await (await fetch(url, { headers })).arrayBuffer();
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const pg = process.env.DATABASE_URL ? await createPostgresTestDatabase() : null;
  const vendorToken = `sbt_${randomBytes(32).toString('base64url')}`;
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dir,
    SWITCHBOARD_BOOTSTRAP_TOKEN: vendorToken,
    SWITCHBOARD_KEYRING: `1:${randomBytes(32).toString('base64')}`,
    SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  } as NodeJS.ProcessEnv);
  const rt = await createRuntime(config, { http: true, work: false, memoryDb: !pg });
  const baseline = Fastify();
  try {
    const app = rt.app!;
    const ws = await setupWorkspace(apiClient(app, vendorToken), 'Bench');
    const workspaceId = ws.workspaceId;

    // Seed: one default GitHub integration and N-1 others, bulk SQL plus one vault.seal each.
    const started = performance.now();
    await rt.db.workspaceTx(workspaceId, async (q) => {
      const ids: string[] = [];
      const providers: string[] = [];
      const authTypes: string[] = [];
      const hints: string[] = [];
      const origins: string[] = [];
      const secrets: string[] = [];
      for (let i = 0; i < N; i++) {
        const f = i === 0 ? { provider: 'github', authType: 'pat', field: 'token', origin: 'https://api.github.com' } : FILLERS[i % FILLERS.length];
        const secret = `${f.provider}-${randomBytes(16).toString('hex')}`;
        ids.push(randomUUID());
        providers.push(f.provider);
        authTypes.push(f.authType);
        hints.push(JSON.stringify(credentialHints(rt.keyring, workspaceId, { [f.field]: secret }, secretFieldsOf(f.provider, f.authType))));
        origins.push(f.origin);
        secrets.push(JSON.stringify({ [f.field]: secret }));
      }
      await q.query(
        `INSERT INTO integrations (id, workspace_id, provider, auth_type, is_global, is_default, credential_hints, credential_origins, created_by)
         SELECT u.id, $1, u.provider, u.auth_type, true, u.provider = 'github', u.hints::jsonb, ARRAY[u.origin], 'bench'
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, provider, auth_type, hints, origin)`,
        [workspaceId, ids, providers, authTypes, hints, origins],
      );
      for (let i = 0; i < N; i++) {
        await rt.vault.seal(q, { workspaceId, recordType: RECORD_TYPE, recordId: ids[i], field: CREDENTIALS_FIELD }, secrets[i], { hint: false });
      }
    });
    const seedSeconds = (performance.now() - started) / 1000;

    // The baseline: the same database work behind bare Fastify routes.
    const { db, vault } = rt;
    baseline.get('/credentials', async () =>
      db.workspaceTx(workspaceId, async (q) => {
        const rows = await listIntegrations(q, workspaceId, { provider: 'github' });
        const out = [];
        for (const r of rows) {
          const text = await vault.release(
            q,
            { workspaceId, recordType: RECORD_TYPE, recordId: r.id, field: CREDENTIALS_FIELD },
            { workspaceId, actor: { type: 'bench', id: 'baseline' }, action: 'integration.credentials_released', target: { type: 'integration', id: r.id }, outcome: 'success', metadata: { provider: r.provider } },
          );
          out.push(releasedView(r, JSON.parse(text!), null));
        }
        return out;
      }),
    );
    baseline.get('/list', async (req) => {
      const limit = (req.query as { limit?: string }).limit;
      return db.workspaceTx(workspaceId, async (q) => (await listIntegrations(q, workspaceId, { limit: limit ? Number(limit) : undefined })).map(integrationView));
    });

    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = await baseline.listen({ host: '127.0.0.1', port: 0 });
    const auth = { authorization: `Bearer ${ws.ownerToken}` };

    const check = await fetch(`${appUrl}/sfp/api/integrations`, { headers: auth });
    const listed = (await check.json()) as unknown[];
    if (listed.length !== N) throw new Error(`expected ${N} integrations in the list, got ${listed.length}`);

    const rows = [
      { name: 'credentials ?provider=github (decrypt + audit)', app: await measure(`${appUrl}/sfp/api/integrations/credentials?provider=github`, auth), base: await measure(`${baseUrl}/credentials`) },
      // A whole-list request takes long: fewer connections and a longer run, or a run completes few of them.
      {
        name: `list, all ${N} integrations`,
        app: await measure(`${appUrl}/sfp/api/integrations`, auth, LIST_ALL),
        base: await measure(`${baseUrl}/list`, undefined, LIST_ALL),
      },
      { name: 'list, first page of 100 (?limit=100)', app: await measure(`${appUrl}/sfp/api/integrations?limit=100`, auth), base: await measure(`${baseUrl}/list?limit=100`) },
    ];

    console.log(`\nintegrations bench — ${db.kind}, ${N} integrations (seeded in ${seedSeconds.toFixed(1)} s), ${CONNECTIONS} connections and ${DURATION} s per run (whole list: ${LIST_ALL.connections} connections, ${LIST_ALL.duration} s)\n`);
    console.log('scenario'.padEnd(48), 'app req/s'.padStart(10), 'app p99'.padStart(9), 'base req/s'.padStart(11), 'base p99'.padStart(9), 'ratio'.padStart(7), 'failed'.padStart(7));
    for (const r of rows) {
      console.log(
        r.name.padEnd(48),
        r.app.rps.toFixed(1).padStart(10),
        `${r.app.p99} ms`.padStart(9),
        r.base.rps.toFixed(1).padStart(11),
        `${r.base.p99} ms`.padStart(9),
        (r.app.rps / r.base.rps).toFixed(2).padStart(7),
        String(r.app.failed + r.base.failed).padStart(7),
      );
    }
    console.log('\nratio = app req/s ÷ baseline req/s (the app adds token authentication, capability checks, rate limiting, response schemas and metrics).');
  } finally {
    await baseline.close();
    await rt.close();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
