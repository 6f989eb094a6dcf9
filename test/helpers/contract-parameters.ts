// Reads the four contract YAMLs and derives, for every operation, the requests that break one of
// its path, query or header parameters: a value outside the parameter's enum, and a value of the
// wrong type (not a number for an integer, not a boolean for a boolean, not a UUID for a uuid
// format, and — for a query string — the name repeated, which arrives as a list where one string
// is declared). Everything else in the request is valid: the other required parameters, and a
// body built from the operation's request schema. A path or header string has no wrong type
// (both always arrive as one string), so it yields no case.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONTRACTS_DIR } from './contract.ts';

type Json = any;

export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Json;
}

export interface ContractOperation {
  file: string;
  method: string;
  /** The path as the contract writes it. */
  path: string;
  /** Where the surface serves the contract (its `servers` entry's path): '', '/admin', '/directory'. */
  mount: string;
  operation: Json;
  parameters: ContractParameter[];
  /** A body that satisfies the contract's request schema, when the operation takes one. */
  body: unknown;
  /** The operation's text says it is for the vendor principal only. */
  vendorOnly: boolean;
}

export interface ParameterCase {
  op: ContractOperation;
  param: ContractParameter;
  kind: 'outside enum' | 'wrong type';
  /** What is sent: one value, or several (a repeated query name). */
  value: string | string[];
}

export interface ContractDocument {
  file: string;
  doc: Json;
  operations: ContractOperation[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** `#/components/...` inside the same document. */
function resolve(doc: Json, node: Json): Json {
  let n = node;
  for (let i = 0; n && typeof n === 'object' && typeof n.$ref === 'string' && i < 20; i++) {
    n = n.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o: Json, k: string) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return n;
}

function mountOf(doc: Json): string {
  const url = doc.servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  return new URL(url, 'http://relative.invalid').pathname.replace(/\/+$/, '');
}

/** A valid value of a schema, as the contract types it. */
function sampleOf(doc: Json, schema: Json): unknown {
  const s = resolve(doc, schema) ?? {};
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.allOf) return sampleOf(doc, s.allOf[0]);
  if (s.oneOf || s.anyOf) return sampleOf(doc, (s.oneOf ?? s.anyOf)[0]);
  switch (s.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleOf(doc, s.items ?? {})];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = sampleOf(doc, s.properties?.[name] ?? {});
      return out;
    }
    default:
      if (s.format === 'uuid') return randomUUID();
      return 'sample';
  }
}

function parametersOf(doc: Json, pathItem: Json, op: Json): ContractParameter[] {
  const all = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(doc, p));
  const byKey = new Map<string, ContractParameter>();
  for (const p of all) {
    if (!['path', 'query', 'header'].includes(p.in)) continue;
    // An operation's parameter overrides the path item's of the same name and place.
    byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true, schema: resolve(doc, p.schema ?? {}) });
  }
  return [...byKey.values()];
}

export function loadContractDocuments(): ContractDocument[] {
  return readdirSync(CONTRACTS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const doc = parse(readFileSync(join(CONTRACTS_DIR, file), 'utf8'));
      const mount = mountOf(doc);
      const operations: ContractOperation[] = [];
      for (const [path, pathItem] of Object.entries<Json>(doc.paths ?? {})) {
        for (const method of METHODS) {
          const operation = pathItem[method];
          if (!operation) continue;
          const bodySchema = resolve(doc, operation.requestBody)?.content?.['application/json']?.schema;
          const text = JSON.stringify([operation.summary, operation.description, Object.values(operation.responses ?? {})]);
          operations.push({
            file,
            method: method.toUpperCase(),
            path,
            mount,
            operation,
            parameters: parametersOf(doc, pathItem, operation),
            body: bodySchema ? sampleOf(doc, bodySchema) : undefined,
            vendorOnly: /vendor only/i.test(text),
          });
        }
      }
      return { file, doc, operations };
    });
}

/** Values that are not of the parameter's declared type (empty when a path or header string cannot be one). */
function wrongTypes(param: ContractParameter): (string | string[])[] {
  const s = param.schema;
  switch (s.type) {
    case 'integer':
      return ['not-a-number', '1.5'];
    case 'number':
      return ['not-a-number'];
    case 'boolean':
      return ['yes'];
    default: {
      const out: (string | string[])[] = [];
      if (s.format === 'uuid') out.push('not-a-uuid');
      if (param.in === 'query') out.push(['sample', 'sample-again']);
      return out;
    }
  }
}

/** Values outside the parameter's enum: an unknown name, and a known one in another case. */
function outsideEnum(param: ContractParameter): string[] {
  const values: unknown[] = param.schema.enum ?? [];
  if (!values.length) return [];
  const out = ['zz-not-in-the-enum'];
  const upper = String(values[0]).toUpperCase();
  if (!values.includes(upper)) out.push(upper);
  return out;
}

export function parameterCases(docs: ContractDocument[]): ParameterCase[] {
  const cases: ParameterCase[] = [];
  for (const { operations } of docs) {
    for (const op of operations) {
      for (const param of op.parameters) {
        for (const value of outsideEnum(param)) cases.push({ op, param, kind: 'outside enum', value });
        for (const value of wrongTypes(param)) cases.push({ op, param, kind: 'wrong type', value });
      }
    }
  }
  return cases;
}

/** The request of an operation: its required parameters valid, `override` replacing one. */
export function requestOf(
  doc: Json,
  op: ContractOperation,
  override?: { param: ContractParameter; value: string | string[] },
): { method: string; url: string; headers: Record<string, string>; payload?: string } {
  const sent = (p: ContractParameter): string | string[] | undefined => {
    if (override && override.param === p) return override.value;
    return p.required ? String(sampleOf(doc, p.schema)) : undefined;
  };
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    const v = sent(p);
    if (v === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(v)));
    else if (p.in === 'query') for (const one of [v].flat()) query.append(p.name, one);
    else headers[p.name.toLowerCase()] = [v].flat().join(', ');
  }
  const qs = query.toString();
  const payload = op.body === undefined ? undefined : JSON.stringify(op.body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return { method: op.method, url: `${op.mount}${path}${qs ? `?${qs}` : ''}`, headers, payload };
}
