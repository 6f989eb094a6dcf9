// The shared mapping helpers and the redaction pass, on answers the simulators do not produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromGithubStatus } from '../../../src/providers/integrations/github/api.ts';
import { collectSecrets, redactResult } from '../../../src/providers/integrations/redact.ts';
import { fromStatus, retryAfterDetails } from '../../../src/providers/integrations/results.ts';
import { baseUrlFor } from '../../../src/providers/integrations/base-urls.ts';
import type { OutboundResponse } from '../../../src/providers/outbound/outbound-client.ts';
import { isReasonCode } from '../../../src/providers/reason-codes.ts';
import { CANARY } from './fixtures.ts';

function response(status: number, headers: Record<string, string> = {}, text = ''): OutboundResponse {
  return { url: 'https://x.test/', status, headers: new Headers(headers), text, truncated: false, json: () => undefined };
}

test('GitHub signals rate limits with 403 + x-ratelimit-remaining: 0', () => {
  const limited = fromGithubStatus('github', 'GitHub', response(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' }));
  assert.equal(limited.reasonCode, 'throttled');
  assert.equal(limited.details?.rateLimitReset, '1700000000');
  assert.equal(fromGithubStatus('github', 'GitHub', response(403)).reasonCode, 'permission_denied');
});

test('generic status mapping', () => {
  const table: Array<[number, string]> = [
    [301, 'ext.jira.redirect_refused'],
    [307, 'ext.jira.redirect_refused'],
    [401, 'authentication_failed'],
    [403, 'permission_denied'],
    [404, 'ext.jira.not_found'],
    [408, 'dependency_unreachable'],
    [429, 'throttled'],
    [502, 'dependency_unreachable'],
    [503, 'dependency_unreachable'],
    [418, 'unknown_error'],
  ];
  for (const [status, code] of table) {
    const mapped = fromStatus('jira', 'Jira', response(status));
    assert.equal(mapped.reasonCode, code, String(status));
    assert.ok(isReasonCode(mapped.reasonCode));
  }
});

test('Retry-After as seconds or as an HTTP date', () => {
  assert.deepEqual(retryAfterDetails(new Headers({ 'retry-after': '30' })), { retryAfter: '30', retryAfterSeconds: 30 });
  const date = new Date(Date.now() + 60_000).toUTCString();
  const details = retryAfterDetails(new Headers({ 'retry-after': date }));
  assert.equal(details.retryAfter, date);
  assert.ok(typeof details.retryAfterSeconds === 'number' && details.retryAfterSeconds > 0);
  assert.deepEqual(retryAfterDetails(new Headers()), {});
});

test('redaction removes secret values from messages and nested details', () => {
  const secrets = collectSecrets({ token: `ghp-${CANARY}`, login: 'octocat' }, ['token']);
  const cleaned = redactResult(
    { reasonCode: 'unknown_error', message: `echo ghp-${CANARY}`, details: { nested: [{ v: `x ghp-${CANARY} y` }], login: 'octocat' } },
    secrets,
  );
  assert.ok(!JSON.stringify(cleaned).includes(CANARY));
  assert.equal(cleaned.details?.login, 'octocat');
});

test('base URL overrides and placeholders', () => {
  assert.equal(baseUrlFor({}, 'ai_amazon_bedrock', { region: 'eu-west-1' }), 'https://bedrock.eu-west-1.amazonaws.com');
  assert.equal(baseUrlFor({}, 'datadog', { site: 'datadoghq.eu' }), 'https://api.datadoghq.eu');
  assert.equal(baseUrlFor({ github: 'http://127.0.0.1:9' }, 'github'), 'http://127.0.0.1:9');
  assert.equal(baseUrlFor({}, 'github'), 'https://api.github.com');
  assert.equal(baseUrlFor({}, 'jfrog'), undefined);
});
