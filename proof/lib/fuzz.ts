// Property-based fuzzing of every route the running service documents in /openapi.json (so a new
// route is fuzzed without touching this file). For each route, fast-check draws a principal (owner,
// viewer, application token, SCIM token of workspace A or B, the vendor, a garbage token, nobody),
// path parameters (own ids, the other workspace's ids, random and hostile strings), query strings
// and headers from the route's schema, and a body: schema-shaped, a mutation of a known-good
// example, random JSON, or something hostile (deep nesting, huge strings, prototype keys). Every
// answer must hold:
//   - never a 5xx;
//   - never a secret: no canary of any workspace and no bearer credential in the body or headers,
//     except a workspace's own integration secrets from its audited credentials read;
//   - no cross-workspace access: a principal of workspace A never gets a 2xx for a request that
//     names one of B's resources, and never sees one of B's ids it did not send.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { BULK_REQUEST, GROUP_SCHEMA, PATCH_OP, type Principal, SEARCH_REQUEST, USER_SCHEMA, type World, type WorkspaceWorld } from './fuzz-world.ts';

type Schema = Record<string, any>;

export interface RouteSpec {
  method: string;
  /** OpenAPI template, e.g. /tenants/{tenantId}/provider-connections/{connectionId} */
  path: string;
  params: Array<{ name: string; in: 'path' | 'query' | 'header'; schema: Schema; required: boolean }>;
  body?: Schema;
}

interface FuzzCase {
  principal: Principal;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** Path and header parameter values, for the cross-workspace check. */
  named: Array<{ name: string; value: string }>;
}

interface Violation {
  route: string;
  kind: '5xx' | 'secret' | 'cross_workspace';
  detail: string;
  request: { principal: string; method: string; url: string; headers: Record<string, string>; payload?: string };
  status: number;
  response: string;
}

export interface FuzzStats {
  routes: number;
  requests: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, Record<string, number>>;
  violations: Violation[];
  ms: number;
}

function routesFromOpenApi(doc: any): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // Server-sent events stream until the run ends: they are fuzzed for their status line only.
      const params = (op.parameters ?? []).map((p: any) => ({ name: p.name, in: p.in, schema: p.schema ?? {}, required: Boolean(p.required) }));
      for (const m of path.matchAll(/\{([^}]+)\}/g))
        if (!params.some((p: any) => p.in === 'path' && p.name === m[1])) params.push({ name: m[1], in: 'path', schema: { type: 'string' }, required: true });
      out.push({ method: method.toUpperCase(), path, params, body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  // Destructive routes last, so the rest are fuzzed while every fixture still exists: deletes of
  // single records, then what revokes the fuzzer's own credentials (SCIM token rotation, SCIM
  // configuration and token deletion).
  const rank = (r: RouteSpec) =>
    /rotate|\/configurations\/scim2\/\{id\}$|\/tokens\//.test(r.path) && r.method !== 'GET'
      ? 3
      : r.method === 'DELETE'
        ? 2
        : /connection-type|dedicated-credential/.test(r.path)
          ? 1
          : 0;
  return out.sort((a, b) => rank(a) - rank(b));
}

// ---------------------------------------------------------------- values

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '%',
  "' OR '1'='1",
  '"; DROP TABLE audit_events; --',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '\uD800',
  '😀'.repeat(50),
  'ǅ'.repeat(100),
  'a'.repeat(5000),
  '9'.repeat(400),
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

const deepArray = fc.integer({ min: 100, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const deepObject = fc.integer({ min: 100, max: 10_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n));
const protoBody = fc.constantFrom(
  '{"__proto__":{"isAdmin":true,"capabilities":["workspaces.manage"]}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"provider":"ai_openai","authType":"api_key","credentials":{"__proto__":{"api_key":"x"}},"isGlobal":true}',
);
const hostileBody = fc.oneof(
  deepArray,
  deepObject,
  protoBody,
  fc.constantFrom('', 'null', '"string"', '0', '[', '{"a":', '{"a":1}garbage', '\u0000', '{"a":"\\ud800"}', '{"a":1,"a":2}', '\ufeff{}'),
  fc.integer({ min: 10_000, max: 1_500_000 }).map((n) => JSON.stringify({ name: 'x'.repeat(n) })),
);

function loopbackUrl(): fc.Arbitrary<string> {
  // Only loopback IP literals: a fuzzed URL must never make the service resolve or reach anything off this machine.
  return fc
    .tuple(fc.constantFrom('http', 'https'), fc.constantFrom('127.0.0.1', '[::1]'), fc.integer({ min: 1, max: 65535 }), fc.string({ maxLength: 10 }))
    .map(([s, h, p, path]) => `${s}://${h}:${p}/${encodeURIComponent(path)}`);
}

/** A value shaped by a JSON schema (TypeBox output): mostly valid, sometimes not. */
function schemaArb(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: Schema) => schemaArb(s, depth + 1)));
  if (schema.allOf) return schemaArb(Object.assign({}, ...schema.allOf), depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : null;
  if (!type) return fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileString);
  return fc.oneof(...type.map((t: string) => typedArb(t, schema, depth)));
}

