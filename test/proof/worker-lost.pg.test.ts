// Workers killed (kill -9) at each point of a run's life — before the claim, mid-run, before the
// completion — and one frozen past its lease that then wakes: every run ends exactly once as
// failed / worker_lost within lease + reaper interval, retry-safe runs are started again and
// succeed on another worker, the scope of one that is not safe is free at once, nothing stays open.
// Separate processes on one PostgreSQL database (proof/lib/worker-lost.ts, also run by
// `npm run proof:faults -- --only lease` with the production defaults).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Deployment, http, startDeployment } from '../../proof/lib/cluster.ts';
import { checkInvariants } from '../../proof/lib/invariants.ts';
import { KILL_POINTS, killAtPoint, leaseEnv, type LeaseSettings } from '../../proof/lib/worker-lost.ts';

if (!process.env.DATABASE_URL) throw new Error('this test runs in the PostgreSQL pass (DATABASE_URL); it never skips silently');

const SETTINGS: LeaseSettings = { heartbeatSeconds: 1, leaseSeconds: 3, reaperIntervalSeconds: 1 };
let d: Deployment;
let o: { workspaceId: string; token: string };

before(async () => {
  d = await startDeployment({ serverUrl: process.env.DATABASE_URL!, apis: 1, workers: 0, label: 'lease', env: leaseEnv(SETTINGS) });
  const port = d.apis[0].port!;
  const workspaceId = (await http(port, 'POST', '/api/v1/workspaces', d.vendorToken, { name: 'Lease' })).body.id;
  const m = await http(port, 'POST', `/api/v1/workspaces/${workspaceId}/members`, d.vendorToken, { email: 'o@lease.test', role: 'owner' });
  const token = (await http(port, 'POST', `/api/v1/workspaces/${workspaceId}/tokens`, d.vendorToken, { name: 'o', member_id: m.body.id })).body.token;
  o = { workspaceId, token };
});
after(() => d?.close());

describe('a worker lost at each point of a run', () => {
  for (const point of KILL_POINTS) {
    test(point, async () => {
      const r = await killAtPoint(d, o, point, SETTINGS).finally(async () => {
        // A point that failed half-way must not leave its worker to take the next point's run.
        for (const w of d.workers) await w.kill('SIGKILL');
      });
      const failed = r.checks.filter((c) => !c.ok);
      assert.deepEqual(failed, [], JSON.stringify(r.checks, null, 2));
    });
  }

  test('afterwards: no run open, one active run per scope, audit chains verify', async () => {
    const inv = await checkInvariants(d, { settleMs: 30_000 });
    assert.ok(inv.ok, inv.lines.join('\n'));
  });
});
