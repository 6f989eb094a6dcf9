// One error envelope for every route: {error: "<stable_code>", message, request_id}. Unknown
// errors become a 500 with a generic message (details go to the log, never to the client).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditRefusal } from '../core/audit/refusal-audit.ts';
import { ERROR_CODES } from '../core/error-codes.ts';
import { AppError, type ErrorCode } from '../core/errors.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { statusForCode } from './error-status.ts';
import { validationIssue } from './validation-issue.ts';

export { isDatabaseUnavailable };

interface ErrorEnvelope {
  error: string;
  message: string;
  request_id?: string;
  [k: string]: unknown;
}

/**
 * A PostgreSQL error caused by a value the client sent, not by the service: a NUL character or
 * other bytes text columns cannot hold (22021), a value of the wrong form or range for its column
 * (other 22xxx data exceptions), a value a CHECK constraint refuses (23514, e.g. a length limit
 * the handler did not repeat), or one too large to index (54000). These are the client's 400, not
 * a 500; anything else from the database stays a server error.
 */
export function databaseInputError(err: unknown): { status: number; code: ErrorCode; message: string } | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code.startsWith('22') || code === '23514' || code === '54000') {
    return {
      status: 400,
      code: 'request.invalid',
      message: 'a value in the request has a form the service cannot store or search for (for example a NUL character or an over-long string)',
    };
  }
  return null;
}

interface EnvelopeOptions {
  /** The route's code for a request that fails its schema (`config.validationCode`), answered with a message built from the field. */
  validationCode?: ErrorCode | Partial<Record<string, ErrorCode>>;
}

/** The envelope of one of the service's own codes: its status from the map, its default message unless given. */
function envelope(code: ErrorCode, requestId: string | undefined, message: string = ERROR_CODES[code].message): { status: number; body: ErrorEnvelope } {
  return { status: statusForCode(code), body: { error: code, message, request_id: requestId } };
}

function toEnvelope(err: unknown, requestId?: string, opts: EnvelopeOptions = {}): { status: number; body: ErrorEnvelope } {
  if (err instanceof AppError) {
    const status = statusForCode(err.code);
    const extra = err.details && status < 500 ? err.details : {};
    return { status, body: { ...extra, error: err.code, message: err.message, request_id: requestId } };
  }
  const fe = err as FastifyError & { code?: string };
  if (fe?.validation) {
    // Every schema failure names its field; a route with its own code (the contracts' 400s) also
    // gets a message built from the field, the others keep the validator's.
    const issue = validationIssue(fe.validation, fe.validationContext);
    const code = typeof opts.validationCode === 'string' ? opts.validationCode : opts.validationCode?.[fe.validationContext ?? 'body'];
    const { status, body } = envelope(code ?? 'request.validation_failed', requestId, code ? issue.message : fe.message);
    return { status, body: { ...body, field: issue.field } };
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return envelope('request.malformed_json', requestId);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return envelope('request.too_large', requestId);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return envelope('request.unsupported_media_type', requestId);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return envelope('request.invalid', requestId, 'the content-length header does not match the body');
  }
  if (isDatabaseUnavailable(err)) return envelope('database.unavailable', requestId);
  const input = databaseInputError(err);
  if (input) return { status: input.status, body: { error: input.code, message: input.message, request_id: requestId } };
  const sc = fe?.statusCode;
  if (sc && sc >= 400 && sc < 500) {
    // Fastify's own 4xx (its status kept): the code is the generic one.
    return { status: sc, body: { error: 'request.invalid', message: fe.message, request_id: requestId } };
  }
  return envelope('internal_error', requestId);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toEnvelope(err, req.id, { validationCode: req.routeOptions.config?.validationCode });
    // Refused secret reads and cross-workspace probes go on the caller's audit chain (the reply is unchanged).
    await auditRefusal(req, err, status);
    // While the database is down every request fails the same way: one short line each, not a
    // stack trace each (the outage would otherwise flood the log).
    if (body.error === 'database.unavailable') req.log.warn({ code: (err as { code?: string })?.code }, 'database unavailable');
    else if (status >= 500) req.log.error({ err }, 'request failed');
    // A route may use its own error shape (SCIM does); it sets this on the request.
    const shaper = (req.routeOptions.config as { errorShape?: (s: number, b: ErrorEnvelope) => unknown })?.errorShape;
    return reply.status(status).send(shaper ? shaper(status, body) : body);
  });
  app.setNotFoundHandler((req, reply) => {
    const { status, body } = envelope('route.not_found', req.id, `no route ${req.method} ${req.url.split('?')[0]}`);
    reply.status(status).send(body);
  });
}