function typedArb(type: string, s: Schema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.oneof(
        fc.integer({ min: Math.max(s.minimum ?? -1e6, -Number.MAX_SAFE_INTEGER), max: Math.min(s.maximum ?? 1e6, Number.MAX_SAFE_INTEGER) }),
        fc.constantFrom(0, -1, 2 ** 31, 2 ** 53),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true }), fc.integer());
    case 'string': {
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time') return fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'uri' || /url|uri|host/i.test(s.description ?? '')) return loopbackUrl();
      const max = Math.min(s.maxLength ?? 64, 64);
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: Math.min(s.minLength ?? 0, max), maxLength: max }) },
        { weight: 1, arbitrary: hostileString },
      );
    }
    case 'array':
      return fc.array(schemaArb(s.items, depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required ?? []) as string[];
      const keys = Object.keys(props);
      if (!keys.length) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      return fc.record(Object.fromEntries(keys.map((k) => [k, schemaArb(props[k], depth + 1)])), { requiredKeys: required.filter((k) => keys.includes(k)) });
    }
  }
  return fc.jsonValue({ maxDepth: 2 });
}

/** Replaces, drops or adds one field of a known-good body. */
function mutate(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(example);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(example) },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constant(undefined))).map(([k, v]) => {
        const copy: Record<string, unknown> = structuredClone(example);
        if (v === undefined) delete copy[k];
        else copy[k] = v;
        return copy;
      }),
    },
    { weight: 1, arbitrary: fc.tuple(hostileString, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ ...example, [k]: v })) },
  );
}

const SCIM_FILTERS = (other: WorkspaceWorld) => [
  'userName eq "x" or 1 eq 1',
  `userName eq "' OR '1'='1"`,
  'userName eq "x") OR true --"',
  'userName eq "x"; DELETE FROM scim_users; --"',
  'userName co "%"',
  'userName sw "_"',
  'userName co "\\\\"',
  'userName pr',
  'userName pr or not (userName pr)',
  'emails[value co "@"] or userName pr',
  'emails[type eq "work" and value co "@"]',
  'meta.lastModified gt "2000-01-01T00:00:00Z"',
  'workspace_id pr',
  'configuration_id eq "x"',
  'members[value eq "x"]',
  'displayName eq "Group B"',
  `id eq "${other.scimUserIds[0]}"`,
  `userName eq "user@${other.tenantSlug}"`,
  `members.value eq "${other.scimUserIds[0]}"`,
  'name.givenName eq "\u0000"',
  'userName eq "a" and (userName eq "b" or (userName eq "c" or (userName eq "d")))',
  '('.repeat(300) + 'userName pr' + ')'.repeat(300),
  'not('.repeat(200) + 'userName pr' + ')'.repeat(200),
  Array.from({ length: 300 }, (_, i) => `userName eq "u${i}"`).join(' or '),
  'userName eq',
  'eq "x"',
  'userName[',
  'userName eq "unterminated',
  'userName gt 99999999999999999999999999999',
  'active eq true',
  'active eq "true"',
  'userName eq null',
];

