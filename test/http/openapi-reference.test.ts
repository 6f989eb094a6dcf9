// The served reference (/openapi.json) as a reader of it needs it: every operation says what it
// does (summary and description), every response says what it means (never @fastify/swagger's
// placeholder "Default Response"), required headers are marked required, the SCIM list
// parameters are declared, and every JSON request body carries examples that its own schema
// accepts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

let t: TestRuntime;
let spec: any;
const operations: Array<{ method: string; path: string; op: any }> = [];

before(async () => {
  t = await startTestRuntime({ work: false });
  const res = await t.rt.app!.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(res.statusCode, 200);
  spec = JSON.parse(res.body);
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    for (const [method, op] of Object.entries<any>(item)) operations.push({ method: method.toUpperCase(), path, op });
  }
});
after(() => t?.close());

const where = (o: { method: string; path: string }) => `${o.method} ${o.path}`;

describe('/openapi.json', () => {
  test('lists the operations of every surface', () => {
    for (const prefix of ['/api/v1/', '/sfp/api/', '/tenants/', '/admin/', '/directory/resources/v1/', '/directory/resources/scim/v2.0/', '/console/api/']) {
      assert.ok(
        operations.some((o) => o.path.startsWith(prefix)),
        `no operation under ${prefix}`,
      );
    }
  });

  test('every operation has a summary and a description', () => {
    const missing = operations.filter((o) => !o.op.summary?.trim() || !o.op.description?.trim()).map(where);
    assert.deepEqual(missing, []);
  });

  test('every response is described (no "Default Response")', () => {
    const placeholder = operations.flatMap((o) =>
      Object.entries<any>(o.op.responses ?? {})
        .filter(([, r]) => !r.description?.trim() || r.description === 'Default Response')
        .map(([status]) => `${where(o)} ${status}`),
    );
    assert.deepEqual(placeholder, []);
  });

  test('every parameter is described', () => {
    const bare = operations.flatMap((o) => (o.op.parameters ?? []).filter((p: any) => !p.description?.trim()).map((p: any) => `${where(o)} ${p.in} ${p.name}`));
    assert.deepEqual(bare, []);
  });

  test('the SCIM list parameters are declared on /Users and /Groups', () => {
    const names = ['filter', 'startIndex', 'count', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder'];
    for (const resource of ['Users', 'Groups']) {
      const op = spec.paths[`/directory/resources/scim/v2.0/{configurationId}/${resource}`]?.get;
      assert.ok(op, `GET /${resource} is in the reference`);
      const declared = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
      for (const name of names) assert.ok(declared.includes(name), `GET /${resource} declares ${name}`);
    }
  });

  test('frontegg-tenant-id is a required header of SCIM configuration create', () => {
    const op = spec.paths['/directory/resources/v1/configurations/scim2']?.post;
    const header = (op?.parameters ?? []).find((p: any) => p.in === 'header' && p.name === 'frontegg-tenant-id');
    assert.ok(header, 'the header is declared');
    assert.equal(header.required, true);
  });

  test('every JSON request body has examples, and its schema accepts each', () => {
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const withBody = operations.filter((o) => o.op.requestBody?.content?.['application/json']?.schema);
    assert.ok(withBody.length >= 10, `only ${withBody.length} bodies`);
    const problems: string[] = [];
    for (const o of withBody) {
      const media = o.op.requestBody.content['application/json'];
      const schema = media.schema;
      // @fastify/swagger moves a schema's `examples` to the media type: one as `example`, several as `examples`.
      const examples: unknown[] = [
        ...(schema.examples ?? []),
        ...('example' in media ? [media.example] : []),
        ...Object.values<any>(media.examples ?? {}).map((e) => e.value),
      ];
      if (!examples.length) problems.push(`${where(o)}: no examples`);
      const validate = ajv.compile({ ...schema, components: spec.components });
      for (const [i, example] of examples.entries()) {
        if (!validate(example)) problems.push(`${where(o)}: example ${i} does not validate: ${ajv.errorsText(validate.errors)}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
