// /Bulk (RFC 7644 §3.7): POST, PUT, PATCH and DELETE operations on /Users and /Groups, each run
// through the same service functions as the single requests, in its own transaction (bulk is not
// atomic). `bulkId:<id>` references in paths and data are replaced by the ids of resources
// created earlier in the request; an operation that refers to a bulkId created later waits for
// it. failOnErrors stops processing after that many errors.
import { ScimError, invalidSyntax, invalidValue, toScimErrorBody, type ScimErrorBody } from '../protocol/index.ts';
import { findKey, isPlainObject } from '../protocol/lenient.ts';
import type { ScimContext } from './context.ts';
import { createGroup, deleteGroup, patchGroup, replaceGroup } from './groups.ts';
import { parseIfMatch } from './preconditions.ts';
import { createUser, deleteUser, patchUser, replaceUser, type Loaded } from './users.ts';

const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

interface BulkOperationResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: ScimErrorBody;
}

export interface BulkResponse {
  schemas: [typeof BULK_RESPONSE_SCHEMA];
  Operations: BulkOperationResult[];
}

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Operation {
  index: number;
  method: Method;
  bulkId?: string;
  path: string;
  data: unknown;
  version?: string;
  /** bulkIds this operation refers to. */
  refs: Set<string>;
}

const BULK_REF = /^bulkId:(.+)$/;
/** In a path the reference is the id segment: /Users/bulkId:qwerty */
const PATH_REF = /\/bulkId:([^/]+)\/?$/;

function field(obj: Record<string, unknown>, name: string): unknown {
  const k = findKey(obj, name);
  return k === undefined ? undefined : obj[k];
}

function collectRefs(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 32) return;
  if (typeof value === 'string') {
    const m = BULK_REF.exec(value);
    if (m) into.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into, depth + 1);
  } else if (isPlainObject(value)) {
    for (const v of Object.values(value)) collectRefs(v, into, depth + 1);
  }
}

function substitute(value: unknown, ids: Map<string, string>, depth = 0): unknown {
  if (depth > 32) return value;
  if (typeof value === 'string') {
    const m = BULK_REF.exec(value);
    return m && ids.has(m[1]) ? ids.get(m[1]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, ids, depth + 1);
    return out;
  }
  return value;
}

function parseOperation(raw: unknown, index: number): Operation {
  if (!isPlainObject(raw)) throw invalidSyntax(`Operation ${index + 1} must be an object.`);
  const method = String(field(raw, 'method') ?? '').toUpperCase();
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw invalidSyntax(`Operation ${index + 1}: method must be POST, PUT, PATCH or DELETE.`);
  const path = field(raw, 'path');
  if (typeof path !== 'string' || path.length === 0 || path.length > 500) throw invalidSyntax(`Operation ${index + 1} needs a "path".`);
  const bulkId = field(raw, 'bulkId');
  if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId.length === 0 || bulkId.length > 200)) {
    throw invalidSyntax(`Operation ${index + 1}: bulkId must be a non-empty string.`);
  }
  if (method === 'POST' && bulkId === undefined) throw invalidSyntax(`Operation ${index + 1}: a POST needs a bulkId.`);
  const version = field(raw, 'version');
  const data = field(raw, 'data');
  const refs = new Set<string>();
  const pathRef = PATH_REF.exec(path);
  if (pathRef) refs.add(pathRef[1]);
  collectRefs(data, refs);
  return {
    index,
    method: method as Method,
    bulkId: bulkId as string | undefined,
    path,
    data,
    version: typeof version === 'string' ? version : undefined,
    refs,
  };
}

interface Target {
  type: 'User' | 'Group';
  id?: string;
}

