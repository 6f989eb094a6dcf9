// What the limits count by (src/http/limit-keys.ts): IPv4 addresses as they are, IPv6 per /64,
// IPv4-mapped IPv6 as the IPv4 address; failed authentications by the SCIM configuration of the
// path, the API token's display prefix or the JWT's issuer — and never more of a token than its
// public prefix.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { boundKey, clientKey, credentialTarget, scimTarget } from '../../src/http/limit-keys.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (payload: unknown) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.${randomBytes(32).toString('base64url')}`;

describe('client keys', () => {
  test('IPv4 addresses count one by one', () => {
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
    assert.notEqual(clientKey('203.0.113.7'), clientKey('203.0.113.8'));
  });

  test('IPv6 addresses count per /64, however they are written', () => {
    const key = '2001:db8:1:2::/64';
    for (const a of ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2:a::b', '2001:db8:1:2::1%eth0']) {
      assert.equal(clientKey(a), key, a);
    }
    assert.equal(clientKey('2001:db8:1:3::1'), '2001:db8:1:3::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
    assert.equal(clientKey('fe80::1%en0'), 'fe80:0:0:0::/64');
    assert.equal(clientKey('2001:db8:1:2:3:4:203.0.113.7'), key, 'a trailing dotted quad is part of the address');
  });

  test('IPv4-mapped IPv6 counts as the IPv4 address, in either spelling', () => {
    for (const a of ['::ffff:203.0.113.7', '::FFFF:cb00:7107', '0:0:0:0:0:ffff:203.0.113.7', '0000:0000:0000:0000:0000:ffff:cb00:7107']) {
      assert.equal(clientKey(a), '203.0.113.7', a);
    }
    // Not mapped: IPv4-compatible (deprecated) and NAT64 addresses are IPv6 addresses of their /64.
    assert.equal(clientKey('::203.0.113.7'), '0:0:0:0::/64');
    assert.equal(clientKey('64:ff9b::203.0.113.7'), '64:ff9b:0:0::/64');
    assert.equal(clientKey('::ffff:0:203.0.113.7'), '0:0:0:0::/64');
  });

  test('anything else is kept, bounded', () => {
    assert.equal(clientKey('unix-socket'), 'unix-socket');
    assert.equal(clientKey(''), 'unknown');
    assert.match(clientKey('x'.repeat(500)), /^sha256:[A-Za-z0-9_-]{32}$/);
  });
});

describe('failure targets', () => {
  test('the SCIM endpoint: the configuration its path names, in one spelling', () => {
    const id = '0b6f8a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
    assert.deepEqual(scimTarget(id), { type: 'scim_configuration', id });
    assert.deepEqual(scimTarget(id.toUpperCase()), { type: 'scim_configuration', id });
    assert.deepEqual(scimTarget('not-a-uuid'), { type: 'other', id: 'other' });
    assert.deepEqual(scimTarget(undefined), { type: 'other', id: 'other' });
  });

  test('an API token: its display prefix (sbt_ and six characters), nothing more of it', () => {
    const token = `sbt_${randomBytes(32).toString('base64url')}`;
    const target = credentialTarget(`Bearer ${token}`);
    assert.deepEqual(target, { type: 'api_token', id: token.slice(0, 10) });
    assert.equal(credentialTarget(`bearer   ${token}  `).id, token.slice(0, 10));
    // Two tokens sharing a display prefix are one target (an attacker who knows a prefix guesses the rest).
    assert.deepEqual(credentialTarget(`Bearer ${token.slice(0, 10)}${randomBytes(32).toString('base64url')}`), target);
  });

  test('a JWT: the issuer it claims (unverified), bounded', () => {
    assert.deepEqual(credentialTarget(`Bearer ${jwt({ iss: 'https://idp.example/tenant-a', sub: 'x' })}`), {
      type: 'jwt_issuer',
      id: 'https://idp.example/tenant-a',
    });
    const long = credentialTarget(`Bearer ${jwt({ iss: `https://idp.example/${'a'.repeat(1000)}` })}`);
    assert.equal(long.type, 'jwt_issuer');
    assert.match(long.id, /^sha256:[A-Za-z0-9_-]{32}$/);
    assert.equal(credentialTarget(`Bearer ${jwt({ iss: 'https://idp.example/\u0000x' })}`).id.startsWith('sha256:'), true, 'control characters are not kept');
    assert.equal(credentialTarget(`Bearer ${jwt({ sub: 'no issuer' })}`).type, 'other');
    assert.equal(credentialTarget(`Bearer ${jwt({ iss: 42 })}`).type, 'other');
    assert.equal(credentialTarget(`Bearer ${jwt({ iss: 'x', pad: 'p'.repeat(10_000) })}`).type, 'other', 'an oversized payload is not decoded');
    assert.equal(credentialTarget('Bearer a.b.c').type, 'other');
    assert.equal(credentialTarget('Bearer eyJhbGciOiJub25lIn0.bm90IGpzb24.').type, 'other');
  });

  test('anything else is one fixed target', () => {
    for (const h of [
      undefined,
      '',
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer sbt_short',
      `Bearer sbscim_${randomBytes(32).toString('base64url')}`,
      `Bearer ${'x'.repeat(300)}`,
    ]) {
      assert.deepEqual(credentialTarget(h), { type: 'other', id: 'other' }, String(h));
    }
  });

  test('bounded keys: short printable text as is, anything else a digest of fixed length', () => {
    assert.equal(boundKey('oidc:user-1'), 'oidc:user-1');
    assert.equal(boundKey('a b').startsWith('sha256:'), true);
    assert.equal(boundKey('y'.repeat(129)).length, 39);
    assert.equal(boundKey('y'.repeat(129)), boundKey('y'.repeat(129)));
    assert.notEqual(boundKey('y'.repeat(129)), boundKey('y'.repeat(130)));
  });
});
