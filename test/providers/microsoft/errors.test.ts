import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mapEntraError, mapGraphError, mapTransportError, MicrosoftProviderError } from '../../../src/providers/microsoft/errors.ts';
import { sanitizeMessage } from '../../../src/providers/microsoft/sanitize.ts';
import { TENANT, caught, secretCredential, withSimulator } from './helpers.ts';

describe('Entra errors through the simulator map to reason codes', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  before(async () => (env = await withSimulator()));
  after(() => env.sim.close());

  const cases: Array<[number, string, RegExp]> = [
    [7000215, 'authentication_failed', /client secret's Value, not its Secret ID/],
    [7000222, 'authentication_failed', /Create a new client secret/],
    [700016, 'permission_denied', /admin-consent link/],
    [65001, 'permission_denied', /admin-consent link/],
    [90094, 'permission_denied', /admin-consent link/],
    [90002, 'invalid_state', /Entra tenant id/],
  ];
  for (const [code, reasonCode, step] of cases) {
    it(`AADSTS${code} → ${reasonCode}`, async () => {
      env.sim.setFailure({ endpoint: 'token', failure: { kind: 'aadsts', code }, times: 1 });
      const error = await caught(() => env.tokenClient().getToken(TENANT, secretCredential));
      assert.ok(error instanceof MicrosoftProviderError);
      assert.equal(error.reasonCode, reasonCode);
      assert.equal(error.aadsts, String(code));
      assert.match(error.message, new RegExp(`^AADSTS${code}: `));
      assert.doesNotMatch(error.message, /Trace ID|Correlation ID/, 'only the first line of the description');
      assert.ok(
        error.nextSteps.some((s) => step.test(s)),
        error.nextSteps.join(' | '),
      );
      const details = error.details();
      assert.equal(typeof details.traceId, 'string');
      assert.equal(typeof details.correlationId, 'string');
    });
  }

  it('the natural failures map too: wrong secret, unknown tenant, app not in tenant', async () => {
    const wrong = await caught(() => env.tokenClient().getToken(TENANT, { ...secretCredential, clientSecret: 'not-it' }));
    assert.deepEqual([wrong.reasonCode, wrong.aadsts, wrong.httpStatus], ['authentication_failed', '7000215', 401]);
    const noTenant = await caught(() => env.tokenClient().getToken('00000000-0000-4000-8000-000000000000', secretCredential));
    assert.deepEqual([noTenant.reasonCode, noTenant.aadsts], ['invalid_state', '90002']);
    const noApp = await caught(() => env.tokenClient().getToken(TENANT, { ...secretCredential, clientId: 'not-registered' }));
    assert.deepEqual([noApp.reasonCode, noApp.aadsts], ['permission_denied', '700016']);
  });

  it('Entra throttling (429) → throttled with the Retry-After it asked for', async () => {
    const remove = env.sim.setFailure({ endpoint: 'token', failure: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    try {
      const error = await caught(() => env.tokenClient({ retry: { maxAttempts: 1 } }).getToken(TENANT, secretCredential));
      assert.equal(error.reasonCode, 'throttled');
      assert.equal(error.info.retryAfterSeconds, 7);
      assert.match(error.nextSteps[0], /retry after 7 seconds/);
    } finally {
      remove();
    }
  });
});

describe('error mapping (unit)', () => {
  it('maps Graph statuses', () => {
    const body = { error: { code: 'X', message: 'Something.\nsecond line', innerError: { 'request-id': 'req-1' } } };
    assert.equal(mapGraphError({ status: 401, body }).reasonCode, 'authentication_failed');
    const denied = mapGraphError({ status: 403, body, requiredPermissions: ['User.Read.All'] });
    assert.equal(denied.reasonCode, 'permission_denied');
    assert.match(denied.nextSteps[0], /User\.Read\.All/);
    assert.equal(denied.requestId, 'req-1');
    assert.doesNotMatch(denied.message, /second line/);
    assert.equal(mapGraphError({ status: 429, body, retryAfterSeconds: 3 }).reasonCode, 'throttled');
    for (const status of [500, 502, 503, 504]) assert.equal(mapGraphError({ status, body }).reasonCode, 'dependency_unreachable');
    assert.equal(mapGraphError({ status: 418, body: undefined }).reasonCode, 'unknown_error');
  });

  it('maps transport failures', () => {
    assert.equal(mapTransportError('timeout', 'Entra ID', 100).reasonCode, 'dependency_unreachable');
    assert.equal(mapTransportError('network', 'Microsoft Graph').reasonCode, 'dependency_unreachable');
  });

  it('falls back on the OAuth error when the AADSTS code is unknown, and reads the code from the text', () => {
    assert.equal(
      mapEntraError({ status: 401, body: { error: 'invalid_client', error_description: 'AADSTS1234567: new thing' } }).reasonCode,
      'authentication_failed',
    );
    assert.equal(mapEntraError({ status: 400, body: { error: 'invalid_grant', error_description: 'AADSTS65001: consent' } }).aadsts, '65001');
    assert.equal(mapEntraError({ status: 503, body: undefined }).reasonCode, 'dependency_unreachable');
    assert.equal(mapEntraError({ status: 400, body: 'not json' }).reasonCode, 'unknown_error');
  });

  it('sanitizes: literal secrets, JWTs, PEM blocks, secret parameters and secret-shaped tokens go; GUIDs stay', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const text = [
      'secret=Hunter2Hunter2!',
      `token ${jwt}`,
      '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----',
      'client_secret=abc&x=1',
      'raw Q8d~Xk2pLm9NvB4tRz7Wy1Ua5Sc3Ee6Gh0Jf',
      'trace 0f4c2c5e-2f8a-4a51-9a3b-1b2c3d4e5f60 at login.microsoftonline.com/error',
    ].join(' ');
    const out = sanitizeMessage(text, ['Hunter2Hunter2!']);
    for (const leaked of ['Hunter2Hunter2!', jwt, 'MIIEvQ', 'abc&', 'Q8d~Xk2pLm9NvB4tRz7Wy1Ua5Sc3Ee6Gh0Jf'])
      assert.ok(!out.includes(leaked), `${leaked} in ${out}`);
    assert.ok(out.includes('0f4c2c5e-2f8a-4a51-9a3b-1b2c3d4e5f60'));
    assert.ok(out.includes('login.microsoftonline.com/error'));
  });
});
