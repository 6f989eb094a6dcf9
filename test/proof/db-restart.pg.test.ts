// PostgreSQL restarted under load. A private cluster (never the machine's shared server, which
// other test files use at the same time) is stopped while an API process and a worker process
// serve reads, audited secret reads, writes and runs; then started again. While it is down every
// request is answered 503 database.unavailable without waiting for it to come back; afterwards the
// same processes serve again (no restart), and nothing they acknowledged is lost: every created
// record and secret is there, every acknowledged secret read has its audit row, the chains verify,
// and no run stays running.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Deployment, http, startDeployment } from '../../proof/lib/cluster.ts';
import { runLoops, type Sample } from '../../proof/lib/load.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../../proof/lib/private-postgres.ts';

if (!process.env.DATABASE_URL) throw new Error('this test runs in the PostgreSQL pass (DATABASE_URL); it never skips silently');

let pgc: PrivatePostgres;
let d: Deployment;
let owner = '';
let workspaceId = '';
const SECRET = 'sk-restart-CANARY-0123456789abcdef';

before(async () => {
  pgc = await startPrivatePostgres();
  d = await startDeployment({ serverUrl: pgc.url(), apis: 1, workers: 1, label: 'restart' });
  const port = d.apis[0].port!;
  workspaceId = (await http(port, 'POST', '/api/v1/workspaces', d.vendorToken, { name: 'Restart' })).body.id;
  const m = await http(port, 'POST', `/api/v1/workspaces/${workspaceId}/members`, d.vendorToken, { email: 'o@restart.test', role: 'owner' });
  owner = (await http(port, 'POST', `/api/v1/workspaces/${workspaceId}/tokens`, d.vendorToken, { name: 'o', member_id: m.body.id })).body.token;
  assert.equal(
    (await http(port, 'POST', '/sfp/api/integrations', owner, { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: SECRET }, isGlobal: true }))
      .status,
    201,
  );
});
after(async () => {
  await d?.close();
  pgc?.destroy();
});

