import type { FastifyRequest } from 'fastify';
import type { Principal } from '../core/access/principal.ts';
import type { RequestContext } from '../core/context.ts';
import { AppError, type ErrorCode } from '../core/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** false: no authentication (health, docs, consent callback); 'custom': the route authenticates itself (SCIM). */
    auth?: false | 'custom';
    /**
     * The error code of this route's 400 when the request fails its schema (default
     * `request.validation_failed`): one for every part, or one per part (`body`, `querystring`,
     * `params`, `headers`) where a part's failure has a code of its own.
     */
    validationCode?: ErrorCode | Partial<Record<'body' | 'querystring' | 'params' | 'headers', ErrorCode>>;
    /** false: no request rate limit on this route (health, metrics; SCIM counts per configuration itself). */
    rateLimit?: false;
  }
}

/** The service-call context of an authenticated request. */
export function ctxOf(req: FastifyRequest): RequestContext {
  if (!req.principal) throw new AppError('auth.unauthenticated', 'authentication required');
  return { principal: req.principal, requestId: req.id };
}
