// Validates responses against the contract YAMLs in ../shared/contracts (the specification).
// OpenAPI 3.0 `nullable` is turned into JSON Schema's null type; `$ref`s resolve inside the document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const CONTRACTS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'contracts');

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'nullable' || k === 'example' || k === 'writeOnly' || k === 'readOnly') continue;
    out[k] = convert(v);
  }
  const n = node as Record<string, unknown>;
  if (n.nullable === true) {
    if (typeof n.type === 'string') out.type = [n.type, 'null'];
    else if (n.$ref || n.allOf || n.oneOf || n.anyOf) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

export interface ContractValidator {
  /** Throws (with the contract's complaint) unless body validates against the documented response. */
  assertResponse(method: string, pathTemplate: string, status: number, body: unknown): void;
  /** The documented statuses of an operation. */
  statuses(method: string, pathTemplate: string): string[];
}

export function loadContract(file: string): ContractValidator {
  const doc = parse(readFileSync(join(CONTRACTS_DIR, file), 'utf8')) as any;
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const f of ['int64', 'int32', 'password', 'float', 'double', 'byte', 'binary']) ajv.addFormat(f, true);
  ajv.addSchema({ components: convert(doc.components ?? {}) } as object, 'contract');
  const rewrite = (s: unknown): unknown => JSON.parse(JSON.stringify(convert(s)).replace(/"#\/components\//g, '"contract#/components/'));
  return {
    statuses(method, pathTemplate) {
      const op = doc.paths?.[pathTemplate]?.[method.toLowerCase()];
      if (!op) throw new Error(`contract ${file} has no ${method} ${pathTemplate}`);
      return Object.keys(op.responses ?? {});
    },
    assertResponse(method, pathTemplate, status, body) {
      const op = doc.paths?.[pathTemplate]?.[method.toLowerCase()];
      if (!op) throw new Error(`contract ${file} has no ${method} ${pathTemplate}`);
      const resp = op.responses?.[String(status)];
      if (!resp) throw new Error(`contract ${file} documents no ${status} for ${method} ${pathTemplate} (documented: ${Object.keys(op.responses).join(', ')})`);
      const schema = resp.content?.['application/json']?.schema;
      if (!schema) return; // the contract documents no body for this status
      const validate = ajv.compile(rewrite(schema) as object);
      if (!validate(body)) {
        throw new Error(
          `${method} ${pathTemplate} ${status} does not match ${file}: ${ajv.errorsText(validate.errors)}\nbody: ${JSON.stringify(body).slice(0, 500)}`,
        );
      }
    },
  };
}