// ---------------------------------------------------------------- requests

function examplesFor(route: RouteSpec, own: WorkspaceWorld): Record<string, unknown>[] {
  const p = route.path;
  const m = route.method;
  if (p === '/sfp/api/integrations' && m === 'POST')
    return [
      { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: 'sk-fuzz-0123456789abcdef' }, isGlobal: true },
      { provider: 'github', authType: 'pat', credentials: { token: 'ghp_fuzz0123456789' }, projects: [own.projectIdentifier] },
      {
        provider: 'jira',
        authType: 'basic',
        credentials: { username: 'u@x.test', api_token: 'jira-fuzz' },
        config: { base_url: 'http://127.0.0.1:9/' },
        isGlobal: true,
      },
      { provider: 'splunk', authType: 'api_key', credentials: { api_key: 'splunk-fuzz' }, config: { host: '127.0.0.1' }, isGlobal: true },
    ];
  if (p === '/sfp/api/integrations/{id}' && m === 'PATCH')
    return [{ isDefault: true }, { credentials: { api_key: 'sk-fuzz-rotated-0123' } }, { projects: [own.projectIdentifier], isGlobal: false }];
  if (p === '/sfp/api/projects' && m === 'POST') return [{ identifier: 'fuzz/repo', platform: 'github' }];
  if (/\/Users(\/\{id\})?$/.test(p) && (m === 'POST' || m === 'PUT'))
    return [
      {
        schemas: [USER_SCHEMA],
        userName: 'fuzz@x.test',
        active: true,
        name: { givenName: 'F', familyName: 'Z' },
        emails: [{ value: 'fuzz@x.test', primary: true }],
      },
    ];
  if (/\/Groups(\/\{id\})?$/.test(p) && (m === 'POST' || m === 'PUT'))
    return [{ schemas: [GROUP_SCHEMA], displayName: 'Fuzzers', members: [{ value: own.scimUserIds[0] }] }];
  if (/\/Users\/\{id\}$/.test(p) && m === 'PATCH')
    return [
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'add', value: { displayName: 'x' } }] },
    ];
  if (/\/Groups\/\{id\}$/.test(p) && m === 'PATCH')
    return [
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: own.scimUserIds[0] }] }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${own.scimUserIds[0]}"]` }] },
    ];
  if (/\/\.search$/.test(p)) return [{ schemas: [SEARCH_REQUEST], filter: 'userName pr', startIndex: 1, count: 5 }];
  if (/\/Bulk$/.test(p))
    return [
      {
        schemas: [BULK_REQUEST],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'b1', data: { schemas: [USER_SCHEMA], userName: 'bulk@x.test' } },
          { method: 'DELETE', path: `/Users/${own.scimUserIds[0]}` },
        ],
      },
    ];
  return [];
}

