import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventory } from '../../../src/providers/microsoft/operations/inventory.ts';
import type { InventoryCollection, InventoryProgress } from '../../../src/providers/microsoft/operations/inventory.ts';
import { complianceSnapshot } from '../../../src/providers/microsoft/operations/compliance-snapshot.ts';
import { complianceCounts } from '../../../src/simulators/entra-graph/index.ts';
import { ALL_ROLES, APP, TENANT, caught, withSimulator } from './helpers.ts';

describe('inventory', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  before(async () => (env = await withSimulator()));
  after(() => env.sim.close());

  it('walks every collection over many pages, hands each page to the sink, reports progress per page', async () => {
    env.sim.registerTenant({ tenantId: TENANT, users: 50, groups: 20, managedDevices: 30 });
    env.sim.setPageSize(7, 7);
    env.sim.resetCounts();
    const seen: Record<InventoryCollection, Set<string>> = { users: new Set(), groups: new Set(), managedDevices: new Set() };
    const progress: InventoryProgress[] = [];
    try {
      const result = await inventory(
        { ...env.context(), onProgress: (p: InventoryProgress) => progress.push(p) },
        {
          sink: async (collection, items) => {
            for (const item of items as Array<{ id: string }>) seen[collection].add(item.id);
          },
        },
      );
      assert.equal(result.reasonCode, 'ok');
      assert.deepEqual(result.counts, { users: 50, groups: 20, managedDevices: 30 });
      assert.deepEqual([seen.users.size, seen.groups.size, seen.managedDevices.size], [50, 20, 30]);
      assert.deepEqual(
        Object.values(result.collections).map((c) => [c.status, c.pages]),
        [
          ['completed', 8],
          ['completed', 3],
          ['completed', 5],
        ],
      );
      assert.equal(progress.length, 16);
      const users = progress.filter((p) => p.collection === 'users');
      assert.deepEqual(
        users.map((p) => p.done),
        [7, 14, 21, 28, 35, 42, 49, 50],
      );
      assert.ok(users.every((p) => p.total === 50));
      assert.equal(users.at(-1)!.message, 'users: 50 of 50 collected');
      assert.equal(env.sim.count('users'), 8);
    } finally {
      env.sim.setPageSize(100, 999);
    }
  });

  it('100,000 devices: every item reaches the sink, a page at a time, never fetched ahead of the sink', async () => {
    const N = 100_000;
    env.sim.registerTenant({ tenantId: TENANT, users: 0, groups: 0, managedDevices: N });
    env.sim.resetCounts();
    let next = 0;
    let calls = 0;
    let largestPage = 0;
    const result = await inventory(env.context(), {
      collections: ['managedDevices'],
      sink: async (collection, items) => {
        calls += 1;
        assert.equal(collection, 'managedDevices');
        // Pull-based: the request for the next page is not made before this page is stored.
        assert.equal(env.sim.count('managedDevices'), calls);
        largestPage = Math.max(largestPage, items.length);
        for (const item of items as Array<{ id: string }>) {
          // ids end with the device index in hex: checks order and completeness without keeping them
          assert.equal(parseInt(item.id.slice(-12), 16), next);
          next += 1;
        }
      },
    });
    assert.equal(next, N);
    assert.equal(result.counts.managedDevices, N);
    assert.equal(calls, Math.ceil(N / 999));
    assert.equal(largestPage, 999);
    assert.equal(JSON.stringify(result).length < 2_000, true, 'the result holds counts, not items');
  });

  it('a collection it may not read fails alone; the others complete (partial)', async () => {
    env.sim.registerTenant({ tenantId: TENANT, users: 5, groups: 4, managedDevices: 3 });
    env.sim.setAppRoles(TENANT, APP, ['User.Read.All', 'Group.Read.All']);
    try {
      const result = await inventory(env.context(), { sink: async () => {} });
      assert.equal(result.reasonCode, 'permission_denied');
      assert.deepEqual(result.counts, { users: 5, groups: 4, managedDevices: 0 });
      assert.equal(result.collections.managedDevices.status, 'failed');
      assert.match(result.collections.managedDevices.nextSteps!.join(' '), /DeviceManagementManagedDevices\.Read\.All/);
    } finally {
      env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    }
  });

  it('an outage stops the walk; what follows is skipped', async () => {
    const remove = env.sim.setFailure({ endpoint: 'users', failure: { kind: 'status', status: 503 } });
    try {
      const result = await inventory(env.context(), { sink: async () => {} });
      assert.equal(result.reasonCode, 'dependency_unreachable');
      assert.deepEqual(
        Object.values(result.collections).map((c) => c.status),
        ['failed', 'skipped', 'skipped'],
      );
    } finally {
      remove();
    }
  });

  it('throttling mid-walk is retried and the walk completes', async () => {
    env.sim.registerTenant({ tenantId: TENANT, users: 30, groups: 1, managedDevices: 1 });
    env.sim.setPageSize(10, 10);
    env.sim.setFailure({ endpoint: 'users', failure: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 2 });
    try {
      const result = await inventory(env.context(), { sink: async () => {} });
      assert.equal(result.reasonCode, 'ok');
      assert.equal(result.counts.users, 30);
    } finally {
      env.sim.setPageSize(100, 999);
    }
  });

  it("the sink's own error propagates unchanged", async () => {
    const boom = new Error('disk full');
    await assert.rejects(inventory(env.context(), { sink: async () => Promise.reject(boom) }), (e) => e === boom);
  });

  it('no token → throws the provider error (nothing partial to report)', async () => {
    env.sim.setFailure({ endpoint: 'token', failure: { kind: 'aadsts', code: 65001 }, times: 1 });
    const error = await caught(() => inventory(env.context(), { sink: async () => {} }));
    assert.equal(error.reasonCode, 'permission_denied');
  });
});

