// The exporter's last line of defence: what any instrumentation recorded is cut before it leaves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REDACTED, scrubAttributes } from '../../src/telemetry/scrub.ts';

test('query strings and user info are cut from URL attributes; query, body and parameter attributes are dropped', () => {
  const out = scrubAttributes({
    'url.full': 'https://ops:pw-canary@vendor.test/api/items?api_key=k-canary#frag',
    'url.path': '/admin/consent/callback?code=c-canary&state=s',
    'http.target': '/scim/v2/x/Users?filter=userName%20eq%20%22a%40b%22',
    'url.query': 'code=c-canary',
    'db.query.parameter.0': 'p-canary',
    'db.query.text': 'SELECT * FROM vault_secrets WHERE id = $1',
    'http.response.status_code': 200,
  });
  assert.deepEqual(out, {
    'url.full': 'https://vendor.test/api/items',
    'url.path': '/admin/consent/callback',
    'http.target': '/scim/v2/x/Users',
    'db.query.text': 'SELECT * FROM vault_secrets WHERE id = $1',
    'http.response.status_code': 200,
  });
});

test('attributes named like a credential are redacted, and bearer or Switchboard tokens in any value', () => {
  const out = scrubAttributes({
    'http.request.header.authorization': ['Bearer sbt_abc'],
    'http.request.header.cookie': 'sid=1',
    'exception.message': 'token sbscim_Zq9-x refused; sent Bearer eyJhbGciOi.payload.sig and Basic dXNlcjpwdw==',
    'switchboard.run.type': 'microsoft.health_check',
  });
  assert.equal(out['http.request.header.authorization'], REDACTED);
  assert.equal(out['http.request.header.cookie'], REDACTED);
  assert.equal(out['exception.message'], `token ${REDACTED} refused; sent ${REDACTED} and ${REDACTED}`);
  assert.equal(out['switchboard.run.type'], 'microsoft.health_check');
});
