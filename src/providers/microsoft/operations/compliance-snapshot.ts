import type { ReasonCode } from '../../reason-codes.ts';
import { COMPLIANCE_SUMMARY_PERMISSION, REQUIRED_PERMISSIONS, isGranted } from '../permissions.ts';
import type { MicrosoftOperationContext } from './context.ts';
import { asProviderError, graphClientFor } from './context.ts';

// Counts of Intune managed devices by compliance state. Intune's summary resource answers in one
// call but needs DeviceManagementConfiguration.Read.All; without it the managed devices are paged
// with only their compliance state selected, which needs the permission inventory already has.

const COMPLIANCE_STATES = [
  'compliant',
  'noncompliant',
  'unknown',
  'notApplicable',
  'inGracePeriod',
  'error',
  'conflict',
  'remediated',
  'configManager',
] as const;
type ComplianceState = (typeof COMPLIANCE_STATES)[number];

export interface ComplianceSnapshot {
  reasonCode: ReasonCode;
  source: 'summary' | 'devices';
  total: number;
  counts: Record<ComplianceState, number>;
  capturedAt: string;
}

export interface ComplianceSnapshotOptions {
  /** auto: the summary when its permission is granted, else paging devices. */
  mode?: 'auto' | 'summary' | 'devices';
  pageSize?: number;
}

const SUMMARY_FIELDS: Record<string, ComplianceState> = {
  compliantDeviceCount: 'compliant',
  nonCompliantDeviceCount: 'noncompliant',
  unknownDeviceCount: 'unknown',
  notApplicableDeviceCount: 'notApplicable',
  inGracePeriodCount: 'inGracePeriod',
  errorDeviceCount: 'error',
  conflictDeviceCount: 'conflict',
  remediatedDeviceCount: 'remediated',
  configManagerCount: 'configManager',
};

/** Throws MicrosoftProviderError on failure (and the signal's reason when cancelled). */
export async function complianceSnapshot(ctx: MicrosoftOperationContext, options: ComplianceSnapshotOptions = {}): Promise<ComplianceSnapshot> {
  try {
    return await snapshot(ctx, options);
  } catch (error) {
    throw asProviderError(error, ctx);
  }
}

async function snapshot(ctx: MicrosoftOperationContext, options: ComplianceSnapshotOptions): Promise<ComplianceSnapshot> {
  const token = await ctx.tokenClient.getToken(ctx.entraTenantId, ctx.credential, { signal: ctx.signal });
  const mode = options.mode ?? 'auto';
  const useSummary = mode === 'summary' || (mode === 'auto' && isGranted(COMPLIANCE_SUMMARY_PERMISSION, token.roles));
  const graph = graphClientFor(ctx);
  const counts = emptyCounts();

  if (useSummary) {
    const summary = await graph.get<Record<string, unknown>>('/deviceManagement/deviceCompliancePolicyDeviceStateSummary', {
      signal: ctx.signal,
      requiredPermissions: [COMPLIANCE_SUMMARY_PERMISSION],
    });
    for (const [field, state] of Object.entries(SUMMARY_FIELDS)) {
      const n = summary[field];
      if (typeof n === 'number' && Number.isFinite(n)) counts[state] = n;
    }
    ctx.onProgress?.({ done: 1, total: 1, message: 'Read the Intune compliance summary' });
    return finish('summary', counts);
  }

  let done = 0;
  let total: number | undefined;
  const pageSize = Math.min(Math.max(options.pageSize ?? 999, 1), 999);
  for await (const page of graph.pages<{ complianceState?: unknown }>(`/deviceManagement/managedDevices?$select=id,complianceState&$top=${pageSize}`, {
    signal: ctx.signal,
    requiredPermissions: REQUIRED_PERMISSIONS.compliance,
  })) {
    if (page.totalCount !== undefined) total = page.totalCount;
    for (const device of page.items) counts[stateOf(device.complianceState)] += 1;
    done += page.items.length;
    ctx.onProgress?.({ done, ...(total === undefined ? {} : { total }), message: `${done}${total === undefined ? '' : ` of ${total}`} devices counted` });
  }
  return finish('devices', counts);
}

function stateOf(value: unknown): ComplianceState {
  return typeof value === 'string' && (COMPLIANCE_STATES as readonly string[]).includes(value) ? (value as ComplianceState) : 'unknown';
}

function emptyCounts(): Record<ComplianceState, number> {
  return Object.fromEntries(COMPLIANCE_STATES.map((s) => [s, 0])) as Record<ComplianceState, number>;
}

function finish(source: ComplianceSnapshot['source'], counts: Record<ComplianceState, number>): ComplianceSnapshot {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { reasonCode: 'ok', source, total, counts, capturedAt: new Date().toISOString() };
}
