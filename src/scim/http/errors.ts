// Every error the SCIM endpoint answers is an RFC 7644 §3.12 error body. Protocol errors carry
// their own status and scimType; application and framework errors are translated here, and
// anything unexpected is a 500 whose detail is fixed text (internals never reach the client).
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { databaseInputError, isDatabaseUnavailable } from '../../http/error-handler.ts';
import { statusForCode } from '../../http/error-status.ts';
import { SCIM_ERROR_SCHEMA, ScimError, toScimErrorBody, type ScimErrorBody, type ScimType } from '../protocol/index.ts';

// RFC 7644 §10.2 registers application/scim+json with no parameters ("Optional parameters: none"):
// no charset; the body is UTF-8 by definition (§8.1). Clients compare the type as sent.
export const SCIM_CONTENT_TYPE = 'application/scim+json';

const DB_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08000', '08001', '08003', '08006']);

function body(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  const b: ScimErrorBody = { schemas: [SCIM_ERROR_SCHEMA], status: String(status), detail };
  if (scimType) b.scimType = scimType;
  return b;
}

export function toScimReply(err: unknown): { status: number; body: ScimErrorBody; unexpected: boolean } {
  if (err instanceof ScimError) return { status: err.status, body: toScimErrorBody(err), unexpected: false };
  if (err instanceof AppError) {
    const status = statusForCode(err.code);
    return { status, body: body(status, err.message), unexpected: status >= 500 };
  }
  const e = err as { code?: string; statusCode?: number; validation?: unknown; message?: string };
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: body(400, 'The request body is not valid JSON.', 'invalidSyntax'), unexpected: false };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body(413, 'The request body is larger than this service accepts.'), unexpected: false };
    case '23505':
      return { status: 409, body: body(409, 'The value is already in use.', 'uniqueness'), unexpected: false };
    case '23503': // a foreign key: the configuration (or a referenced resource) went away meanwhile
      return { status: 404, body: body(404, 'The resource no longer exists.'), unexpected: false };
    case '23514': // a CHECK constraint, e.g. a userName longer than the column allows
    case '22001':
      return { status: 400, body: body(400, 'A value is outside what this service accepts.', 'invalidValue'), unexpected: false };
    case '40P01':
    case '40001':
      return { status: 409, body: body(409, 'The resource is being changed concurrently; retry the request.'), unexpected: false };
  }
  // A value the database cannot hold (NUL, too long for a CHECK): the client's 400 (see src/http/error-handler.ts).
  if (databaseInputError(err)) return { status: 400, body: body(400, 'A value in the request cannot be stored.', 'invalidValue'), unexpected: false };
  if ((e?.code && DB_DOWN.has(e.code)) || isDatabaseUnavailable(err))
    return { status: 503, body: body(503, 'The service is temporarily unavailable.'), unexpected: true };
  if (e?.validation) return { status: 400, body: body(400, 'The request is not valid.', 'invalidValue'), unexpected: false };
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      body: body(e.statusCode, 'The request is not valid.', e.statusCode === 400 ? 'invalidSyntax' : undefined),
      unexpected: false,
    };
  }
  return { status: 500, body: toScimErrorBody(err), unexpected: true };
}

export const unauthorized = () => new ScimError(401, undefined, 'A valid bearer token for this SCIM endpoint is required.');
const methodNotAllowed = () => new ScimError(405, undefined, 'This endpoint does not support that method.');

/**
 * Answers `methods` on `url` with 405 and the `Allow` header (RFC 9110 §15.5.6), from onRequest:
 * before the body is read or parsed, so a refused method costs nothing and a broken body cannot
 * turn the 405 into a 400.
 */
export function refuseMethods(app: FastifyInstance, url: string, methods: HTTPMethods[], allow: HTTPMethods[], routeConfig: Record<string, unknown>): void {
  app.route({
    method: methods,
    url,
    config: routeConfig,
    schema: { hide: true },
    onRequest: async (_req, reply) => {
      reply.header('allow', allow.join(', '));
      throw methodNotAllowed();
    },
    handler: async () => {
      throw methodNotAllowed();
    },
  });
}
