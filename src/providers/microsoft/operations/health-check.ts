import type { ProviderCheckResult } from '../../reason-codes.ts';
import { MicrosoftProviderError } from '../errors.ts';
import { REQUIRED_PERMISSIONS } from '../permissions.ts';
import { isGuid } from '../tenant-id.ts';
import type { MicrosoftOperationContext } from './context.ts';
import { asProviderError, graphClientFor } from './context.ts';

// The one cheap real call that proves a connection works: an app-only token, then the tenant's
// organization record. Failures come back as results with a reason code, not as exceptions.

export interface OrganizationRecord {
  id: string;
  displayName?: string;
  verifiedDomains?: Array<{ name?: string; isDefault?: boolean }>;
}

export async function readOrganization(ctx: MicrosoftOperationContext): Promise<OrganizationRecord> {
  const graph = graphClientFor(ctx);
  const body = await graph.get<{ value?: OrganizationRecord[] }>('/organization?$select=id,displayName,verifiedDomains', {
    signal: ctx.signal,
    requiredPermissions: REQUIRED_PERMISSIONS.health,
  });
  const org = Array.isArray(body.value) ? body.value[0] : undefined;
  if (!org || typeof org.id !== 'string') {
    throw new MicrosoftProviderError({
      reasonCode: 'invalid_state',
      message: 'Microsoft Graph returned no organization for this tenant.',
      nextSteps: ["Check the connection's Entra tenant id."],
    });
  }
  // A GUID-configured connection must land in that very tenant; a domain name cannot be compared.
  if (isGuid(ctx.entraTenantId) && org.id.toLowerCase() !== ctx.entraTenantId.toLowerCase()) {
    throw new MicrosoftProviderError({
      reasonCode: 'invalid_state',
      message: 'Microsoft Graph answered for a different tenant than the connection names.',
      nextSteps: ["Check the connection's Entra tenant id."],
    });
  }
  return org;
}

export async function healthCheck(ctx: MicrosoftOperationContext): Promise<ProviderCheckResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    ctx.onProgress?.({ done: 0, total: 2, message: 'Requesting an app-only token' });
    const token = await ctx.tokenClient.getToken(ctx.entraTenantId, ctx.credential, { signal: ctx.signal });
    ctx.onProgress?.({ done: 1, total: 2, message: 'Reading the organization from Microsoft Graph' });
    const org = await readOrganization(ctx);
    ctx.onProgress?.({ done: 2, total: 2, message: 'Done' });
    const defaultDomain = org.verifiedDomains?.find((d) => d.isDefault)?.name;
    return {
      reasonCode: 'ok',
      message: `Connected to ${org.displayName ?? org.id}.`,
      details: {
        organizationId: org.id,
        displayName: org.displayName ?? null,
        ...(defaultDomain ? { defaultDomain } : {}),
        grantedRoles: token.roles,
      },
      latencyMs: elapsed(),
    };
  } catch (error) {
    return asProviderError(error, ctx).toCheckResult(elapsed());
  }
}
