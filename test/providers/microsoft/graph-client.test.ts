import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createGraphClient } from '../../../src/providers/microsoft/graph-client.ts';
import { parseRetryAfter } from '../../../src/providers/microsoft/http.ts';
import { TENANT, caught, secretCredential, withSimulator } from './helpers.ts';

describe('graph client', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  before(async () => (env = await withSimulator()));
  after(() => env.sim.close());

  function graph(options: Partial<Parameters<typeof createGraphClient>[0]> = {}) {
    const tokens = env.tokenClient();
    return createGraphClient({
      graphBaseUrl: env.sim.graphBaseUrl,
      auth: {
        token: async () => (await tokens.getToken(TENANT, secretCredential)).accessToken,
        refresh: async () => (await tokens.getToken(TENANT, secretCredential, { forceRefresh: true })).accessToken,
      },
      timeoutMs: 2_000,
      ...options,
    });
  }

  it('honours 429 Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    env.sim.resetCounts();
    env.sim.setFailure({ endpoint: 'organization', failure: { kind: 'status', status: 429, retryAfterSeconds: 3 }, times: 2 });
    const body = await graph({ retry: { maxRetryWaitMs: 60_000, sleep: async (ms) => void waits.push(ms) } }).get<{ value: unknown[] }>('/organization');
    assert.equal(body.value.length, 1);
    assert.deepEqual(waits, [3000, 3000]);
    assert.equal(env.sim.count('organization'), 3);
  });

  it('caps the wait Retry-After asks for at maxRetryWaitMs', async () => {
    const waits: number[] = [];
    env.sim.setFailure({ endpoint: 'organization', failure: { kind: 'status', status: 429, retryAfterSeconds: 3600 }, times: 1 });
    await graph({ retry: { maxRetryWaitMs: 25, sleep: async (ms) => void waits.push(ms) } }).get('/organization');
    assert.deepEqual(waits, [25]);
  });

  it('gives up after maxAttempts with throttled', async () => {
    env.sim.resetCounts();
    const remove = env.sim.setFailure({ endpoint: 'organization', failure: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    try {
      const error = await caught(() => graph({ retry: { maxAttempts: 3, maxRetryWaitMs: 1 } }).get('/organization'));
      assert.equal(error.reasonCode, 'throttled');
      assert.equal(error.info.retryAfterSeconds, 1);
      assert.equal(env.sim.count('organization'), 3);
    } finally {
      remove();
    }
  });

  it('5xx that persists → dependency_unreachable; a transient one is retried', async () => {
    const remove = env.sim.setFailure({ endpoint: 'graph', failure: { kind: 'status', status: 503 } });
    try {
      const error = await caught(() => graph({ retry: { maxRetryWaitMs: 1 } }).get('/organization'));
      assert.equal(error.reasonCode, 'dependency_unreachable');
      assert.equal(error.httpStatus, 503);
    } finally {
      remove();
    }
    env.sim.setFailure({ endpoint: 'graph', failure: { kind: 'status', status: 502 }, times: 1 });
    assert.ok(await graph({ retry: { maxRetryWaitMs: 1 } }).get('/organization'));
  });

  it('a hanging Graph → dependency_unreachable at the timeout', async () => {
    const remove = env.sim.setFailure({ endpoint: 'organization', failure: { kind: 'hang' } });
    try {
      const error = await caught(() => graph({ timeoutMs: 150 }).get('/organization'));
      assert.equal(error.reasonCode, 'dependency_unreachable');
    } finally {
      remove();
    }
  });

  it('the caller can cancel a request', async () => {
    const remove = env.sim.setFailure({ endpoint: 'organization', failure: { kind: 'hang' } });
    try {
      const controller = new AbortController();
      const pending = graph({ timeoutMs: 10_000 }).get('/organization', { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('stop')), 20);
      await assert.rejects(pending, /stop/);
    } finally {
      remove();
    }
  });

  it('refreshes the token once when Graph answers 401', async () => {
    let calls = 0;
    const client = createGraphClient({
      graphBaseUrl: env.sim.graphBaseUrl,
      auth: {
        token: async () => 'stale-or-forged-token',
        refresh: async () => {
          calls += 1;
          return (await env.tokenClient().getToken(TENANT, secretCredential)).accessToken;
        },
      },
    });
    assert.ok(await client.get('/organization'));
    assert.equal(calls, 1);
  });

  it('a token Graph keeps rejecting → authentication_failed', async () => {
    const client = createGraphClient({ graphBaseUrl: env.sim.graphBaseUrl, auth: { token: async () => 'bad', refresh: async () => 'still-bad' } });
    const error = await caught(() => client.get('/organization'));
    assert.equal(error.reasonCode, 'authentication_failed');
  });

  it('pages through @odata.nextLink', async () => {
    env.sim.setCollectionSize(TENANT, 'users', 23);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of graph().pages<{ id: string }>('/users?$top=5&$select=id')) {
      pages += 1;
      seen.push(...page.items.map((u) => u.id));
    }
    assert.equal(pages, 5);
    assert.equal(new Set(seen).size, 23);
  });

  it('never follows a nextLink to another origin', async () => {
    const fakeFetch: typeof fetch = async () =>
      new Response(JSON.stringify({ value: [{}], '@odata.nextLink': 'https://evil.example/v1.0/users?$skiptoken=x' }), { status: 200 });
    const client = createGraphClient({ graphBaseUrl: env.sim.graphBaseUrl, auth: { token: async () => 't', refresh: async () => 't' }, fetch: fakeFetch });
    const error = await caught(async () => {
      for await (const _ of client.pages('/users')) void _;
    });
    assert.equal(error.reasonCode, 'invalid_state');
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('5'), 5);
    assert.equal(parseRetryAfter(new Date(10_000 + 4_000).toUTCString(), 10_000), 4);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});
