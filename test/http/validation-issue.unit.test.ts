// The 400's field and message built from a schema failure (src/http/validation-issue.ts), checked
// with the service's own body validator on real schemas: what each keyword says, which field it
// names (dotted paths, array positions left out, escapes undone), and that no value is echoed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type, type TSchema } from 'typebox';
import type { FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from '../../src/http/validation.ts';
import { validationIssue } from '../../src/http/validation-issue.ts';

function issueOf(schema: TSchema, value: unknown, httpPart = 'body') {
  const validate = validatorCompiler({ schema, httpPart, method: 'POST', url: '/x' }) as ((v: unknown) => boolean) & {
    errors?: FastifySchemaValidationError[];
  };
  assert.equal(validate(value), false, 'the value must fail the schema');
  return validationIssue(validate.errors ?? [], httpPart);
}

const Body = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 5 }),
    kind: Type.Optional(Type.Enum(['a', 'b'])),
    mode: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('off')])),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 2 }), { maxItems: 2 })),
    when: Type.Optional(Type.String({ format: 'date-time' })),
    nested: Type.Optional(Type.Object({ 'a/b~c': Type.Boolean() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

test('each keyword in the words of the field', () => {
  const cases: Array<[unknown, string, string]> = [
    [{}, 'name', 'name is required'],
    [{ name: 'x', extra: 1 }, 'extra', 'extra is not a recognised field'],
    [{ name: 3 }, 'name', 'name must be a string'],
    [{ name: '' }, 'name', 'name must not be empty'],
    [{ name: 'toolong' }, 'name', 'name must be at most 5 characters long'],
    [{ name: 'x', kind: 'c' }, 'kind', 'kind must be one of a, b'],
    [{ name: 'x', mode: 'auto' }, 'mode', 'mode must be one of on, off'],
    [{ name: 'x', count: 0 }, 'count', 'count must be >= 1'],
    [{ name: 'x', count: 11 }, 'count', 'count must be <= 10'],
    [{ name: 'x', count: 1.5 }, 'count', 'count must be an integer'],
    [{ name: 'x', tags: ['ab', 'cd', 'ef'] }, 'tags', 'tags must have at most 2 items'],
    [{ name: 'x', tags: ['ab', 'c'] }, 'tags', 'tags must be at least 2 characters long'],
    [{ name: 'x', when: 'yesterday' }, 'when', 'when must be a valid date-time'],
    [{ name: 'x', nested: { 'a/b~c': 'yes' } }, 'nested.a/b~c', 'nested.a/b~c must be a boolean'],
    [{ name: 'x', nested: { 'a/b~c': true, other: true } }, 'nested.other', 'nested.other is not a recognised field'],
    [['x'], 'body', 'body must be an object'],
    [null, 'body', 'body must be an object'],
  ];
  for (const [value, field, message] of cases) assert.deepEqual(issueOf(Body, value), { field, message }, JSON.stringify(value));
});

test('never the submitted value; a field named by the client is clipped', () => {
  const secret = 'sk-live-0123456789abcdef';
  for (const value of [{ name: secret }, { name: 'x', kind: secret }, { name: 'x', count: secret }, { name: 'x', tags: [secret, secret, secret] }]) {
    const issue = issueOf(Body, value);
    assert.ok(!JSON.stringify(issue).includes(secret), JSON.stringify(issue));
  }
  const long = 'k'.repeat(5000);
  const issue = issueOf(Body, { name: 'x', [long]: 1 });
  assert.equal(issue.field.length, 100);
});

test('other request parts name their parameter', () => {
  const Query = Type.Object({ limit: Type.Integer({ minimum: 1 }) });
  assert.deepEqual(issueOf(Query, { limit: '0' }, 'querystring'), { field: 'limit', message: 'limit must be >= 1' });
  assert.deepEqual(issueOf(Query, {}, 'querystring'), { field: 'limit', message: 'limit is required' });
  assert.deepEqual(validationIssue([], 'params'), { field: 'params', message: 'the params is not valid' });
});
