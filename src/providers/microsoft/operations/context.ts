import type { MicrosoftCredential } from '../credentials.ts';
import { secretValuesOf } from '../credentials.ts';
import type { MicrosoftEndpoints } from '../endpoints.ts';
import { MicrosoftProviderError } from '../errors.ts';
import type { GraphClient, GraphClientOptions } from '../graph-client.ts';
import { createGraphClient } from '../graph-client.ts';
import { sanitizeMessage } from '../sanitize.ts';
import type { BudgetKey, ThrottleBudget } from '../throttle.ts';
import type { TokenClient } from '../token-client.ts';

export interface OperationProgress {
  done: number;
  total?: number;
  message: string;
}

/** Everything one operation against one connection needs; the caller resolves the credential. */
export interface MicrosoftOperationContext {
  endpoints: MicrosoftEndpoints;
  tokenClient: TokenClient;
  entraTenantId: string;
  credential: MicrosoftCredential;
  onProgress?: (progress: OperationProgress) => void;
  signal?: AbortSignal;
  /** Transport settings for Graph calls (timeouts, retry bounds). */
  graph?: GraphClientOptions;
  /** The throttle budget of an app in a tenant, shared with every other caller of Graph as that app there (throttle.ts). */
  budgets?: (key: BudgetKey) => ThrottleBudget;
}

export function graphClientFor(ctx: Omit<MicrosoftOperationContext, 'onProgress'>): GraphClient {
  const { tokenClient, entraTenantId, credential, signal } = ctx;
  return createGraphClient({
    ...ctx.graph,
    graphBaseUrl: ctx.endpoints.graphBaseUrl,
    redact: secretValuesOf(credential),
    ...(ctx.budgets ? { budget: budgetOf(ctx, ctx.budgets) } : {}),
    auth: {
      token: async () => (await tokenClient.getToken(entraTenantId, credential, { signal })).accessToken,
      refresh: async () => {
        tokenClient.invalidate(entraTenantId, credential);
        return (await tokenClient.getToken(entraTenantId, credential, { signal, forceRefresh: true })).accessToken;
      },
    },
  });
}

/**
 * The budget of the connection's app in its tenant, keyed by the tenant GUID the app's token was
 * issued for (a connection naming its tenant by domain shares the budget of one naming its GUID).
 * The token comes from the cache: the operation has asked for it before its first Graph call.
 */
function budgetOf(ctx: Omit<MicrosoftOperationContext, 'onProgress'>, budgets: (key: BudgetKey) => ThrottleBudget): ThrottleBudget {
  const { tokenClient, entraTenantId, credential, signal } = ctx;
  let resolved: Promise<ThrottleBudget> | undefined;
  const budget = () => {
    resolved ??= tokenClient.getToken(entraTenantId, credential, { signal }).then(
      (t) => budgets({ clientId: credential.clientId, entraTenantId: (t.tenantId ?? entraTenantId).toLowerCase() }),
      (err) => {
        resolved = undefined;
        throw err;
      },
    );
    return resolved;
  };
  return { take: async () => (await budget()).take(), block: async (ms) => (await budget()).block(ms) };
}

/**
 * Any failure as a MicrosoftProviderError. Cancellation is passed through untouched (the caller
 * asked for it); an unexpected error keeps only its class name, since its message is unknown text.
 */
export function asProviderError(error: unknown, ctx: Pick<MicrosoftOperationContext, 'signal' | 'credential'>): MicrosoftProviderError {
  if (ctx.signal?.aborted) throw ctx.signal.reason;
  if (error instanceof MicrosoftProviderError) return error;
  const kind = error instanceof Error ? sanitizeMessage(error.name, secretValuesOf(ctx.credential)) : 'error';
  return new MicrosoftProviderError({
    reasonCode: 'unknown_error',
    message: `Unexpected ${kind} while talking to Microsoft.`,
    nextSteps: ['Retry; if the problem persists contact support.'],
  });
}
