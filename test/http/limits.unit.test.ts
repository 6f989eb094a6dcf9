// The limiters on the in-process store (src/http/auth-failures.ts, rate-limit.ts over
// limiter-store.ts): failures per (client, target) and per client, reached limits reported once
// per key and window even under concurrency, windows that end; request limits per principal and
// per workspace. The shared stores are exercised by test/http/limiter-store-redis.test.ts and
// test/proof/limits-cluster.pg.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import type { Principal } from '../../src/core/access/principal.ts';
import { createAuthFailureLimiter, type LimitReached } from '../../src/http/auth-failures.ts';
import type { FailureTarget } from '../../src/http/limit-keys.ts';
import { waitOf } from '../../src/http/limiter.ts';
import { openLimiterStore } from '../../src/http/limiter-store.ts';
import { createRequestLimits } from '../../src/http/rate-limit.ts';

const logger = pino({ level: 'silent' });
const A: FailureTarget = { type: 'scim_configuration', id: '00000000-0000-4000-8000-00000000000a' };
const B: FailureTarget = { type: 'scim_configuration', id: '00000000-0000-4000-8000-00000000000b' };

async function failures(opts: { limit: number; addressLimit: number; windowSeconds?: number }) {
  const store = await openLimiterStore({ logger });
  assert.equal(store.kind, 'memory');
  const reached: LimitReached[] = [];
  const limiter = createAuthFailureLimiter({ store, windowSeconds: 300, ...opts, onLimitReached: async (e) => void reached.push(e) });
  return { limiter, reached };
}

const principal = (tokenId: string, workspaceId: string | null): Principal => ({
  kind: workspaceId ? 'member' : 'vendor',
  workspaceId,
  tokenId,
  memberId: null,
  role: null,
  capabilities: new Set(),
  providers: null,
  projects: null,
  actorId: `token:${tokenId}`,
});

describe('failed authentications', () => {
  test('per (client, target): past the limit a failure waits; another target or another client does not', async () => {
    const { limiter, reached } = await failures({ limit: 3, addressLimit: 100 });
    for (let i = 0; i < 3; i++) assert.equal(await limiter.failed('203.0.113.7', A), 0);
    const wait = await limiter.failed('203.0.113.7', A);
    assert.ok(wait > 0 && wait <= 300_000, `wait ${wait}`);
    assert.ok((await limiter.failed('203.0.113.7', A)) > 0, 'still refused (from the in-memory block)');
    assert.equal(await limiter.failed('203.0.113.7', B), 0, 'a bystander target behind the same address');
    assert.equal(await limiter.failed('203.0.113.8', A), 0, 'the same target from another address');
    assert.deepEqual(reached, [{ address: '203.0.113.7', target: A, failures: 3, windowSeconds: 300 }]);
  });

  test('per client across targets: a ceiling that spraying many targets reaches', async () => {
    const { limiter, reached } = await failures({ limit: 3, addressLimit: 10 });
    const target = (i: number): FailureTarget => ({ type: 'api_token', id: `sbt_${String(i).padStart(6, '0')}` });
    for (let i = 0; i < 10; i++) assert.equal(await limiter.failed('2001:db8:1:2::/64', target(i)), 0);
    assert.ok((await limiter.failed('2001:db8:1:2::/64', target(99))) > 0, 'a fresh target, but the client is past its ceiling');
    assert.equal(await limiter.failed('2001:db8:1:3::/64', target(99)), 0);
    assert.deepEqual(reached, [{ address: '2001:db8:1:2::/64', target: null, failures: 10, windowSeconds: 300 }]);
  });

  test('concurrent failures: the limit is reached exactly once and exactly `limit` failures pass as 401', async () => {
    const { limiter, reached } = await failures({ limit: 5, addressLimit: 1000 });
    const waits = await Promise.all(Array.from({ length: 40 }, () => limiter.failed('198.51.100.1', A)));
    assert.equal(waits.filter((w) => w === 0).length, 5);
    assert.equal(reached.length, 1);
  });

  test('the window ends: failures are 401s again, and reaching the limit again is reported again', async () => {
    const { limiter, reached } = await failures({ limit: 2, addressLimit: 0, windowSeconds: 1 });
    for (let i = 0; i < 3; i++) await limiter.failed('192.0.2.1', A);
    assert.ok((await limiter.failed('192.0.2.1', A)) > 0);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(await limiter.failed('192.0.2.1', A), 0);
    assert.equal(await limiter.failed('192.0.2.1', A), 0);
    assert.ok((await limiter.failed('192.0.2.1', A)) > 0);
    assert.equal(reached.length, 2);
  });

  test('a limit of 0 turns each counter off', async () => {
    const { limiter, reached } = await failures({ limit: 0, addressLimit: 0 });
    assert.equal(limiter.enabled, false);
    for (let i = 0; i < 100; i++) assert.equal(await limiter.failed('192.0.2.2', A), 0);
    assert.deepEqual(reached, []);
  });
});

describe('request limits', () => {
  test('per principal, and per workspace across its principals; the vendor (no workspace) only per principal', async () => {
    const store = await openLimiterStore({ logger });
    const limits = createRequestLimits({ store, principalPerMinute: 3, workspacePerMinute: 5, addressPerMinute: 2 });
    const one = principal('11111111-1111-4111-8111-111111111111', 'w1');
    const two = principal('22222222-2222-4222-8222-222222222222', 'w1');
    const other = principal('33333333-3333-4333-8333-333333333333', 'w2');
    const vendor = principal('44444444-4444-4444-8444-444444444444', null);
    for (let i = 0; i < 3; i++) assert.equal(await limits.principal(one), 0);
    const wait = await limits.principal(one);
    assert.ok(wait > 0 && wait <= 60_000, 'principal one is over its own limit');
    // one's refused request did not count on w1: 3 of 5 used
    for (let i = 0; i < 10; i++) assert.ok((await limits.principal(one)) > 0);
    assert.equal(await limits.principal(two), 0);
    assert.equal(await limits.principal(two), 0);
    assert.ok((await limits.principal(two)) > 0, 'w1 is over its limit, for every principal in it');
    assert.equal(await limits.principal(other), 0, 'another workspace is unaffected');
    for (let i = 0; i < 3; i++) assert.equal(await limits.principal(vendor), 0);
    assert.ok((await limits.principal(vendor)) > 0);
    assert.equal(await limits.address('203.0.113.1'), 0);
    assert.equal(await limits.address('203.0.113.1'), 0);
    assert.ok((await limits.address('203.0.113.1')) > 0);
    assert.equal(await limits.address('203.0.113.2'), 0);
  });

  test('the longest wait of the refused verdicts', () => {
    assert.equal(waitOf(undefined, { allowed: true, consumed: 1, msBeforeNext: 500 }), 0);
    assert.equal(waitOf({ allowed: false, consumed: 9, msBeforeNext: 500 }, { allowed: false, consumed: 9, msBeforeNext: 900 }), 900);
    assert.equal(waitOf({ allowed: false, consumed: 0, msBeforeNext: 0 }), 1, 'a refusal always waits');
  });
});
