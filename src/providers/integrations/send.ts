// One outbound call on behalf of an adapter: every transport failure becomes a result, so
// adapters only ever deal with an HTTP answer or a finished ProviderCheckResult.
import type { OutboundResponse } from '../outbound/outbound-client.ts';
import { OutboundError, findOutboundError } from '../outbound/errors.ts';
import type { ProviderCheckResult } from '../reason-codes.ts';
import { fromOutboundError, result } from './results.ts';
import type { VerifyContext } from './types.ts';

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Origin the credential on this call belongs to; the outbound client refuses any other. */
  credentialOrigin: string;
}

export type SendOutcome = { ok: true; response: OutboundResponse } | { ok: false; result: ProviderCheckResult };

export async function send(ctx: VerifyContext, provider: string, label: string, url: string, options: SendOptions): Promise<SendOutcome> {
  try {
    const response = await ctx.fetch(url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      credentialOrigin: options.credentialOrigin,
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
    });
    return { ok: true, response };
  } catch (error) {
    const known = error instanceof OutboundError ? error : findOutboundError(error);
    if (known) return { ok: false, result: fromOutboundError(provider, label, known, ctx.timeoutMs) };
    return { ok: false, result: result('unknown_error', `the call to ${label} failed unexpectedly`) };
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