describe('compliance snapshot', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  before(async () => (env = await withSimulator()));
  after(() => env.sim.close());

  const N = 2_345;
  const expected = complianceCounts(N);

  function assertCounts(counts: Record<string, number>) {
    assert.equal(counts.compliant, expected.compliant);
    assert.equal(counts.noncompliant, expected.noncompliant);
    assert.equal(counts.unknown, expected.unknown);
    assert.equal(counts.inGracePeriod, expected.inGracePeriod);
    assert.equal(counts.error, expected.error);
    assert.equal(counts.conflict, expected.conflict);
    assert.equal(counts.notApplicable, 0);
  }

  it('pages devices by compliance state when the summary permission is not granted', async () => {
    env.sim.setDeviceCount(TENANT, N);
    env.sim.resetCounts();
    const progress: number[] = [];
    const snap = await complianceSnapshot(env.context({ onProgress: (p) => progress.push(p.done) }));
    assert.equal(snap.source, 'devices');
    assert.equal(snap.total, N);
    assertCounts(snap.counts);
    assert.equal(env.sim.count('managedDevices'), 3);
    assert.equal(env.sim.count('complianceSummary'), 0);
    assert.deepEqual(progress, [999, 1998, N]);
  });

  it('uses the one-call summary when DeviceManagementConfiguration.Read.All is granted, with the same counts', async () => {
    env.sim.setDeviceCount(TENANT, N);
    env.sim.setAppRoles(TENANT, APP, [...ALL_ROLES, 'DeviceManagementConfiguration.Read.All']);
    env.sim.resetCounts();
    try {
      const snap = await complianceSnapshot(env.context());
      assert.equal(snap.source, 'summary');
      assert.equal(snap.total, N);
      assertCounts(snap.counts);
      assert.equal(env.sim.count('managedDevices'), 0);
    } finally {
      env.sim.setAppRoles(TENANT, APP, ALL_ROLES);
    }
  });

  it('forcing the summary without its permission → permission_denied naming it', async () => {
    const error = await caught(() => complianceSnapshot(env.context(), { mode: 'summary' }));
    assert.equal(error.reasonCode, 'permission_denied');
    assert.match(error.nextSteps.join(' '), /DeviceManagementConfiguration\.Read\.All/);
  });

  it('an empty tenant counts zero', async () => {
    env.sim.setDeviceCount(TENANT, 0);
    const snap = await complianceSnapshot(env.context());
    assert.equal(snap.total, 0);
  });
});
