import type { ReasonCode } from '../../reason-codes.ts';
import { COLLECTION_PERMISSIONS } from '../permissions.ts';
import type { MicrosoftOperationContext, OperationProgress } from './context.ts';
import { asProviderError, graphClientFor } from './context.ts';

// Walks users, groups and managed devices page by page and hands each page to the caller's sink
// before fetching the next, so memory holds one page whatever the tenant's size. A collection
// the app may not read (missing permission, no Intune) is reported and the others still run;
// anything that affects every call (credential, outage, throttling) stops the walk.

const INVENTORY_COLLECTIONS = ['users', 'groups', 'managedDevices'] as const;
export type InventoryCollection = (typeof INVENTORY_COLLECTIONS)[number];

type InventorySink = (collection: InventoryCollection, items: object[]) => Promise<void>;

export interface InventoryProgress extends OperationProgress {
  collection: InventoryCollection;
  page: number;
}

export type InventoryContext = Omit<MicrosoftOperationContext, 'onProgress'> & { onProgress?: (progress: InventoryProgress) => void };

export interface InventoryOptions {
  sink: InventorySink;
  collections?: readonly InventoryCollection[];
  /** Requested page size ($top); Graph may return fewer. */
  pageSize?: number;
}

interface CollectionOutcome {
  status: 'completed' | 'failed' | 'skipped';
  count: number;
  pages: number;
  reasonCode: ReasonCode;
  message?: string;
  nextSteps?: string[];
}

export interface InventoryResult {
  /** ok when every collection completed; otherwise the first failure's code. */
  reasonCode: ReasonCode;
  counts: Record<InventoryCollection, number>;
  collections: Record<InventoryCollection, CollectionOutcome>;
}

const SELECT: Record<InventoryCollection, string> = {
  users: 'id,displayName,userPrincipalName,mail,accountEnabled,userType',
  groups: 'id,displayName,mailEnabled,securityEnabled,groupTypes',
  managedDevices: 'id,deviceName,operatingSystem,osVersion,complianceState,managementAgent,lastSyncDateTime,userPrincipalName,azureADDeviceId',
};

const PATH: Record<InventoryCollection, string> = {
  users: '/users',
  groups: '/groups',
  managedDevices: '/deviceManagement/managedDevices',
};

// Per-collection failures worth continuing past; the rest would fail every collection alike.
const CONTINUE_ON: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['permission_denied', 'invalid_state']);

function firstPageUrl(collection: InventoryCollection, pageSize: number): string {
  // Directory objects give @odata.count only with ConsistencyLevel: eventual; Intune counts anyway.
  const count = collection === 'managedDevices' ? '' : '&$count=true';
  return `${PATH[collection]}?$select=${SELECT[collection]}&$top=${pageSize}${count}`;
}

export async function inventory(ctx: InventoryContext, options: InventoryOptions): Promise<InventoryResult> {
  const collections = options.collections ?? INVENTORY_COLLECTIONS;
  const pageSize = Math.min(Math.max(options.pageSize ?? 999, 1), 999);
  // Fail fast (and throw) when no token can be had: nothing was collected, nothing is partial.
  await ctx.tokenClient.getToken(ctx.entraTenantId, ctx.credential, { signal: ctx.signal });
  const graph = graphClientFor(ctx);

  const outcomes = {} as Record<InventoryCollection, CollectionOutcome>;
  for (const c of INVENTORY_COLLECTIONS) outcomes[c] = { status: 'skipped', count: 0, pages: 0, reasonCode: 'ok' };
  let stopped = false;

  for (const collection of collections) {
    if (stopped) break;
    const outcome = outcomes[collection];
    let total: number | undefined;
    let inSink = false;
    try {
      const pages = graph.pages<object>(firstPageUrl(collection, pageSize), {
        signal: ctx.signal,
        headers: collection === 'managedDevices' ? {} : { ConsistencyLevel: 'eventual' },
        requiredPermissions: [COLLECTION_PERMISSIONS[collection]],
      });
      for await (const page of pages) {
        if (page.totalCount !== undefined) total = page.totalCount;
        // The sink's own errors are the caller's and propagate unchanged.
        inSink = true;
        await options.sink(collection, page.items);
        inSink = false;
        outcome.count += page.items.length;
        outcome.pages += 1;
        ctx.onProgress?.({
          collection,
          page: page.index,
          done: outcome.count,
          ...(total === undefined ? {} : { total }),
          message: `${collection}: ${outcome.count}${total === undefined ? '' : ` of ${total}`} collected`,
        });
      }
      outcome.status = 'completed';
    } catch (error) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      if (inSink) throw error;
      const e = asProviderError(error, ctx);
      Object.assign(outcome, { status: 'failed', reasonCode: e.reasonCode, message: e.message, nextSteps: e.nextSteps });
      stopped = !CONTINUE_ON.has(e.reasonCode);
    }
  }

  const counts = {} as Record<InventoryCollection, number>;
  for (const c of INVENTORY_COLLECTIONS) counts[c] = outcomes[c].count;
  const firstFailure = collections.map((c) => outcomes[c]).find((o) => o.status === 'failed');
  return { reasonCode: firstFailure?.reasonCode ?? 'ok', counts, collections: outcomes };
}
