// The words of the reference (/openapi.json): each surface keeps what its operations do and what
// their responses mean in its docs.ts, keyed "METHOD /path" as the surface declares the route.
// The words are attached to the route (config `docs`) and read only when the reference is built
// (the swagger `transform`): the schemas the routes validate and serialize with stay untouched.
import type { RouteOptions } from 'fastify';

export interface RouteDoc {
  /** One line; a route's own `schema.summary` wins. */
  summary?: string;
  /** What the operation does, for whom, and what it needs; a route's own `schema.description` wins. */
  description?: string;
  /** What each response means, by status; error statuses default to STATUS_MEANINGS. */
  responses?: Record<number, string>;
  /** What each path, query or header parameter means, by name; a schema's own description wins. */
  parameters?: Record<string, string>;
  /** The request body as the reference shows it, where the route parses its own (SCIM); never validated against. */
  body?: Record<string, unknown>;
  /** Examples of the request body (the reference test checks that its schema accepts each). */
  examples?: unknown[];
}

export type RouteDocs = Record<string, RouteDoc>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's entry of its surface's docs.ts (attachDocs). */
    docs?: RouteDoc;
  }
}

/** What an error status means wherever a route does not say more. */
const STATUS_MEANINGS: Record<number, string> = {
  400: 'The request does not validate: `error` is the stable code, `field` names the offending part',
  401: 'Missing, unknown, expired or revoked credentials',
  403: "The caller's role or token lacks the capability this needs",
  404: "Not found — or not in the caller's workspace (never told apart)",
  405: 'Method not allowed here; `Allow` lists the ones that are',
  409: 'Conflicts with the current state',
  503: 'The service is not ready (database unreachable or migrations pending)',
};

/**
 * An onRoute hook for a surface: gives each of its routes its entry of `docs`, with `parameters`
 * (the words for the parameters its routes share) under the entry's own.
 */
export function attachDocs(docs: RouteDocs, parameters: Record<string, string> = {}) {
  return (route: RouteOptions & { routePath: string }): void => {
    const method = [route.method].flat()[0];
    const doc = docs[`${method} ${route.routePath}`];
    if (doc) route.config = { ...route.config, docs: { ...doc, parameters: { ...parameters, ...doc.parameters } } };
  };
}

const PARAMETER_PARTS = ['params', 'querystring', 'headers'] as const;

interface ObjectSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, Record<string, unknown>>;
}

/** The route's path parameters, with those it declares no schema for (`:configurationId` under a prefix) as strings. */
function withUndeclaredPathParameters(params: ObjectSchema | undefined, url: string): ObjectSchema | undefined {
  const undeclared = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string).filter((name) => !params?.properties?.[name]);
  if (!undeclared.length) return params;
  return {
    ...params,
    type: 'object',
    required: [...(params?.required ?? []), ...undeclared],
    properties: { ...params?.properties, ...Object.fromEntries(undeclared.map((name) => [name, { type: 'string' }])) },
  };
}

/** A copy of a parameter schema (an object of properties) with the words of the parameters it lacks. */
function describedParameters(part: unknown, words: Record<string, string>): unknown {
  const p = part as ObjectSchema | undefined;
  if (!p?.properties) return part;
  const properties = Object.fromEntries(
    Object.entries(p.properties).map(([name, s]) => [name, s.description || !words[name] ? s : { ...s, description: words[name] }]),
  );
  return { ...p, properties };
}

type DocSchema = Record<string, unknown> & { response?: Record<string, Record<string, unknown>> };

/**
 * The @fastify/swagger `transform`: the route's schema as the reference shows it — its summary and
 * description, and a description on every response (documented statuses the route declares no
 * schema for, such as the SCIM endpoint's, are added to the reference only).
 */
export function referenceSchema({ schema, url, route }: { schema: unknown; url: string; route: RouteOptions }): { schema: DocSchema; url: string } {
  const own = (schema ?? {}) as DocSchema;
  const doc = route.config?.docs ?? {};
  const out: DocSchema = { ...own };
  if (!own.summary && doc.summary) out.summary = doc.summary;
  if (!own.description && doc.description) out.description = doc.description;
  if (!own.body && doc.body) out.body = doc.body;
  if (out.body && doc.examples) out.body = { ...(out.body as object), examples: doc.examples };
  const params = withUndeclaredPathParameters(own.params as ObjectSchema | undefined, url);
  for (const part of PARAMETER_PARTS) {
    const schema = part === 'params' ? params : own[part];
    if (schema) out[part] = describedParameters(schema, doc.parameters ?? {});
  }
  const response: Record<string, Record<string, unknown>> = {};
  for (const [status, s] of Object.entries(own.response ?? {})) {
    const text = doc.responses?.[Number(status)] ?? (s.description as string | undefined) ?? STATUS_MEANINGS[Number(status)];
    // A copy: the route's own response schema (shared by several routes) is never changed.
    response[status] = text ? { ...s, 'x-response-description': text } : s;
  }
  for (const [status, text] of Object.entries(doc.responses ?? {})) {
    if (!response[status]) response[status] = status === '204' ? { type: 'null', description: text } : { type: 'object', 'x-response-description': text };
  }
  if (Object.keys(response).length) out.response = response;
  return { schema: out, url };
}
