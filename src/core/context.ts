import type { Principal } from './access/principal.ts';

/** What every service call carries: who is asking, and the request id for the audit trail. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
}
