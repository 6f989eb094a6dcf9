// Which limit refused a request (its 429), remembered for the response hook that counts refusals
// (app.ts, switchboard_rate_limit_refusals_total): set where the 429 is made, read once answered.
import type { FastifyRequest } from 'fastify';

type Limit = 'requests' | 'failed_authentications';

const refused = new WeakMap<FastifyRequest, Limit>();

export function markRefusal(req: FastifyRequest, limit: Limit): void {
  refused.set(req, limit);
}

export const refusalOf = (req: FastifyRequest): Limit | undefined => refused.get(req);