function parsePath(path: string): Target {
  const m = /^\/?(Users|Groups)(?:\/([^/?#]+))?\/?$/i.exec(path.trim());
  if (!m) throw invalidValue('The path must be /Users, /Groups, /Users/{id} or /Groups/{id}.');
  return { type: m[1].toLowerCase() === 'users' ? 'User' : 'Group', id: m[2] ? decodeURIComponent(m[2]) : undefined };
}

/**
 * The resource a PUT, PATCH or DELETE named, as a URL: RFC 7644 §3.7.3 asks for `location` on
 * every operation but a failed POST (which created nothing). None when the path names no resource.
 */
function locationOf(ctx: ScimContext, op: Operation, ids: Map<string, string>): string | undefined {
  try {
    const target = parsePath(op.path.replace(PATH_REF, (whole, ref: string) => (ids.has(ref) ? `/${ids.get(ref)}` : whole)));
    return target.id ? `${ctx.baseUrl}/${target.type}s/${encodeURIComponent(target.id)}` : undefined;
  } catch {
    return undefined;
  }
}

async function execute(ctx: ScimContext, op: Operation, ids: Map<string, string>): Promise<{ status: number; loaded?: Loaded }> {
  const target = parsePath(op.path.replace(PATH_REF, (whole, ref: string) => (ids.has(ref) ? `/${ids.get(ref)}` : whole)));
  const data = substitute(op.data, ids);
  const ifMatch = parseIfMatch(op.version);
  const users = target.type === 'User';
  const noLoad = { groups: false, members: false };
  if (op.method === 'POST') {
    if (target.id) throw invalidValue('POST goes to /Users or /Groups, without an id.');
    return { status: 201, loaded: users ? await createUser(ctx, data, noLoad) : await createGroup(ctx, data, noLoad) };
  }
  if (!target.id) throw invalidValue(`${op.method} needs a resource id in the path.`);
  switch (op.method) {
    case 'PUT':
      return {
        status: 200,
        loaded: users ? await replaceUser(ctx, target.id, data, ifMatch, noLoad) : await replaceGroup(ctx, target.id, data, ifMatch, noLoad),
      };
    case 'PATCH':
      return { status: 200, loaded: users ? await patchUser(ctx, target.id, data, ifMatch, noLoad) : await patchGroup(ctx, target.id, data, ifMatch, noLoad) };
    default:
      if (users) await deleteUser(ctx, target.id, ifMatch);
      else await deleteGroup(ctx, target.id, ifMatch);
      return { status: 204 };
  }
}

export async function runBulk(ctx: ScimContext, body: unknown, onUnexpected: (err: unknown) => void): Promise<BulkResponse> {
  if (!isPlainObject(body)) throw invalidSyntax('The body must be a BulkRequest object.');
  const rawOps = field(body, 'Operations');
  if (!Array.isArray(rawOps)) throw invalidSyntax('A BulkRequest needs an "Operations" array.');
  if (rawOps.length > ctx.settings.maxBulkOperations) {
    throw new ScimError(413, undefined, `A bulk request may carry at most ${ctx.settings.maxBulkOperations} operations.`);
  }
  const failOnErrorsRaw = field(body, 'failOnErrors');
  const failOnErrors = typeof failOnErrorsRaw === 'number' && Number.isInteger(failOnErrorsRaw) && failOnErrorsRaw > 0 ? failOnErrorsRaw : Infinity;

  const ops = rawOps.map(parseOperation);
  const declared = new Map<string, Operation>();
  for (const op of ops) {
    if (!op.bulkId) continue;
    if (declared.has(op.bulkId)) throw invalidSyntax(`bulkId "${op.bulkId.slice(0, 64)}" is used twice.`);
    declared.set(op.bulkId, op);
  }

  const results = new Map<number, BulkOperationResult>();
  const ids = new Map<string, string>();
  const failedBulkIds = new Set<string>();
  let errors = 0;
  const record = (op: Operation, r: Omit<BulkOperationResult, 'method' | 'bulkId'>) =>
    results.set(op.index, { method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}), ...r });
  const fail = (op: Operation, err: unknown) => {
    errors++;
    if (!(err instanceof ScimError)) onUnexpected(err);
    const response = toScimErrorBody(err);
    const location = op.method === 'POST' ? undefined : locationOf(ctx, op, ids);
    record(op, { status: response.status, ...(location ? { location } : {}), response });
    if (op.bulkId) failedBulkIds.add(op.bulkId);
  };

  let pending = ops;
  while (pending.length > 0 && errors < failOnErrors) {
    const waiting: Operation[] = [];
    let progressed = false;
    for (const op of pending) {
      if (errors >= failOnErrors) break;
      const refs = [...op.refs];
      if (refs.some((r) => !ids.has(r) && !failedBulkIds.has(r) && declared.has(r) && !results.has(declared.get(r)!.index))) {
        waiting.push(op); // refers to a resource a later operation creates
        continue;
      }
      progressed = true;
      const unresolved = refs.find((r) => !ids.has(r));
      if (unresolved !== undefined) {
        fail(op, new ScimError(409, 'invalidValue', `bulkId "${unresolved.slice(0, 64)}" does not name a resource created in this request.`));
        continue;
      }
      try {
        const { status, loaded } = await execute(ctx, op, ids);
        if (op.method === 'POST' && op.bulkId && loaded) ids.set(op.bulkId, loaded.id);
        const meta = loaded?.resource.meta as { location?: string; version?: string } | undefined;
        record(op, { status: String(status), ...(meta?.location ? { location: meta.location } : {}), ...(meta?.version ? { version: meta.version } : {}) });
      } catch (err) {
        fail(op, err);
      }
    }
    if (!progressed) {
      // What is left refers in a circle (a to b, b to a): nothing can go first.
      for (const op of waiting) {
        if (errors >= failOnErrors) break;
        fail(op, new ScimError(409, 'invalidValue', 'Circular bulkId references cannot be resolved.'));
      }
      break;
    }
    pending = waiting;
  }
  return {
    schemas: [BULK_RESPONSE_SCHEMA],
    Operations: [...results.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r),
  };
}
