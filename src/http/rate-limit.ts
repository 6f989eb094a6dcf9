// Request rate limits, counted on the store every node shares (limiter-store.ts), per minute:
// - per principal (its API token, or its OIDC subject) and per tenant (the principal's workspace)
//   on the management, provider and integration surfaces, after authentication;
// - per SCIM configuration on the SCIM endpoint (its plugin makes that limiter from the store);
// - per client address (IPv4, or IPv6 /64) on routes nobody authenticates to.
// Over a limit: 429 `rate_limited` with Retry-After (seconds), which Entra and Okta honour.
// A request that fails authentication is not counted here (auth-failures.ts counts it), so noise
// with invalid credentials never uses up a principal's or a tenant's budget.
import type { FastifyReply } from 'fastify';
import type { Principal } from '../core/access/principal.ts';
import { AppError } from '../core/errors.ts';
import { boundKey } from './limit-keys.ts';
import { type Limiter, waitOf } from './limiter.ts';
import type { LimiterStore } from './limiter-store.ts';
import { markRefusal } from './refusals.ts';

export interface RequestLimitsOptions {
  store: LimiterStore;
  /** Requests per minute per principal. */
  principalPerMinute: number;
  /** Requests per minute per workspace, all its principals together; 0 turns it off. */
  workspacePerMinute: number;
  /** Requests per minute per client address to unauthenticated routes; 0 turns it off. */
  addressPerMinute: number;
}

export interface RequestLimits {
  /** An authenticated request. Returns 0 (go on) or the milliseconds to wait (answer 429). */
  principal(p: Principal): Promise<number>;
  /** A request to a route without authentication, by its client's counting key (limit-keys.ts). */
  address(clientKey: string): Promise<number>;
}

const MINUTE = 60;

export function createRequestLimits(opts: RequestLimitsOptions): RequestLimits {
  const make = (name: string, perMinute: number): Limiter | null => (perMinute > 0 ? opts.store.limiter(name, perMinute, MINUTE, { leased: true }) : null);
  const principal = make('rl_principal', opts.principalPerMinute);
  const workspace = make('rl_workspace', opts.workspacePerMinute);
  const address = make('rl_address', opts.addressPerMinute);
  return {
    async principal(p) {
      // One after the other: a principal over its own limit must not spend its workspace's
      // budget (its refusals come from this node's memory, see limiter-store.ts).
      const own = await principal?.consume(p.tokenId ?? boundKey(p.actorId));
      if (own && !own.allowed) return waitOf(own);
      return waitOf(p.workspaceId ? await workspace?.consume(p.workspaceId) : undefined);
    },
    async address(clientKey) {
      return waitOf(await address?.consume(clientKey));
    },
  };
}

/** The 429 for a request over a rate limit, with its Retry-After. */
export function rateLimited(reply: FastifyReply, waitMs: number): AppError {
  const seconds = Math.ceil(waitMs / 1000);
  markRefusal(reply.request, 'requests');
  reply.header('retry-after', String(seconds));
  return new AppError('rate_limited', `rate limit exceeded; retry in ${seconds} s`);
}