/** Candidate values for a path or header parameter: own ids, the other workspace's, random, hostile. */
function paramValues(name: string, route: RouteSpec, world: World): fc.Arbitrary<string> {
  const both = [world.A, world.B];
  let ids: Array<string | number> = [];
  switch (name) {
    case 'workspaceId':
      ids = both.map((w) => w.workspaceId);
      break;
    case 'tokenId':
      // Never an owner token (the fuzzer would revoke its own principal); application tokens are fair game.
      ids = both.map((w) => w.tokenIds[1]);
      break;
    case 'tenantId':
    case 'tenant':
    case 'frontegg-tenant-id':
      ids = both.flatMap((w) => [w.tenantId, w.tenantSlug]);
      break;
    case 'connectionId':
      ids = both.map((w) => w.connectionUuid);
      break;
    case 'connection':
    case 'x-confirm':
      ids = [...both.map((w) => w.connectionNumber), 'dedicated'];
      break;
    case 'configurationId':
      ids = both.map((w) => w.scimConfigId);
      break;
    case '*':
      ids = both.map((w) => w.projectIdentifier);
      break;
    case 'name':
      ids = ['User', 'Group', 'EnterpriseUser'];
      break;
    case 'id':
      if (route.path.startsWith('/api/v1/operation-runs')) ids = both.flatMap((w) => w.runIds);
      else if (route.path.startsWith('/sfp/api/integrations')) ids = both.flatMap((w) => w.integrationIds);
      else if (route.path.includes('/configurations/scim2')) ids = both.map((w) => w.scimConfigId);
      else if (route.path.includes('/Users/')) ids = both.flatMap((w) => w.scimUserIds);
      else if (route.path.includes('/Groups/')) ids = both.flatMap((w) => w.scimGroupIds);
      else if (route.path.includes('/Schemas/')) ids = [USER_SCHEMA, GROUP_SCHEMA, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'];
      break;
  }
  return fc.oneof(
    { weight: 6, arbitrary: ids.length ? fc.constantFrom(...ids.map(String)) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String) },
    { weight: 1, arbitrary: hostileString },
  );
}

