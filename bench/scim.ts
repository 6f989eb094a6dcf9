// SCIM endpoint benchmark, through the real app on loopback, each scenario next to a baseline
// measured in the same run: a bare Fastify route doing the same database work (the same token
// lookup, the same workspace transaction and statements) without the protocol, plugins or hooks.
//
//   node bench/scim.ts                                   # embedded PGlite (in memory)
//   DATABASE_URL=postgres://... node bench/scim.ts       # a fresh database on that server
//
// Scenarios and targets (issue 5):
//   PATCH add/remove one member of a 10,000-member group   p99 < 50 ms
//   GET /Users?filter=userName eq "…" among 100,000 users  p99 < 20 ms
//   sustained POST /Users                                  ≥ 500 req/s (20 × Entra's 25 per tenant)
//
// Knobs: BENCH_USERS (100000), BENCH_GROUP_MEMBERS (10000), BENCH_DURATION seconds per scenario (5),
// BENCH_CONNECTIONS (10). The SCIM rate limit (SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE, default the
// global 6000/min per configuration) is raised here so the limiter is not what is measured.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { findConfigurationByToken } from '../src/core/scim/configuration-repository.ts';
import { hashScimToken } from '../src/core/scim/scim-token.ts';
import type { Db } from '../src/db/database.ts';
import { createRuntime } from '../src/runtime.ts';
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { createPostgresTestDatabase } from '../test/helpers/database.ts';
import { seedGroup, seedUsers } from '../test/scim/seed.ts';

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const GROUP_MEMBERS = Number(process.env.BENCH_GROUP_MEMBERS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

async function measure(url: string, requests: AutocannonRequest[], duration = DURATION): Promise<Measured> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1, requests }); // warm-up
  const r = await autocannon({ url, connections: CONNECTIONS, duration, requests });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors };
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

/** The bare routes: the same SQL the SCIM endpoint runs for these requests, nothing else. */
function baselineApp(db: Db) {
  const app = Fastify();
  const auth = async (authorization: string | undefined) => {
    const row = await findConfigurationByToken(db, hashScimToken((authorization ?? '').slice(7)));
    if (!row) throw new Error('bad token');
    return row;
  };
  app.patch('/members/:group', async (req, reply) => {
    const c = await auth(req.headers.authorization);
    const { member, op } = req.body as { member: string; op: 'add' | 'remove' };
    const group = (req.params as { group: string }).group;
    await db.workspaceTx(c.workspace_id, async (q) => {
      const [g] = await q.query('SELECT id, display_name, external_id, resource, version FROM scim_groups WHERE id = $1 AND configuration_id = $2', [group, c.configuration_id]);
      await q.query('UPDATE scim_groups SET version = version + 1, updated_at = now() WHERE id = $1 AND configuration_id = $2 AND version = $3', [group, c.configuration_id, g.version]);
      if (op === 'remove') {
        await q.query('DELETE FROM scim_group_members WHERE group_id = $1 AND member_id = ANY($2::uuid[])', [group, [member]]);
      } else {
        const [u] = await q.query('SELECT id, user_name FROM scim_users WHERE id = $1 AND configuration_id = $2', [member, c.configuration_id]);
        await q.query(
          `INSERT INTO scim_group_members (workspace_id, configuration_id, group_id, member_id, member_type, display)
           VALUES ($1, $2, $3, $4, 'User', $5) ON CONFLICT (group_id, member_id) DO NOTHING`,
          [c.workspace_id, c.configuration_id, group, member, u.user_name],
        );
      }
      await touch(q, c.configuration_id);
    });
    reply.status(204).send();
  });
  app.get('/users', async (req) => {
    const c = await auth(req.headers.authorization);
    const userName = (req.query as { userName: string }).userName;
    return db.workspaceTx(c.workspace_id, (q) =>
      q.query('SELECT * FROM scim_users WHERE configuration_id = $1 AND lower(user_name) = lower($2) ORDER BY created_at, id LIMIT 200', [c.configuration_id, userName]),
    );
  });
  app.post('/users', async (req, reply) => {
    const c = await auth(req.headers.authorization);
    const body = req.body as { userName: string };
    const [row] = await db.workspaceTx(c.workspace_id, async (q) => {
      const rows = await q.query(
        `INSERT INTO scim_users (workspace_id, configuration_id, user_name, active, resource) VALUES ($1, $2, $3, true, $4::jsonb) RETURNING *`,
        [c.workspace_id, c.configuration_id, body.userName, JSON.stringify(body)],
      );
      await touch(q, c.configuration_id);
      return rows;
    });
    reply.status(201);
    return row;
  });
  return app;
}

