import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScimError, invalidFilter, toScimErrorBody } from '../../../src/scim/protocol/errors.ts';

test('ScimError becomes the RFC 7644 error body with status as a string', () => {
  assert.deepEqual(toScimErrorBody(invalidFilter('Unknown attribute "x".')), {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '400',
    scimType: 'invalidFilter',
    detail: 'Unknown attribute "x".',
  });
  assert.deepEqual(toScimErrorBody(new ScimError(404, undefined, 'Resource not found.')), {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '404',
    detail: 'Resource not found.',
  });
  const e = new ScimError(409, 'uniqueness', 'userName is taken.');
  assert.equal(e.code, 'uniqueness');
  assert.equal(new ScimError(412, undefined, 'x').code, 'scim_412');
});

test('unexpected errors never leak their message', () => {
  const body = toScimErrorBody(new Error('duplicate key value violates constraint; password=hunter2'));
  assert.deepEqual(body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'Internal server error.' });
});
