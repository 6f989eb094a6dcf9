// One throttle budget per (app, Entra tenant), in one runtime on either database: Graph's 429 +
// Retry-After holds every run on that app and tenant, whichever connection or run type; another
// tenant is not held up; inventory pages are paced by the budget's token bucket ahead of time.
// (Across worker processes: test/core/graph-throttle.pg.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace } from '../../helpers/api.ts';
import { type Call, dedicatedConnection, registerTenant, runDone, startRun, throttledTenantScenario } from '../../helpers/graph-throttle.ts';
import { type ProviderEnv, startProviderEnv } from '../../helpers/providers.ts';

const TENANT_A = 'a1a1a1a1-5555-4666-8777-888888888888';
const TENANT_B = 'b2b2b2b2-5555-4666-8777-888888888888';
const TENANT_C = 'c3c3c3c3-5555-4666-8777-888888888888';
const PACE = 10;
const BURST = 4;

let env: ProviderEnv;
let call: Call;

before(async () => {
  env = await startProviderEnv({ env: { SWITCHBOARD_MS_GRAPH_PACE_PER_SECOND: String(PACE), SWITCHBOARD_MS_GRAPH_BURST: String(BURST) } });
  env.sim.setPageSize(20, 20);
  for (const t of [TENANT_A, TENANT_B]) registerTenant(env.sim, t);
  registerTenant(env.sim, TENANT_C, { users: 100, groups: 40, managedDevices: 140 });
  call = (method, path, body, headers) => env.owner.call(method, path, body, headers);
});
after(() => env?.close());

describe('Microsoft Graph throttle budget per app and Entra tenant', () => {
  test('429 + Retry-After on one tenant: no request reaches it before Retry-After, from any run on that app; another tenant is not held up', async () => {
    // A second Switchboard tenant in another workspace connects the same app to the same Entra tenant.
    const other = await setupWorkspace(env.vendor, 'Throttle Second');
    const otherCall: Call = (method, path, body, headers) => apiClient(env.t.rt.app!, other.ownerToken).call(method, path, body, headers);
    const a1 = await dedicatedConnection(call, env.ws.tenantSlug, TENANT_A);
    const a2 = await dedicatedConnection(otherCall, other.tenantSlug, TENANT_A);
    const b = await dedicatedConnection(call, env.ws.tenantSlug, TENANT_B);
    // Every run is read back with the vendor token (it sees both workspaces).
    const anyCall: Call = (method, path, body, headers) =>
      (path.startsWith('/api/v1/operation-runs')
        ? env.vendor
        : path.includes(`/${a2.tenantId}/`)
          ? apiClient(env.t.rt.app!, other.ownerToken)
          : env.owner
      ).call(method, path, body, headers);
    await throttledTenantScenario(anyCall, env.sim, { a1, a2, b, tenantA: TENANT_A, tenantB: TENANT_B });
  });

  test(`inventory pages are paced ahead of time: at most ${BURST} + ${PACE}/s × t requests in any t seconds`, async () => {
    const c = await dedicatedConnection(call, env.ws.tenantSlug, TENANT_C);
    assert.equal((await runDone(call, await startRun(call, c, 'health-check'))).outcome, 'succeeded');
    const from = env.sim.requests({ tenantId: TENANT_C }).length;
    const done = await runDone(call, await startRun(call, c, 'inventory'));
    assert.equal(done.outcome, 'succeeded', JSON.stringify(done));
    const times = env.sim
      .requests({ tenantId: TENANT_C })
      .slice(from)
      .map((r) => r.at);
    assert.equal(times.length, 5 + 2 + 7);
    // A token bucket of BURST tokens refilled at PACE per second: any i..j spans at least
    // (j - i + 1 - BURST) / PACE seconds between their takes; arrivals here may differ from that by
    // how much longer one request took to get here than another (100 ms allowed for that).
    for (let i = 0; i < times.length; i++) {
      for (let j = i + BURST; j < times.length; j++) {
        const least = ((j - i + 1 - BURST) / PACE) * 1000 - 100;
        assert.ok(times[j] - times[i] >= least, `requests ${i}..${j} within ${times[j] - times[i]} ms (pace allows no less than ${least} ms)`);
      }
    }
    assert.ok(times.at(-1)! - times[0] < ((times.length - BURST) / PACE) * 1000 + 3000, 'paced, not stalled');
    const t = done.progress.throttle;
    assert.ok(t && t.pace_per_second === PACE && t.waits > 0 && t.throttled === 0 && t.throttled_until === null, JSON.stringify(t));
  });
});
