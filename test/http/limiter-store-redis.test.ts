// With SWITCHBOARD_REDIS_URL set, the limits' counters live in Redis (src/http/limiter-store.ts):
// two runtimes — two nodes, each with a database of its own here, so nothing else could carry
// the count — see each other's failed authentications and requests. An unreachable Redis stops
// the process at start, with a message that names the variable and not the URL; a Redis that
// goes away later (a TCP proxy of this test's, cut and restored) leaves each node counting alone
// until it is back, then the shared count resumes.
// Needs the Redis server at REDIS_URL (default redis://127.0.0.1:6379); it never skips silently.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, connect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { openLimiterStore } from '../../src/http/limiter-store.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 4;
let one: TestRuntime;
let two: TestRuntime;
// Redis outlives this test: keys of its own (a fresh address and configuration id per run).
const address = `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

const env = {
  SWITCHBOARD_REDIS_URL: REDIS_URL,
  SWITCHBOARD_AUTH_FAILURE_LIMIT: String(LIMIT),
  SWITCHBOARD_AUTH_FAILURE_WINDOW_SECONDS: '60',
  SWITCHBOARD_ADDRESS_RATE_LIMIT_PER_MINUTE: String(LIMIT),
};

before(async () => {
  one = await startTestRuntime({ work: false, env });
  two = await startTestRuntime({ work: false, env });
});
after(async () => {
  await one?.close();
  await two?.close();
});

const call = (t: TestRuntime, url: string, authorization?: string) =>
  t.rt.app!.inject({ method: 'GET', url, remoteAddress: address, headers: authorization ? { authorization } : {} });
const guess = () => `Bearer sbscim_${randomBytes(32).toString('base64url')}`;

describe('the Redis store', () => {
  test('both runtimes count on Redis', () => {
    assert.equal(one.rt.app!.limits.store.kind, 'redis');
    assert.equal(two.rt.app!.limits.store.kind, 'redis');
  });

  test('failed authentications on one runtime count on the other', async () => {
    const scim = `/directory/resources/scim/v2.0/${randomUUID()}/Users`;
    for (let i = 0; i < LIMIT; i++) assert.equal((await call(one, scim, guess())).statusCode, 401);
    const refused = await call(two, scim, guess());
    assert.equal(refused.statusCode, 429, 'the first failure the second runtime sees is past the shared limit');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal((await call(one, scim, guess())).statusCode, 429);
    // Another target from the same address: its own count, on both.
    assert.equal((await call(two, `/directory/resources/scim/v2.0/${randomUUID()}/Users`, guess())).statusCode, 401);
  });

  test('requests on one runtime count on the other', async () => {
    for (let i = 0; i < LIMIT; i++) assert.equal((await call(i % 2 ? one : two, '/openapi.json')).statusCode, 200);
    const over = await call(one, '/openapi.json');
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error, 'rate_limited');
    assert.ok(Number(over.headers['retry-after']) > 0);
    assert.equal((await call(two, '/openapi.json')).statusCode, 429);
    // A valid credential is counted by its principal, not by the address.
    assert.equal((await call(two, '/api/v1/workspaces', `Bearer ${two.vendorToken}`)).statusCode, 200);
  });

  test('an unreachable Redis stops the start, naming the variable but not the URL', async () => {
    const secret = `pw${randomBytes(8).toString('hex')}`;
    await assert.rejects(
      openLimiterStore({ redisUrl: `redis://:${secret}@127.0.0.1:1`, logger: pino({ level: 'silent' }) }),
      (err: Error) => /SWITCHBOARD_REDIS_URL: could not connect to Redis/.test(err.message) && !err.message.includes(secret),
    );
  });

  test('Redis going away: each node counts alone meanwhile (never an error), then the shared count resumes', async () => {
    const proxy = await tcpProxy(new URL(REDIS_URL));
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const store = await openLimiterStore({ redisUrl: `redis://127.0.0.1:${proxy.port}`, logger });
    try {
      const limiter = store.limiter(`outage_${randomBytes(4).toString('hex')}`, 3, 60);
      assert.equal((await limiter.consume('k')).allowed, true, 'counted on Redis: 1 of 3');
      await proxy.cut();
      await waitFor(async () => lines.some((l) => l.includes('Redis unreachable')));
      const alone = [];
      for (let i = 0; i < 4; i++) alone.push((await limiter.consume('k')).allowed);
      assert.deepEqual(alone, [true, true, true, false], 'the insurance limiter counts in this process');
      await proxy.restore();
      await waitFor(async () => lines.some((l) => l.includes('Redis reachable again')));
      const shared = [];
      for (let i = 0; i < 3; i++) shared.push((await limiter.consume('k')).allowed);
      assert.deepEqual(shared, [true, true, false], 'Redis still held the first point: 2 and 3 of 3, then refused');
      assert.ok(
        lines.every((l) => !l.includes(`${proxy.port}/`)),
        'the URL is not logged',
      );
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});

/** A TCP proxy to the Redis server that can be cut (listener closed, connections destroyed) and restored on the same port. */
async function tcpProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const cut = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  return { port, cut, restore: () => listen(port).then(() => undefined), close: cut };
}
