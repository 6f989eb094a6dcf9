// Generated from the four contracts: every path, query and header parameter of every operation is
// sent once outside its enum and once with a value of the wrong type, everything else valid. Each
// must be the 400 of the surface's error envelope naming that parameter — never a 200 that
// ignored it, a 404 from a lookup by a malformed value, or a 500. And every value of every enum
// is accepted (no 400), so a fix cannot tighten a parameter beyond its contract.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { type ContractDocument, loadContractDocuments, parameterCases, requestOf } from '../helpers/contract-parameters.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

const docs = loadContractDocuments();
const cases = parameterCases(docs);

/**
 * The error body the contract defines: the operation's documented 400 schema, else the contract's
 * own ErrorResponse, else the one envelope docs/contracts.md gives every contract that documents
 * an error status without a schema.
 */
const ENVELOPE = {
  type: 'object',
  required: ['error', 'message', 'request_id'],
  properties: { error: { type: 'string', minLength: 1 }, message: { type: 'string', minLength: 1 }, request_id: { type: 'string', minLength: 1 } },
};
const ajv = new Ajv.default({ strict: false, allErrors: true });
function errorSchemaOf(d: ContractDocument, op: (typeof cases)[number]['op']) {
  return op.operation.responses?.['400']?.content?.['application/json']?.schema ?? d.doc.components?.schemas?.ErrorResponse ?? ENVELOPE;
}

let t: TestRuntime;
let ownerToken: string;

before(async () => {
  t = await startTestRuntime({ work: false });
  const ws = await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Params');
  ownerToken = ws.ownerToken;
});
after(() => t?.close());

async function send(d: ContractDocument, op: (typeof cases)[number]['op'], override?: Parameters<typeof requestOf>[2]) {
  const req = requestOf(d.doc, op, override);
  // Valid authentication: a workspace owner, or the vendor where the contract says "vendor only".
  const token = op.vendorOnly ? t.vendorToken : ownerToken;
  const res = await t.rt.app!.inject({
    method: req.method as never,
    url: req.url,
    headers: { ...req.headers, authorization: `Bearer ${token}` },
    payload: req.payload,
  });
  let body: any;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = undefined;
  }
  return { req, status: res.statusCode, body, text: res.body };
}

describe('the generated cases', () => {
  test('cover all four contracts', () => {
    assert.equal(docs.length, 4);
    for (const d of docs) {
      assert.ok(
        cases.some((c) => c.op.file === d.file),
        `${d.file}: no parameter case generated`,
      );
    }
    // The clause that opened this: an unknown provider filter is refused, not answered with [].
    assert.ok(cases.some((c) => c.op.path === '/sfp/api/integrations' && c.param.name === 'provider' && c.kind === 'outside enum'));
  });
});

for (const d of docs) {
  describe(d.file, () => {
    for (const c of cases.filter((x) => x.op.file === d.file)) {
      const shown = Array.isArray(c.value) ? c.value.map((v) => `${c.param.name}=${v}`).join('&') : JSON.stringify(c.value);
      test(`${c.op.method} ${c.op.mount}${c.op.path}: ${c.param.in} ${c.param.name} ${c.kind} (${shown}) → 400`, async () => {
        const r = await send(d, c.op, { param: c.param, value: c.value });
        assert.equal(r.status, 400, `${r.req.method} ${r.req.url}: ${r.status} ${r.text.slice(0, 300)}`);
        const body = r.body;
        const validate = ajv.compile(errorSchemaOf(d, c.op));
        assert.ok(validate(r.body), `error body does not match ${d.file}: ${ajv.errorsText(validate.errors)}\n${r.text.slice(0, 300)}`);
        assert.equal(body.field, c.param.in === 'header' ? c.param.name.toLowerCase() : c.param.name, `the 400 names the parameter: ${r.text}`);
      });
    }

    for (const op of d.operations) {
      for (const param of op.parameters.filter((p) => Array.isArray(p.schema.enum))) {
        test(`${op.method} ${op.mount}${op.path}: every value of ${param.in} ${param.name}'s enum is accepted`, async () => {
          for (const value of param.schema.enum as unknown[]) {
            const r = await send(d, op, { param, value: String(value) });
            assert.ok(r.status < 500 && !(r.status === 400 && r.body?.field === param.name), `${param.name}=${value}: ${r.status} ${r.text.slice(0, 300)}`);
          }
        });
      }
    }
  });
}