describe('PostgreSQL restart under load', () => {
  test('503 while down, recovery without a restart, nothing acknowledged is lost', async () => {
    const port = d.apis[0].port!;
    const apiPid = d.apis[0].child.pid;
    const workerPid = d.workers[0].child.pid;
    const load = runLoops([
      { concurrency: 2, step: async () => ({ name: 'read', r: await http(port, 'GET', '/sfp/api/integrations', owner) }) },
      { concurrency: 2, step: async () => ({ name: 'secret', r: await http(port, 'GET', '/sfp/api/integrations/credentials?provider=ai_openai', owner) }) },
      {
        concurrency: 2,
        step: async (i) => {
          const key = `sk-written-${process.hrtime.bigint()}-${i}`;
          const r = await http(port, 'POST', '/sfp/api/integrations', owner, {
            provider: 'ai_anthropic',
            authType: 'api_key',
            credentials: { api_key: key },
            isGlobal: true,
          });
          return { name: 'write', r: { ...r, body: { ...(r.body ?? {}), key } } };
        },
      },
      {
        concurrency: 2,
        step: async (i) => ({
          name: 'run',
          r: await http(port, 'POST', `/test/workspaces/${workspaceId}/runs`, owner, { type: 'test.sleep', scope: `s-${i % 10}`, inputs: { ms: 200, n: i } }),
        }),
      },
    ]);
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    load.setPhase('before');
    await wait(1500);
    load.setPhase('stopping');
    pgc.stop('fast');
    load.setPhase('down');
    const downStart = load.samples.length;
    await wait(3000);
    const answeredWhileDown = load.samples.slice(downStart).filter((s) => s.phase === 'down');
    load.setPhase('starting');
    pgc.start();
    load.setPhase('after');
    // recovery: the same processes answer 200 again
    const end = Date.now() + 30_000;
    while (!load.samples.some((s) => s.phase === 'after' && s.name === 'read' && s.status === 200) && Date.now() < end) await wait(100);
    await wait(2000);
    await load.stop();

    // while down: answered (not held until the database came back), and only with 503 database.unavailable
    assert.ok(answeredWhileDown.length >= 10, `only ${answeredWhileDown.length} answers while the database was down`);
    const wrong = answeredWhileDown.filter((s) => !(s.status === 503 && s.error === 'database.unavailable'));
    assert.deepEqual(
      wrong.map((s) => `${s.name} ${s.status} ${s.error}`),
      [],
    );
    assert.deepEqual(
      load.samples.filter((s) => s.status >= 500 && s.status !== 503).map((s) => `${s.phase} ${s.name} ${s.status} ${s.error}`),
      [],
      d.apis[0].output
        .join('')
        .split('\n')
        .filter((l) => l.includes('"level":50'))
        .map((l) => l.slice(0, 600))
        .join('\n'),
    );
    assert.ok(!load.samples.some((s) => s.status === -1), 'the API process never dropped a connection');
    // recovered without a restart
    const after = load.samples.filter((s) => s.phase === 'after');
    assert.ok(after.some((s) => s.name === 'read' && s.status === 200));
    assert.ok(after.some((s) => s.name === 'secret' && s.status === 200));
    assert.ok(after.some((s) => s.name === 'write' && s.status === 201));
    assert.equal(d.apis[0].child.exitCode, null);
    assert.equal(d.apis[0].child.pid, apiPid);
    assert.equal(d.workers[0].child.exitCode, null, d.workers[0].output.join('').slice(-2000));
    assert.equal(d.workers[0].child.pid, workerPid);

    // nothing acknowledged is lost
    const written = load.samples.filter((s: Sample) => s.name === 'write' && s.status === 201);
    const secrets = await http(port, 'GET', '/sfp/api/integrations/credentials?provider=ai_anthropic', owner);
    assert.equal(secrets.status, 200);
    for (const w of written) assert.ok(secrets.text.includes(w.body.key), `acknowledged secret ${w.body.key} is readable`);
    const rows = await d.query(`SELECT count(*)::int AS n FROM integrations WHERE workspace_id = $1 AND provider = 'ai_anthropic'`, [workspaceId]);
    assert.ok(rows[0].n >= written.length);
    const reads = load.samples.filter((s) => s.name === 'secret' && s.status === 200).length;
    const audited = await d.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE workspace_id = $1 AND action = 'integration.credentials_released' AND metadata->>'provider' = 'ai_openai'`,
      [workspaceId],
    );
    const auditedAny = await d.query(`SELECT count(*)::int AS n FROM audit_events WHERE workspace_id = $1 AND action = 'integration.credentials_released'`, [
      workspaceId,
    ]);
    assert.ok(Math.max(audited[0].n, auditedAny[0].n - written.length) >= reads, `${reads} acknowledged reads, ${auditedAny[0].n} release rows`);
    const verify = await http(port, 'GET', `/api/v1/workspaces/${workspaceId}/audit-events/verify`, owner);
    assert.equal(verify.status, 200);
    assert.equal(verify.body.ok, true, JSON.stringify(verify.body));
    // runs: every acknowledged start finishes; none stays queued or running
    const runEnd = Date.now() + 30_000;
    let open: Array<{ n: number }> = [];
    do {
      open = await d.query(`SELECT count(*)::int AS n FROM operation_runs WHERE status IN ('queued', 'running')`);
      if (open[0].n === 0) break;
      await wait(250);
    } while (Date.now() < runEnd);
    const stuck = open[0].n
      ? await d.query(
          `SELECT r.id, r.status, r.worker_id, r.heartbeat_at, r.created_at, j.state AS job_state FROM operation_runs r LEFT JOIN pgboss.job j ON (j.data->>'runId')::bigint = r.id WHERE r.status IN ('queued', 'running')`,
        )
      : [];
    assert.equal(open[0].n, 0, `no run stays queued or running: ${JSON.stringify(stuck)}`);
    // the secret never appears in a response other than its audited read
    assert.ok(!load.samples.some((s) => s.name !== 'secret' && JSON.stringify(s.body ?? {}).includes(SECRET)));
  });
});
