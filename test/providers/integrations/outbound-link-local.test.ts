// Two refinements of the outbound address policy, attacked as a workspace storing a hostile base
// URL would: (1) with private networks allowed, the whole link-local ranges 169.254.0.0/16 and
// fe80::/10 (cloud metadata and friends) stay refused in every spelling the URL parser accepts;
// (2) in the default mode a refusal never tells whether a name resolved to a private address or
// did not resolve at all (no DNS oracle for probing internal names).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { getProviderSpec } from '../../../src/providers/integrations/catalog.ts';
import { createAddressPolicy, isAlwaysRefusedAddress } from '../../../src/providers/outbound/address-policy.ts';
import { OutboundError } from '../../../src/providers/outbound/errors.ts';
import { createOutboundClient, type OutboundFetch } from '../../../src/providers/outbound/outbound-client.ts';

const clients: OutboundFetch[] = [];
function client(options: Parameters<typeof createOutboundClient>[0]): OutboundFetch {
  const c = createOutboundClient(options);
  clients.push(c);
  return c;
}
let server: Server;
let port: number;
let hits = 0;

before(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function refusal(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OutboundError, `expected an OutboundError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request was not refused');
}

describe('link-local stays refused with private networks allowed', () => {
  // Every one of these is 169.254.1.1 or another link-local address; none is a metadata address
  // of the old four-address list. A short timeout: the old code tried to connect (timeout/network).
  const urls = [
    'http://169.254.1.1/',
    'http://169.254.170.3/',
    'http://169.254.255.254/',
    'http://2851995905/', // 169.254.1.1 as one decimal number
    'http://0xa9fe0101/', // as one hex number
    'http://0251.0376.1.1/', // octal parts
    'http://0xa9.0xfe.1.1/', // hex parts
    'http://169.254.257/', // three-part form
    'http://[::ffff:169.254.1.1]/', // IPv4-mapped IPv6
    'http://[::ffff:a9fe:101]/',
    'http://[::169.254.1.1]/', // IPv4-compatible IPv6 (deprecated)
    'http://[::ffff:0:a9fe:101]/', // IPv4-translated (SIIT)
    'http://[64:ff9b::169.254.1.1]/', // NAT64
    'http://[2002:a9fe:101::]/', // 6to4
    'http://[fe80::1]/',
    'http://[fe80::a9fe:a9fe]/',
    'http://[febf:ffff::1]/', // the top of fe80::/10
  ];
  for (const url of urls) {
    test(`${url} is refused before any connection`, async () => {
      const error = await refusal(client({ allowPrivateNetworks: true, timeoutMs: 500 })(url));
      assert.equal(error.code, 'private_address_refused', `${url}: ${error.code}`);
    });
  }

  test('the policy refuses every link-local address a name could resolve to (the lookup path)', () => {
    const open = createAddressPolicy({ allowPrivateNetworks: true });
    for (const address of [
      '169.254.0.0',
      '169.254.0.1',
      '169.254.42.42',
      '169.254.255.255',
      '::ffff:169.254.3.4',
      '::a9fe:304',
      'fe80::',
      'fe80::1',
      'fe9a::1',
      'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      '64:ff9b::a9fe:304',
    ]) {
      assert.equal(open.check(address, 'https:'), 'private_address_refused', address);
      assert.equal(isAlwaysRefusedAddress(address), true, address);
    }
    // the ranges' neighbours are ordinary private/public addresses
    for (const address of ['169.253.255.255', '169.255.0.1', 'fec0::1', 'fe7f::1', '10.0.0.1']) {
      assert.equal(open.check(address, 'https:'), undefined, address);
      assert.equal(isAlwaysRefusedAddress(address), false, address);
    }
    // the operator's allow-list does not reopen link-local either
    assert.equal(
      createAddressPolicy({ allowedHosts: ['169.254.0.0/16', 'metadata.internal'] }).check('169.254.169.254', 'https:', true),
      'private_address_refused',
    );
  });

  test('ordinary private destinations still work when allowed', async () => {
    hits = 0;
    assert.equal((await client({ allowPrivateNetworks: true })(`http://127.0.0.1:${port}/`)).status, 200);
    assert.equal(hits, 1);
  });
});

describe('no DNS oracle in the default mode', () => {
  const NXDOMAIN = 'sb-no-such-host-4b1e.invalid'; // RFC 6761: never resolves

  test('a name that does not resolve and one that resolves to loopback get the same error', async () => {
    hits = 0;
    const closed = client({});
    const answers = [
      await refusal(closed(`https://${NXDOMAIN}/rest/api/3/myself`)),
      await refusal(closed(`http://${NXDOMAIN}:${port}/`)),
      await refusal(closed(`http://localhost:${port}/`)),
      await refusal(closed(`https://localhost:${port}/`)),
      await refusal(closed(`http://127.0.0.1:${port}/`)),
    ];
    for (const a of answers) {
      assert.equal(a.code, answers[0].code);
      assert.equal(a.message, answers[0].message);
      assert.ok(!/127\.0\.0\.1|::1|localhost|invalid/.test(a.message), `the message names no address or host: ${a.message}`);
    }
    assert.equal(answers[0].code, 'private_address_refused');
    assert.equal(hits, 0, 'nothing was connected to');
  });

  test('a verification against an unresolvable and a loopback Jira URL answers identically', async () => {
    const closed = client({});
    const verify = (baseUrl: string) =>
      getProviderSpec('jira').verify(
        { authType: 'basic_auth', credentials: { base_url: baseUrl, username: 'ops', api_token: 't-0123456789' } },
        { fetch: closed, baseUrls: {}, timeoutMs: 2000 },
      );
    const unresolvable = await verify(`https://jira.${NXDOMAIN}`);
    const loopback = await verify(`https://localhost:${port}`);
    assert.equal(unresolvable.reasonCode, 'ext.jira.private_address_refused');
    assert.deepEqual(
      { reasonCode: unresolvable.reasonCode, message: unresolvable.message, details: unresolvable.details },
      { reasonCode: loopback.reasonCode, message: loopback.message, details: loopback.details },
    );
  });

  test('with private networks allowed a name that does not resolve is an ordinary network failure', async () => {
    const error = await refusal(client({ allowPrivateNetworks: true })(`http://${NXDOMAIN}/`));
    assert.equal(error.code, 'network');
  });
});