function queryArb(route: RouteSpec, world: World, other: (p: Principal) => WorkspaceWorld): (p: Principal) => fc.Arbitrary<string> {
  const qs = route.params.filter((p) => p.in === 'query');
  const isScimList = /\/(Users|Groups)$/.test(route.path) && route.method === 'GET';
  return (principal) => {
    const entries: fc.Arbitrary<[string, string] | null>[] = qs.map((q) =>
      fc.option(
        fc
          .oneof(
            schemaArb(q.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
            hostileString,
          )
          .map((v) => [q.name, v] as [string, string]),
        { freq: 2 },
      ),
    );
    if (isScimList) {
      entries.push(
        fc.option(
          fc.oneof(fc.constantFrom(...SCIM_FILTERS(other(principal))), hostileString).map((f) => ['filter', f] as [string, string]),
          { freq: 3 },
        ),
      );
      entries.push(
        fc.option(
          fc.constantFrom('userName', 'meta.created', 'emails.value', 'x', '').map((s) => ['sortBy', s] as [string, string]),
          { freq: 3 },
        ),
      );
      entries.push(
        fc.option(
          fc.oneof(fc.integer({ min: -10, max: 100_000 }).map(String), hostileString).map((n) => ['count', n] as [string, string]),
          { freq: 3 },
        ),
      );
      entries.push(
        fc.option(
          fc.oneof(fc.integer({ min: -10, max: 100_000 }).map(String), hostileString).map((n) => ['startIndex', n] as [string, string]),
          { freq: 3 },
        ),
      );
      entries.push(
        fc.option(
          fc.constantFrom('userName', 'password', 'members', 'groups,emails', 'urn:x:y').map((a) => ['attributes', a] as [string, string]),
          { freq: 3 },
        ),
      );
    }
    entries.push(
      fc.option(
        fc.tuple(hostileString, hostileString).map(([k, v]) => [k.slice(0, 100), v.slice(0, 2000)] as [string, string]),
        { freq: 5 },
      ),
    );
    if (!entries.length) return fc.constant('');
    return fc.tuple(...entries).map((pairs) => {
      const sp = new URLSearchParams();
      for (const p of pairs) if (p) sp.append(p[0].toWellFormed(), p[1].toWellFormed());
      const s = sp.toString();
      return s ? `?${s}` : '';
    });
  };
}

function caseArb(route: RouteSpec, world: World): fc.Arbitrary<FuzzCase> {
  const otherOf = (p: Principal) => (p.workspace === 'B' ? world.A : world.B);
  const ownOf = (p: Principal) => (p.workspace === 'B' ? world.B : world.A);
  const pathParams = route.params.filter((p) => p.in === 'path');
  const headerParams = route.params.filter((p) => p.in === 'header');
  const query = queryArb(route, world, otherOf);
  const isScim = route.path.startsWith('/directory/resources/scim/');
  // Mostly callers that can get past authentication on this route (SCIM tokens on the SCIM
  // endpoint, API tokens elsewhere), so the fuzz reaches the handlers, not only the 401.
  const principals = fc.oneof(...world.principals.map((p) => ({ weight: p.name.startsWith('scim') === isScim ? 4 : 1, arbitrary: fc.constant(p) })));
  return principals
    .chain((principal) => {
      const examples = examplesFor(route, ownOf(principal));
      const bodies: fc.Arbitrary<string | undefined>[] = [];
      if (['POST', 'PUT', 'PATCH'].includes(route.method)) {
        if (route.body) bodies.push(schemaArb(route.body).map((v) => JSON.stringify(v)));
        if (examples.length)
          bodies.push(
            fc
              .constantFrom(...examples)
              .chain(mutate)
              .map((v) => JSON.stringify(v)),
          );
        bodies.push(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
          hostileBody,
          fc.constant(undefined),
        );
      } else {
        bodies.push(fc.constant(undefined), fc.constant(undefined), fc.constant(undefined), hostileBody);
      }
      return fc.record({
        principal: fc.constant(principal),
        path: fc.tuple(...pathParams.map((p) => paramValues(p.name, route, world).map((v) => ({ name: p.name, value: v })))),
        headers: fc.tuple(
          ...headerParams.map((h) =>
            fc.option(
              paramValues(h.name, route, world).map((v) => ({ name: h.name, value: v })),
              { freq: 4 },
            ),
          ),
        ),
        query: query(principal),
        body: fc.oneof(...bodies),
        contentType: fc.constantFrom(
          ...(isScim ? ['application/scim+json', 'application/scim+json', 'application/json'] : ['application/json', 'application/json', 'application/json']),
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-16',
          'multipart/form-data; boundary=x',
        ),
      });
    })
    .map(({ principal, path, headers, query, body, contentType }) => {
      let url = route.path;
      const named: Array<{ name: string; value: string }> = [];
      for (const { name, value: raw } of path) {
        // Lone surrogates cannot be percent-encoded; a client could not send them either.
        const value = raw.toWellFormed();
        named.push({ name, value });
        const encoded = name === '*' ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
        url = url.replace(`{${name}}`, encoded === '' ? '%20' : encoded);
      }
      const h: Record<string, string> = {};
      if (principal.authorization) h.authorization = principal.authorization;
      for (const entry of headers) {
        if (!entry) continue;
        // Header values must be latin-1 without control characters; anything else is the client's own error.
        const v = entry.value.replace(/[^\x20-\x7e]/g, '').slice(0, 4000);
        h[entry.name] = v;
        named.push({ name: entry.name, value: v });
      }
      if (body !== undefined) h['content-type'] = contentType;
      return { principal, method: route.method, url: url + query, headers: h, payload: body, named };
    });
}

// ---------------------------------------------------------------- invariants

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Whether a named parameter value belongs to the other workspace (namespaced: ints are only ids where the name says so). */
function namesForeign(n: { name: string; value: string }, route: RouteSpec, other: WorkspaceWorld): boolean {
  const v = n.value.trim().toLowerCase();
  if (other.uuids.has(v)) return true;
  switch (n.name) {
    case 'tenantId':
    case 'tenant':
    case 'frontegg-tenant-id':
      return v === String(other.tenantId) || v === other.tenantSlug.toLowerCase();
    case 'connection':
      return v === String(other.connectionNumber);
    case 'id':
      return route.path.startsWith('/api/v1/operation-runs') && other.runIds.map(String).includes(v);
    case '*':
      return v === other.projectIdentifier.toLowerCase();
  }
  return false;
}

function checkCase(route: RouteSpec, c: FuzzCase, world: World, status: number, text: string, headers: Record<string, unknown>): Violation | null {
  const routeName = `${route.method} ${route.path}`;
  const v = (kind: Violation['kind'], detail: string): Violation => ({
    route: routeName,
    kind,
    detail,
    status,
    response: text.slice(0, 500),
    request: { principal: c.principal.name, method: c.method, url: c.url.slice(0, 500), headers: c.headers, payload: c.payload?.slice(0, 500) },
  });
  if (status >= 500) return v('5xx', `answered ${status}`);
  const headerText = JSON.stringify(headers);
  const ownReleased = route.method === 'GET' && route.path === '/sfp/api/integrations/credentials';
  for (const w of [world.A, world.B]) {
    for (const canary of w.canaries) {
      if (headerText.includes(canary)) return v('secret', `canary of ${w.label} in a response header`);
      if (text.includes(canary) && !(ownReleased && c.principal.workspace === w.label)) return v('secret', `canary of workspace ${w.label} in the body`);
    }
  }
  for (const cred of world.credentials) if (text.includes(cred) || headerText.includes(cred)) return v('secret', 'a bearer credential was echoed');
  if (c.principal.workspace) {
    const other = c.principal.workspace === 'A' ? world.B : world.A;
    if (status >= 200 && status < 300) {
      const foreign = c.named.find((n) => namesForeign(n, route, other));
      if (foreign) return v('cross_workspace', `2xx for ${foreign.name}=${foreign.value} of workspace ${other.label}`);
    }
    const sent = `${c.url} ${JSON.stringify(c.headers)} ${c.payload ?? ''}`.toLowerCase();
    for (const id of text.match(UUID_RE) ?? []) {
      const lower = id.toLowerCase();
      if (other.uuids.has(lower) && !sent.includes(lower)) return v('cross_workspace', `response names ${other.label}'s record ${id} that the request did not`);
    }
  }
  return null;
}

// ---------------------------------------------------------------- driver

export async function fuzzRoutes(
  app: FastifyInstance,
  world: World,
  opts: { timeBudgetMs: number; seed?: number; only?: (r: RouteSpec) => boolean; log?: (line: string) => void; maxRunsPerRoute?: number },
): Promise<FuzzStats> {
  const doc = JSON.parse((await app.inject({ method: 'GET', url: '/openapi.json' })).body);
  const routes = routesFromOpenApi(doc).filter(opts.only ?? (() => true));
  const stats: FuzzStats = { routes: routes.length, requests: 0, byStatus: {}, byRoute: {}, violations: [], ms: 0 };
  const t0 = Date.now();
  const perRoute = Math.max(200, Math.floor(opts.timeBudgetMs / Math.max(1, routes.length)));
  for (const [i, route] of routes.entries()) {
    const name = `${route.method} ${route.path}`;
    const counts: Record<string, number> = (stats.byRoute[name] = {});
    const started = Date.now();
    await fc
      .assert(
        fc.asyncProperty(caseArb(route, world), async (c) => {
          let timer: NodeJS.Timeout | undefined;
          const res = await Promise.race([
            app.inject({ method: c.method as never, url: c.url, headers: c.headers, payload: c.payload }),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error('no answer within 20 s')), 20_000);
            }),
          ]).catch((err: Error) => ({ statusCode: 599, body: err.message, headers: {} }));
          clearTimeout(timer);
          stats.requests++;
          counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1;
          stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
          const violation = checkCase(route, c, world, res.statusCode, res.body, res.headers);
          if (violation) {
            stats.violations.push(violation);
            return false;
          }
          return true;
        }),
        {
          seed: opts.seed === undefined ? undefined : opts.seed + i,
          numRuns: opts.maxRunsPerRoute ?? 1_000_000,
          interruptAfterTimeLimit: perRoute,
          markInterruptAsFailure: false,
          endOnFailure: true,
        },
      )
      .catch((err) => {
        // The violation is recorded above (with the shrunk case last); keep fuzzing the other routes.
        opts.log?.(`  ${name}: ${(err as Error).message.split('\n')[0]}`);
      });
    opts.log?.(
      `${name.padEnd(90)} ${String(Object.values(counts).reduce((a, b) => a + b, 0)).padStart(5)} requests in ${Date.now() - started} ms  ${JSON.stringify(counts)}`,
    );
  }
  stats.ms = Date.now() - t0;
  return stats;
}