const touch = (q: { query: Db['query'] }, configurationId: string) =>
  q.query(`UPDATE scim_configurations SET last_sync_at = now() WHERE id = $1 AND (last_sync_at IS NULL OR last_sync_at < now() - interval '1 second')`, [configurationId]);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const pg = process.env.DATABASE_URL ? await createPostgresTestDatabase() : null;
  const vendorToken = `sbt_${randomBytes(32).toString('base64url')}`;
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dir,
    SWITCHBOARD_BOOTSTRAP_TOKEN: vendorToken,
    SWITCHBOARD_KEYRING: `1:${randomBytes(32).toString('base64')}`,
    SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000',
    SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  } as NodeJS.ProcessEnv);
  const rt = await createRuntime(config, { http: true, work: false, memoryDb: !pg });
  const baseline = baselineApp(rt.db);
  try {
    const app = rt.app!;
    const vendor = apiClient(app, vendorToken);
    const ws = await setupWorkspace(vendor, 'Bench');
    const created = await vendor.as(ws.ownerToken).post('/directory/resources/v1/configurations/scim2', { source: 'azure-ad' }, { 'frontegg-tenant-id': String(ws.tenantId) });
    const configurationId = created.body.id as string;
    const token = created.body.token as string;
    const scope = { workspaceId: ws.workspaceId, configurationId };

    let started = performance.now();
    await seedUsers(rt.db, scope, USERS);
    const groupId = await seedGroup(rt.db, scope, 'Everyone', GROUP_MEMBERS);
    console.log(`seeded ${USERS} users and a ${GROUP_MEMBERS}-member group in ${((performance.now() - started) / 1000).toFixed(1)} s (${rt.db.kind})`);

    // Members to add and remove: users outside the group.
    const outside = (
      await rt.db.query<{ id: string }>(
        `SELECT u.id FROM scim_users u WHERE u.configuration_id = $1
         AND NOT EXISTS (SELECT 1 FROM scim_group_members m WHERE m.group_id = $2 AND m.member_id = u.id) LIMIT 2000`,
        [configurationId, groupId],
      )
    ).map((r) => r.id);
    const names = Array.from({ length: 2000 }, () => `user${1 + Math.floor(Math.random() * USERS)}@seed.test`);

    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = await baseline.listen({ host: '127.0.0.1', port: 0 });
    const auth = { authorization: `Bearer ${token}` };
    const json = { ...auth, 'content-type': 'application/scim+json' };
    const base = `/directory/resources/scim/v2.0/${configurationId}`;
    let counter = 0;

    const rows: Array<{ name: string; scim: Measured; base: Measured; target: string; met: boolean }> = [];

    // 1. PATCH one member in or out of the 10,000-member group.
    const patchScim = await measure(url, [
      {
        method: 'PATCH',
        path: `${base}/Groups/${groupId}`,
        headers: json,
        setupRequest: (req) => {
          const member = pick(outside);
          const op = Math.random() < 0.5 ? { op: 'add', path: 'members', value: [{ value: member }] } : { op: 'remove', path: `members[value eq "${member}"]` };
          return { ...req, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [op] }) };
        },
      },
    ]);
    const patchBase = await measure(baseUrl, [
      {
        method: 'PATCH',
        path: `/members/${groupId}`,
        headers: { ...auth, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ member: pick(outside), op: Math.random() < 0.5 ? 'add' : 'remove' }) }),
      },
    ]);
    rows.push({ name: `PATCH ±1 member, ${GROUP_MEMBERS}-member group`, scim: patchScim, base: patchBase, target: 'p99 < 50 ms', met: patchScim.p99 < 50 && patchScim.failed === 0 });

    // 2. userName eq among 100,000 users.
    const getScim = await measure(url, [
      {
        method: 'GET',
        path: `${base}/Users`,
        headers: auth,
        setupRequest: (req) => ({ ...req, path: `${base}/Users?filter=${encodeURIComponent(`userName eq "${pick(names)}"`)}` }),
      },
    ]);
    const getBase = await measure(baseUrl, [
      { method: 'GET', path: '/users', headers: auth, setupRequest: (req) => ({ ...req, path: `/users?userName=${encodeURIComponent(pick(names))}` }) },
    ]);
    rows.push({ name: `GET userName eq, ${USERS} users`, scim: getScim, base: getBase, target: 'p99 < 20 ms', met: getScim.p99 < 20 && getScim.failed === 0 });

    // 3. Sustained provisioning writes.
    const postScim = await measure(url, [
      {
        method: 'POST',
        path: `${base}/Users`,
        headers: json,
        setupRequest: (req) => {
          const n = counter++;
          return {
            ...req,
            body: JSON.stringify({
              schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
              userName: `bench-${n}@load.test`,
              externalId: `bench-${n}`,
              active: true,
              name: { givenName: 'Bench', familyName: `User ${n}` },
              emails: [{ value: `bench-${n}@load.test`, type: 'work', primary: true }],
            }),
          };
        },
      },
    ]);
    const postBase = await measure(baseUrl, [
      {
        method: 'POST',
        path: '/users',
        headers: { ...auth, 'content-type': 'application/json' },
        setupRequest: (req) => {
          const n = counter++;
          return { ...req, body: JSON.stringify({ userName: `base-${n}@load.test`, externalId: `base-${n}`, active: true }) };
        },
      },
    ]);
    rows.push({ name: 'POST /Users, sustained', scim: postScim, base: postBase, target: '≥ 500 req/s', met: postScim.rps >= 500 && postScim.failed === 0 });

    const f = (n: number) => n.toFixed(n >= 100 ? 0 : 1);
    console.log(`\n${rt.db.kind}, ${CONNECTIONS} connections, ${DURATION} s per scenario\n`);
    console.log('scenario'.padEnd(44), 'switchboard (req/s, p50, p99)'.padEnd(32), 'baseline (req/s, p50, p99)'.padEnd(30), 'ratio', ' target', '');
    for (const r of rows) {
      const ratio = r.name.startsWith('POST') ? `${(r.scim.rps / r.base.rps).toFixed(2)}× rps` : `${(r.scim.p99 / Math.max(r.base.p99, 0.1)).toFixed(2)}× p99`;
      console.log(
        r.name.padEnd(44),
        `${f(r.scim.rps)}, ${f(r.scim.p50)} ms, ${f(r.scim.p99)} ms${r.scim.failed ? ` (${r.scim.failed} failed)` : ''}`.padEnd(32),
        `${f(r.base.rps)}, ${f(r.base.p50)} ms, ${f(r.base.p99)} ms${r.base.failed ? ` (${r.base.failed} failed)` : ''}`.padEnd(30),
        ratio.padEnd(10),
        r.target,
        r.met ? 'met' : 'NOT met',
      );
    }
  } finally {
    await baseline.close();
    await rt.close();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
