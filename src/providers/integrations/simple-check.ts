// The common shape of a verification: one request with the credential in a header, 200 is
// success, anything else is mapped; `interpret` lets an adapter handle its provider's quirks first.
import type { OutboundResponse } from '../outbound/outbound-client.ts';
import type { ProviderCheckResult } from '../reason-codes.ts';
import { fromStatus, ok } from './results.ts';
import { send } from './send.ts';
import type { VerifyContext } from './types.ts';
import { joinUrl } from './url.ts';

export interface SimpleCheck {
  provider: string;
  label: string;
  base: URL;
  path: string;
  query?: Record<string, string>;
  method?: string;
  headers: Record<string, string>;
  body?: string;
  okMessage: string;
  /** Details to add to a successful result (secret-free). */
  okDetails?: (response: OutboundResponse) => Record<string, unknown> | undefined;
  /** Provider-specific reading of the answer; return undefined to fall back to the defaults. */
  interpret?: (response: OutboundResponse) => ProviderCheckResult | undefined;
}

export async function simpleCheck(ctx: VerifyContext, check: SimpleCheck): Promise<ProviderCheckResult> {
  const sent = await send(ctx, check.provider, check.label, joinUrl(check.base, check.path, check.query), {
    method: check.method,
    headers: check.headers,
    body: check.body,
    credentialOrigin: check.base.origin,
  });
  if (!sent.ok) return sent.result;
  const special = check.interpret?.(sent.response);
  if (special) return special;
  if (sent.response.status === 200) return ok(check.okMessage, check.okDetails?.(sent.response));
  return fromStatus(check.provider, check.label, sent.response);
}
