// The Microsoft Graph throttling scenario (issue 15, "one throttle budget per app and Entra
// tenant"), over any way of calling the API — app.inject in one runtime, HTTP to spawned
// processes — so that one runtime and a cluster of worker processes are held to the same claims:
// the simulator throttles tenant A for one app; two connections to A (same app) and one to B run;
// no request reaches A inside its Retry-After window once the throttle is known, B's run is not
// held up, and the runs report the budget in their progress.
import assert from 'node:assert/strict';
import type { EntraGraphSimulator } from '../../src/simulators/entra-graph/index.ts';
import { waitFor } from './wait-for.ts';

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;

const THROTTLE_APP = 'dddddddd-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const THROTTLE_SECRET = 'Dedicated~Canary.4mP9-Xc2wQe8RuIo1AsD5fGh7jK';
const ROLES = ['Organization.Read.All', 'User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All'];
/** Graph pages of 20: 60 users, 20 groups, 60 devices are 3 + 1 + 3 pages. */
const SIZES = { users: 60, groups: 20, managedDevices: 60 };
const RETRY_AFTER_SECONDS = 4;

export interface Conn {
  uuid: string;
  tenantId: number;
}

export function registerTenant(sim: EntraGraphSimulator, tenantId: string, sizes: Partial<typeof SIZES> = SIZES) {
  sim.registerTenant({ tenantId, displayName: `Customer ${tenantId.slice(0, 4)}`, ...sizes });
  sim.registerApp({ clientId: THROTTLE_APP, tenantId, clientSecret: THROTTLE_SECRET, roles: ROLES });
}

export async function dedicatedConnection(call: Call, tenantSlug: string, entraTenantId: string): Promise<Conn> {
  const r = await call(
    'POST',
    `/admin/tenants/${tenantSlug}/provider-connections`,
    {
      provider: 'microsoft',
      entra_tenant_id: entraTenantId,
      display_name: `Customer ${entraTenantId.slice(0, 8)}`,
      is_default: false,
      connection_type: 'dedicated',
      dedicated_credential: { credential_kind: 'client_secret', client_id: THROTTLE_APP, client_secret: THROTTLE_SECRET },
    },
    { 'x-confirm': 'dedicated' },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { uuid: r.body.uuid, tenantId: r.body.tenant_id };
}

export async function startRun(call: Call, c: Conn, op: 'health-check' | 'inventory'): Promise<number> {
  const r = await call('POST', `/tenants/${c.tenantId}/provider-connections/${c.uuid}/operations/${op}`, {});
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

export function runDone(call: Call, id: number, ms = 60_000): Promise<any> {
  return waitFor(
    async () => {
      const r = await call('GET', `/api/v1/operation-runs/${id}`);
      return r.body?.status === 'completed' ? r.body : null;
    },
    ms,
    50,
  );
}

export interface ThrottleScenario {
  a1: Conn;
  a2: Conn;
  b: Conn;
  tenantA: string;
  tenantB: string;
}

/**
 * Throttles tenant A for the app after two Graph requests, runs an inventory on a1 into it, and —
 * once the 429 has been answered and had time to be recorded — a health check on a2 (same app,
 * same tenant, another connection) and an inventory on b (another tenant). Returns the three runs
 * and the throttle window, after asserting what must hold whatever ran them.
 */
export async function throttledTenantScenario(call: Call, sim: EntraGraphSimulator, s: ThrottleScenario) {
  // Consent is proven by a health check (dedicated connections); these run before the throttle.
  for (const c of [s.a1, s.a2, s.b]) assert.equal((await runDone(call, await startRun(call, c, 'health-check'))).outcome, 'succeeded');
  sim.throttle({ tenantId: s.tenantA, clientId: THROTTLE_APP, afterRequests: 2, retryAfterSeconds: RETRY_AFTER_SECONDS });

  const inventoryA = await startRun(call, s.a1, 'inventory');
  const window = await waitFor(async () => sim.throttleWindows(s.tenantA)[0], 30_000, 10);
  // The 429 is out; the budget records it within milliseconds. Runs started from now on must wait.
  await new Promise((r) => setTimeout(r, 300));
  const healthA = await startRun(call, s.a2, 'health-check');
  const inventoryB = await startRun(call, s.b, 'inventory');

  const doneB = await runDone(call, inventoryB);
  const doneHealthA = await runDone(call, healthA);
  const doneInventoryA = await runDone(call, inventoryA);

  // Nothing reached tenant A inside the window but the request Graph throttled.
  const early = sim.requests({ tenantId: s.tenantA }).filter((r) => r.at > window.start && r.at < window.end);
  assert.deepEqual(early, [], `requests sent to the throttled tenant before its Retry-After ended at ${new Date(window.end).toISOString()}`);

  // The other tenant's run went on as if nothing happened: done before A's window closed.
  assert.equal(doneB.outcome, 'succeeded', JSON.stringify(doneB));
  assert.deepEqual(doneB.summary.counts, SIZES);
  assert.ok(
    Date.parse(doneB.completed_at) < window.end,
    `tenant B's run finished at ${doneB.completed_at}, after A's window (${new Date(window.end).toISOString()})`,
  );
  assert.equal(sim.requests({ tenantId: s.tenantB }).filter((r) => r.throttled).length, 0);

  // Both runs on tenant A completed, after the window, having waited on the shared budget.
  assert.equal(doneInventoryA.outcome, 'succeeded', JSON.stringify(doneInventoryA));
  assert.deepEqual(doneInventoryA.summary.counts, SIZES);
  assert.equal(doneHealthA.outcome, 'succeeded', JSON.stringify(doneHealthA));
  assert.ok(Date.parse(doneHealthA.completed_at) >= window.end);

  // The budget's state, as each run reports it in its progress.
  const tA = doneInventoryA.progress.throttle;
  assert.ok(tA, JSON.stringify(doneInventoryA.progress));
  assert.ok(Date.parse(tA.throttled_until) >= window.end, `throttled_until ${tA.throttled_until}`);
  assert.ok(tA.throttled >= 1 && tA.waits >= 1 && tA.waited_ms >= (RETRY_AFTER_SECONDS - 1) * 1000, JSON.stringify(tA));
  const tH = doneHealthA.progress.throttle;
  assert.ok(tH && Date.parse(tH.throttled_until) >= window.end && tH.waits >= 1 && tH.throttled === 0, JSON.stringify(tH));
  const tB = doneB.progress.throttle;
  assert.ok(tB && tB.throttled_until === null && tB.throttled === 0, JSON.stringify(tB));
  return { inventoryA, healthA, inventoryB, window };
}
