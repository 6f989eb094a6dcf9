// The typed map of error codes (src/core/error-codes.ts): docs/errors.md is what the generator
// renders from it (run `npm run docs:errors` after changing a code), statuses and messages are
// well-formed, and a code missing from the map does not compile (checked by `npm run typecheck`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERRORS_DOC, renderErrorsDoc } from '../../scripts/errors-doc.ts';
import { ERROR_CODES, type ErrorCode } from '../../src/core/error-codes.ts';
import { AppError, notFound } from '../../src/core/errors.ts';
import { statusForCode } from '../../src/http/error-status.ts';

test('docs/errors.md is generated from the map (run `npm run docs:errors` when this fails)', () => {
  assert.equal(readFileSync(ERRORS_DOC, 'utf8'), renderErrorsDoc());
});

test('every code: a namespaced name, an error status, a message', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];
  assert.ok(codes.length > 50);
  for (const code of codes) {
    const { status, message } = ERROR_CODES[code];
    assert.match(code, /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, code);
    assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status}`);
    assert.ok(message.trim().length > 0 && message.length <= 200, code);
    assert.equal(statusForCode(code), status);
  }
  // A not-found code answers 404; a code about a duplicate or a race 409.
  for (const code of codes) if (code.endsWith('.not_found')) assert.equal(ERROR_CODES[code].status, 404, code);
  for (const code of codes) if (/\.(already_exists|duplicate|conflict)$/.test(code)) assert.equal(ERROR_CODES[code].status, 409, code);
});

test('an AppError without a message takes the default one; with one, keeps it', () => {
  assert.equal(new AppError('member.last_owner').message, ERROR_CODES['member.last_owner'].message);
  assert.equal(new AppError('member.last_owner', 'said otherwise').message, 'said otherwise');
  assert.equal(notFound('tenant.not_found').message, 'tenant not found');
  assert.equal(notFound('tenant.not_found').code, 'tenant.not_found');
});

test('a code that is not in the map is a type error', () => {
  // Never called: the directives below fail `npm run typecheck` the day either line compiles.
  const misspelt = () => {
    // @ts-expect-error 'member.last_ownr' is not an ErrorCode
    new AppError('member.last_ownr', 'x');
    // @ts-expect-error notFound takes only codes of the map ending in .not_found
    notFound('member.last_owner');
  };
  assert.equal(typeof misspelt, 'function');
});
