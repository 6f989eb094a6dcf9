// Leased request limits (src/http/leased-limiter.ts) over rate-limiter-flexible's in-process
// limiter standing in for the shared store: one store call per chunk, one lease request per key
// at a time, never more than the limit per window however many nodes lease, and no lease outliving
// its window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { leased } from '../../src/http/leased-limiter.ts';
import type { Limiter } from '../../src/http/limiter.ts';
import { leaseChunk, openLimiterStore } from '../../src/http/limiter-store.ts';

/** A limiter on one in-process store, counting the calls that reach it (the round trips). */
async function counted(points: number, durationSeconds = 60) {
  const store = await openLimiterStore({ logger: pino({ level: 'silent' }) });
  const inner = store.limiter('t', points, durationSeconds);
  const calls = { n: 0 };
  const limiter: Limiter = {
    points,
    consume: (key, n) => {
      calls.n++;
      return inner.consume(key, n);
    },
  };
  return { limiter, calls };
}

async function spend(l: Limiter, key: string, n: number) {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await l.consume(key)).allowed) allowed++;
  return allowed;
}

describe('leased limits', () => {
  test('one store call per chunk; exactly the limit passes, the last lease being what was left', async () => {
    const { limiter, calls } = await counted(95);
    const l = leased(limiter, 10);
    assert.equal(await spend(l, 'k', 120), 95);
    assert.equal(calls.n, 10, '9 full leases, one of the last 5 points; refusals then come from the lease');
    const refused = await l.consume('k');
    assert.equal(refused.allowed, false);
    assert.ok(refused.msBeforeNext > 0 && refused.msBeforeNext <= 60_000);
    assert.equal(await spend(l, 'other', 3), 3, 'keys lease apart');
  });

  test('concurrent requests share one lease request per key', async () => {
    const { limiter, calls } = await counted(1000);
    const l = leased(limiter, 10);
    const verdicts = await Promise.all(Array.from({ length: 50 }, () => l.consume('k')));
    assert.ok(verdicts.every((v) => v.allowed));
    assert.equal(calls.n, 5);
  });

  test('several nodes leasing one key never pass more than the limit together; unspent leases make it bite early by at most a chunk per node', async () => {
    const { limiter } = await counted(100);
    const nodes = [leased(limiter, 10), leased(limiter, 10), leased(limiter, 10)];
    let allowed = 0;
    for (let i = 0; i < 200; i++) if ((await nodes[i % 3].consume('k')).allowed) allowed++;
    assert.ok(allowed <= 100, `${allowed} passed`);
    assert.ok(allowed >= 100 - 3 * 9, `${allowed} passed`);
    for (const n of nodes) assert.equal((await n.consume('k')).allowed, false);
  });

  test('a lease ends with its window: its unspent points are not carried into the next', async () => {
    const { limiter, calls } = await counted(20, 1);
    const l = leased(limiter, 10);
    assert.equal((await l.consume('k')).allowed, true);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await l.consume('k')).allowed, true);
    assert.equal(calls.n, 2, 'the second request took a lease in the new window');
  });

  test('the chunk: a share of the limit, at least 1, at most 100 and never more than the limit', () => {
    assert.equal(leaseChunk(6000, 1), 60);
    assert.equal(leaseChunk(30000, 1), 100);
    assert.equal(leaseChunk(50, 1), 1);
    assert.equal(leaseChunk(6000, 0), 1);
    assert.equal(leaseChunk(5, 300), 5);
    assert.equal(leased({ points: 5, consume: async () => ({ allowed: true, consumed: 1, msBeforeNext: 1 }) }, 1).points, 5);
  });
});
