// The outbound client's guarantees: no redirect is followed, a credential only goes to the
// origin it is bound to, private/reserved destinations are refused (also when a hostname
// resolves to one) unless the operator allows them, calls time out and bodies are capped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAddressPolicy, isAlwaysRefusedAddress, isNonPublicAddress } from '../../../src/providers/outbound/address-policy.ts';
import { OutboundError } from '../../../src/providers/outbound/errors.ts';
import { createOutboundClient } from '../../../src/providers/outbound/outbound-client.ts';
import type { OutboundFetch } from '../../../src/providers/outbound/outbound-client.ts';
import { getProviderSpec } from '../../../src/providers/integrations/catalog.ts';
import { startIntegrationSimulators } from '../../../src/simulators/integrations/index.ts';
import type { IntegrationSimulators } from '../../../src/simulators/integrations/index.ts';
import { CANARY } from './fixtures.ts';

let server: Server;
let port: number;
let hits: Array<{ url: string; headers: Record<string, unknown> }> = [];
let sim: IntegrationSimulators;
const clients: OutboundFetch[] = [];

function client(options: Parameters<typeof createOutboundClient>[0]): OutboundFetch {
  const c = createOutboundClient(options);
  clients.push(c);
  return c;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OutboundError, `expected an OutboundError, got ${String(error)}`);
    assert.ok(!error.message.includes(CANARY));
    return error.code;
  }
  assert.fail('the request was not refused');
}

before(async () => {
  server = createServer((req, res) => {
    hits.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(256 * 1024));
      return;
    }
    if (req.url === '/hang') return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"hello":"world"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  sim = await startIntegrationSimulators();
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await sim.close();
});

describe('private and reserved destinations', () => {
  test('127.0.0.1 is refused by default and no connection reaches it', async () => {
    hits = [];
    const code = await refusal(client({}).call(null, `http://127.0.0.1:${port}/`));
    assert.equal(code, 'private_address_refused');
    assert.equal(hits.length, 0);
  });

  test('127.0.0.1 is allowed when private networks are allowed', async () => {
    const response = await client({ allowPrivateNetworks: true })(`http://127.0.0.1:${port}/`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.json(), { hello: 'world' });
  });

  test('an allow-list entry (address, CIDR or hostname) admits just that destination', async () => {
    assert.equal((await client({ allowedHosts: ['127.0.0.1'] })(`http://127.0.0.1:${port}/`)).status, 200);
    assert.equal((await client({ allowedHosts: ['127.0.0.0/8'] })(`http://127.0.0.1:${port}/`)).status, 200);
    assert.equal((await client({ allowedHosts: ['localhost'] })(`http://localhost:${port}/`)).status, 200);
    assert.equal(await refusal(client({ allowedHosts: ['10.0.0.0/8'] })(`http://127.0.0.1:${port}/`)), 'private_address_refused');
  });

  test('a hostname resolving to loopback (localhost) is refused at connect time', async () => {
    hits = [];
    assert.equal(await refusal(client({})(`http://localhost:${port}/`)), 'private_address_refused');
    assert.equal(hits.length, 0);
  });

  for (const url of [
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/',
    'http://192.168.0.10/',
    'http://100.64.1.1/',
    'http://[::1]:8080/',
    'http://[::ffff:127.0.0.1]:8080/',
    'http://[fd12:3456::1]/',
    'http://[fe80::1]/',
    'http://0.0.0.0:8080/',
    'http://2130706433:8080/', // 127.0.0.1 written as one decimal number
  ]) {
    test(`${url} is refused`, async () => {
      assert.equal(await refusal(client({})(url)), 'private_address_refused');
    });
  }

  test('cloud metadata stays refused even when private networks are allowed', async () => {
    const open = client({ allowPrivateNetworks: true });
    assert.equal(await refusal(open('http://169.254.169.254/latest/meta-data/')), 'private_address_refused');
    assert.equal(await refusal(open('http://[fd00:ec2::254]/')), 'private_address_refused');
    assert.equal(await refusal(open('http://[::ffff:169.254.169.254]/')), 'private_address_refused');
  });

  test('a verification against a loopback base URL is refused when not allowed, without a request', async () => {
    sim.reset();
    sim.setValid('ai_openai', { api_key: `sk-${CANARY}` });
    const closed = client({});
    const outcome = await getProviderSpec('ai_openai').verify(
      { authType: 'api_key', credentials: { api_key: `sk-${CANARY}` } },
      { fetch: closed, baseUrls: sim.baseUrls, timeoutMs: 2000 },
    );
    assert.equal(outcome.reasonCode, 'ext.ai_openai.private_address_refused');
    assert.equal(sim.requests.length, 0);
    assert.ok(!JSON.stringify(outcome).includes(CANARY));
  });
});

