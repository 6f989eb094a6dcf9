// The committed client types are what the served reference gives: a route, schema or description
// changed without `npm run client:generate` fails here, naming the first line that differs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { SCHEMA_FILE, typesOf } from '../../scripts/client-types.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

let t: TestRuntime;
let served: Record<string, any>;
before(async () => {
  t = await startTestRuntime({ work: false });
  served = JSON.parse((await t.rt.app!.inject({ method: 'GET', url: '/openapi.json' })).body);
});
after(() => t?.close());

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  return i < 0 ? `lengths ${x.length} vs ${y.length}` : `line ${i + 1}:\n  committed: ${x[i]}\n  served:    ${y[i]}`;
}

test('packages/client/src/schema.d.ts is generated from the document the running service serves', async () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  const fresh = await typesOf(served);
  assert.ok(committed === fresh, `the client types drifted from /openapi.json; run npm run client:generate (${firstDifference(committed, fresh)})`);
});

test('the check can fail: a changed operation changes the types', async () => {
  const changed = structuredClone(served);
  const path = Object.keys(changed.paths)[0];
  const [method] = Object.keys(changed.paths[path]);
  changed.paths[path][method].summary = 'a summary nobody wrote';
  assert.notEqual(await typesOf(changed), readFileSync(SCHEMA_FILE, 'utf8'));
});
