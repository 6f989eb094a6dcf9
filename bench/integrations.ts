// Integrations store benchmark: credential retrieval (SELECT + AES-GCM decrypt + audit INSERT in
// one transaction) and listing with 10,000 integrations, through the real app on loopback, each
// next to a baseline measured in the same run: a bare Fastify route doing the same database work
// (token lookup, the same repository SELECT, the same vault.release; no plugins, schemas or hooks).
//
//   node bench/integrations.ts                              # embedded PGlite
//   DATABASE_URL=postgres://... node bench/integrations.ts  # a fresh database on that server
//
// BENCH_SECONDS per measurement (5), BENCH_INTEGRATIONS (10000).
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { credentialHints } from '../src/core/integrations/credential-hints.ts';
import { listIntegrations } from '../src/core/integrations/integration-repository.ts';
import { CREDENTIALS_FIELD, RECORD_TYPE } from '../src/core/integrations/types.ts';
import { integrationView, releasedView } from '../src/core/integrations/view.ts';
import { hashToken } from '../src/core/identity/api-token.ts';
import { findTokenByHash } from '../src/core/identity/token-repository.ts';
import { secretFieldsOf } from '../src/providers/integrations/catalog.ts';
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { startTestRuntime } from '../test/helpers/runtime.ts';
import { dbLabel, load, type LoadResult, report } from './lib.ts';

const N = Number(process.env.BENCH_INTEGRATIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

// Filler integrations (no GitHub: the credentials scenario releases exactly one, the GitHub default).
const FILLERS = [
  { provider: 'ai_openai', authType: 'api_key', field: 'api_key', origin: 'https://api.openai.com' },
  { provider: 'ai_anthropic', authType: 'api_key', field: 'api_key', origin: 'https://api.anthropic.com' },
  { provider: 'datadog', authType: 'api_key', field: 'api_key', origin: 'https://api.datadoghq.com' },
  { provider: 'newrelic', authType: 'api_key', field: 'api_key', origin: 'https://api.newrelic.com' },
  { provider: 'gitlab', authType: 'pat', field: 'token', origin: 'https://gitlab.com' },
  { provider: 'npm', authType: 'pat', field: 'token', origin: 'https://registry.npmjs.org' },
  { provider: 'github_packages', authType: 'pat', field: 'token', origin: 'https://api.github.com' },
];

const t = await startTestRuntime({ work: false, env: { LOG_LEVEL: 'warn', SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000' } });
const app = t.rt.app!;
const { db, vault, keyring } = t.rt;
const ws = await setupWorkspace(apiClient(app, t.vendorToken), 'Bench');
const workspaceId = ws.workspaceId;

// Seed: bulk SQL for the rows, one vault.seal per credential, one transaction.
const seedStarted = performance.now();
await db.workspaceTx(workspaceId, async (q) => {
  const cols = { id: [] as string[], provider: [] as string[], authType: [] as string[], hints: [] as string[], origin: [] as string[] };
  const secrets: string[] = [];
  for (let i = 0; i < N; i++) {
    const f = i === 0 ? { provider: 'github', authType: 'pat', field: 'token', origin: 'https://api.github.com' } : FILLERS[i % FILLERS.length];
    const secret = `${f.provider}-${randomBytes(16).toString('hex')}`;
    cols.id.push(randomUUID());
    cols.provider.push(f.provider);
    cols.authType.push(f.authType);
    cols.hints.push(JSON.stringify(credentialHints(keyring, workspaceId, { [f.field]: secret }, secretFieldsOf(f.provider, f.authType))));
    cols.origin.push(f.origin);
    secrets.push(JSON.stringify({ [f.field]: secret }));
  }
  await q.query(
    `INSERT INTO integrations (id, workspace_id, provider, auth_type, is_global, is_default, credential_hints, credential_origins, created_by)
     SELECT u.id, $1, u.provider, u.auth_type, true, u.provider = 'github', u.hints::jsonb, ARRAY[u.origin], 'bench'
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, provider, auth_type, hints, origin)`,
    [workspaceId, cols.id, cols.provider, cols.authType, cols.hints, cols.origin],
  );
  for (let i = 0; i < N; i++) {
    await vault.seal(q, { workspaceId, recordType: RECORD_TYPE, recordId: cols.id[i], field: CREDENTIALS_FIELD }, secrets[i], { hint: false });
  }
});
const seedSeconds = (performance.now() - seedStarted) / 1000;

// Baseline: the same database work behind bare Fastify routes.
const bare = Fastify();
async function bareAuth(authorization: string | undefined) {
  const tok = await findTokenByHash(db, hashToken(String(authorization).slice(7)));
  if (!tok) throw new Error('unauthorized');
  return tok;
}
bare.get('/credentials', async (req) => {
  const tok = await bareAuth(req.headers.authorization);
  return db.workspaceTx(workspaceId, async (q) => {
    const out = [];
    for (const r of await listIntegrations(q, workspaceId, { provider: 'github' })) {
      const text = await vault.release(
        q,
        { workspaceId, recordType: RECORD_TYPE, recordId: r.id, field: CREDENTIALS_FIELD },
        {
          workspaceId,
          actor: { type: 'member', id: tok.id },
          action: 'integration.credentials_released',
          target: { type: 'integration', id: r.id },
          outcome: 'success',
          metadata: { provider: r.provider },
        },
      );
      out.push(releasedView(r, JSON.parse(text!) as Record<string, unknown>, null));
    }
    return out;
  });
});
bare.get('/list', async (req) => {
  await bareAuth(req.headers.authorization);
  const limit = (req.query as { limit?: string }).limit;
  return db.workspaceTx(workspaceId, async (q) => (await listIntegrations(q, workspaceId, { limit: limit ? Number(limit) : undefined })).map(integrationView));
});

const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
const headers = { authorization: `Bearer ${ws.ownerToken}` };

const listed = (await (await fetch(`${appUrl}/sfp/api/integrations`, { headers })).json()) as unknown[];
if (listed.length !== N) throw new Error(`expected ${N} integrations in the list, got ${listed.length}`);

/** Warm-up, then the measurement; waits for requests still in flight so they do not colour the next run. */
async function measure(url: string, opts: { connections?: number; seconds?: number } = {}): Promise<LoadResult> {
  await load({ url, headers, connections: opts.connections, seconds: 1 });
  await drain(url);
  const r = await load({ url, headers, connections: opts.connections, seconds: opts.seconds ?? SECONDS });
  await drain(url);
  return r;
}
async function drain(url: string) {
  await (await fetch(url, { headers })).arrayBuffer();
}

// A whole-list request moves ~4 MB: two connections and a longer run, or a run completes few of them.
const listAll = { connections: 2, seconds: Math.max(SECONDS, 10) };
console.log(`integrations benchmarks on ${dbLabel()}: ${N} integrations (seeded in ${seedSeconds.toFixed(1)} s), ${SECONDS} s per measurement, 10 connections`);
report(
  'credentials ?provider=github (decrypt+audit)',
  await measure(`${appUrl}/sfp/api/integrations/credentials?provider=github`),
  await measure(`${bareUrl}/credentials`),
  0.7,
);
report(`list, all ${N} (2 connections)`, await measure(`${appUrl}/sfp/api/integrations`, listAll), await measure(`${bareUrl}/list`, listAll));
report('list, one page (?limit=100)', await measure(`${appUrl}/sfp/api/integrations?limit=100`), await measure(`${bareUrl}/list?limit=100`));

await bare.close();
await t.close();