describe('address classification', () => {
  for (const address of [
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '127.0.0.1',
    '127.255.0.9',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    'ff02::1',
  ]) {
    test(`${address} is not public`, () => assert.equal(isNonPublicAddress(address), true));
  }
  for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '64:ff9b::808:808', '::ffff:8.8.8.8']) {
    test(`${address} is public`, () => assert.equal(isNonPublicAddress(address), false));
  }
  test('metadata and all link-local addresses are always refused, including IPv4-mapped', () => {
    assert.equal(isAlwaysRefusedAddress('169.254.169.254'), true);
    assert.equal(isAlwaysRefusedAddress('::ffff:169.254.169.254'), true);
    assert.equal(isAlwaysRefusedAddress('fd00:ec2::254'), true);
    assert.equal(isAlwaysRefusedAddress('100.100.100.200'), true);
    assert.equal(isAlwaysRefusedAddress('169.254.1.1'), true, 'the whole of 169.254.0.0/16, not a list');
    assert.equal(isAlwaysRefusedAddress('10.0.0.1'), false);
  });
  test('plain http to a public address is refused unless explicitly allowed', () => {
    assert.equal(createAddressPolicy({}).check('8.8.8.8', 'http:'), 'insecure_scheme');
    assert.equal(createAddressPolicy({}).check('8.8.8.8', 'https:'), undefined);
    assert.equal(createAddressPolicy({ allowInsecureHttp: true }).check('8.8.8.8', 'http:'), undefined);
    assert.equal(createAddressPolicy({ allowPrivateNetworks: true }).check('10.0.0.1', 'http:'), undefined);
  });
});

describe('redirects and credential binding', () => {
  test('a redirect is handed back, not followed, and the credential never reaches its target', async () => {
    sim.reset();
    sim.setFailure('ai_openai', 'redirect');
    const response = await client({ allowPrivateNetworks: true })(`${sim.baseUrls.ai_openai}/v1/models`, {
      headers: { authorization: `Bearer sk-${CANARY}` },
      credentialOrigin: sim.baseUrls.ai_openai,
    });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), `${sim.trapUrl}/captured`);
    assert.equal(sim.requestsTo('trap').length, 0);
    assert.equal(sim.requestsTo('ai_openai').length, 1);
  });

  test('a credential bound to another origin is refused before any connection', async () => {
    sim.reset();
    const code = await refusal(
      client({ allowPrivateNetworks: true })(`${sim.trapUrl}/steal`, {
        headers: { authorization: `Bearer sk-${CANARY}` },
        credentialOrigin: sim.baseUrls.ai_openai,
      }),
    );
    assert.equal(code, 'host_mismatch');
    assert.equal(sim.requests.length, 0);
  });

  test('a credential header without a bound origin is refused', async () => {
    sim.reset();
    const code = await refusal(client({ allowPrivateNetworks: true })(`${sim.trapUrl}/`, { headers: { 'x-api-key': `k-${CANARY}` } }));
    assert.equal(code, 'host_mismatch');
    assert.equal(sim.requests.length, 0);
  });

  test('URLs with user info are refused', async () => {
    assert.equal(await refusal(client({ allowPrivateNetworks: true })(`http://user:${CANARY}@127.0.0.1:${port}/`)), 'invalid_url');
  });

  test('only http and https are spoken', async () => {
    assert.equal(await refusal(client({ allowPrivateNetworks: true })('file:///etc/passwd')), 'unsupported_scheme');
  });

  test('a Jira base URL whose path looks like a host still only reaches the Jira host', async () => {
    sim.reset();
    sim.setValid('jira', { username: 'ops', api_token: `t-${CANARY}` });
    const fetch = client({ allowPrivateNetworks: true });
    const outcome = await getProviderSpec('jira').verify(
      { authType: 'basic_auth', credentials: { base_url: `${sim.baseUrls.jira}//${new URL(sim.trapUrl).host}`, username: 'ops', api_token: `t-${CANARY}` } },
      { fetch, baseUrls: sim.baseUrls, timeoutMs: 2000 },
    );
    assert.ok(!JSON.stringify(outcome).includes(CANARY));
    assert.equal(sim.requestsTo('trap').length, 0);
    assert.deepEqual(
      sim.requests.map((r) => r.target),
      ['jira'],
    );
  });
});

describe('timeouts and body cap', () => {
  test('a destination that never answers times out', async () => {
    assert.equal(await refusal(client({ allowPrivateNetworks: true, timeoutMs: 150 })(`http://127.0.0.1:${port}/hang`)), 'timeout');
  });

  test('a per-request timeout overrides the default', async () => {
    assert.equal(await refusal(client({ allowPrivateNetworks: true })(`http://127.0.0.1:${port}/hang`, { timeoutMs: 100 })), 'timeout');
  });

  test('a caller signal cancels the request', async () => {
    const controller = new AbortController();
    const pending = client({ allowPrivateNetworks: true })(`http://127.0.0.1:${port}/hang`, { signal: controller.signal });
    controller.abort();
    assert.equal(await refusal(pending), 'aborted');
  });

  test('bodies are read up to the cap and flagged as truncated', async () => {
    const response = await client({ allowPrivateNetworks: true, maxResponseBytes: 1024 })(`http://127.0.0.1:${port}/big`);
    assert.equal(response.text.length, 1024);
    assert.equal(response.truncated, true);
    assert.equal(response.json(), undefined);
  });

  test('an unreachable port is dependency-level network failure', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    assert.equal(await refusal(client({ allowPrivateNetworks: true })(`http://127.0.0.1:${closedPort}/`)), 'network');
  });
});
