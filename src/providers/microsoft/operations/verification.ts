import type { ReasonCode } from '../../reason-codes.ts';
import type { MicrosoftOperation } from '../permissions.ts';
import { REQUIRED_PERMISSIONS, missingPermissions } from '../permissions.ts';
import type { AccessToken } from '../token-client.ts';
import type { MicrosoftOperationContext } from './context.ts';
import { asProviderError } from './context.ts';
import { readOrganization } from './health-check.ts';

// A report an operator can act on: each check says what was tried, what it found and what to
// do next. Blocked means Switchboard cannot work until someone fixes consent or the credential;
// error means Microsoft could not be asked properly (outage, throttling) and a retry may do.

type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';
type VerificationOverall = 'healthy' | 'degraded' | 'blocked' | 'error';

interface VerificationCheck {
  name: 'token_acquisition' | 'app_roles' | 'graph_reachability';
  status: CheckStatus;
  reasonCode: ReasonCode;
  message: string;
  nextSteps: string[];
  details?: Record<string, unknown>;
}

export interface VerificationReport {
  overall: VerificationOverall;
  reasonCode: ReasonCode;
  checks: VerificationCheck[];
  /** Per operation: can it run with the permissions granted now, and what is missing. */
  operations?: Record<MicrosoftOperation, { ready: boolean; missing: string[] }>;
}

const BLOCKING: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['authentication_failed', 'permission_denied', 'invalid_state', 'missing_configuration']);
const CONSENT_STEP =
  'Have a Global Administrator or Privileged Role Administrator of the customer tenant open the admin-consent link again so the new permissions are granted.';

export async function verifyConnection(ctx: MicrosoftOperationContext): Promise<VerificationReport> {
  const checks: VerificationCheck[] = [];
  const report = (operations?: VerificationReport['operations']) => summarize(checks, operations);

  ctx.onProgress?.({ done: 0, total: 3, message: 'Requesting an app-only token' });
  let token: AccessToken;
  try {
    // Fresh, not cached: the point is to see the permissions granted right now.
    token = await ctx.tokenClient.getToken(ctx.entraTenantId, ctx.credential, { signal: ctx.signal, forceRefresh: true });
    checks.push({
      name: 'token_acquisition',
      status: 'pass',
      reasonCode: 'ok',
      message: 'Entra ID issued an app-only token for Microsoft Graph.',
      nextSteps: [],
    });
  } catch (error) {
    const e = asProviderError(error, ctx);
    checks.push({ name: 'token_acquisition', status: 'fail', reasonCode: e.reasonCode, message: e.message, nextSteps: e.nextSteps, details: e.details() });
    checks.push(skipped('app_roles', 'Skipped: no token, so the granted permissions are unknown.'));
    checks.push(skipped('graph_reachability', 'Skipped: no token to call Microsoft Graph with.'));
    return report();
  }

  ctx.onProgress?.({ done: 1, total: 3, message: 'Comparing granted application permissions' });
  const operations = operationReadiness(token.roles);
  checks.push(appRolesCheck(token.roles, operations));

  ctx.onProgress?.({ done: 2, total: 3, message: 'Calling Microsoft Graph' });
  checks.push(await reachabilityCheck(ctx));
  ctx.onProgress?.({ done: 3, total: 3, message: 'Done' });
  return report(operations);
}

function operationReadiness(roles: readonly string[]): Record<MicrosoftOperation, { ready: boolean; missing: string[] }> {
  const out = {} as Record<MicrosoftOperation, { ready: boolean; missing: string[] }>;
  for (const op of Object.keys(REQUIRED_PERMISSIONS) as MicrosoftOperation[]) {
    const missing = missingPermissions(REQUIRED_PERMISSIONS[op], roles);
    out[op] = { ready: missing.length === 0, missing };
  }
  return out;
}

function appRolesCheck(roles: readonly string[], operations: Record<MicrosoftOperation, { ready: boolean; missing: string[] }>): VerificationCheck {
  // permission -> operations that need it, in a stable order
  const neededBy = new Map<string, MicrosoftOperation[]>();
  for (const [op, { missing }] of Object.entries(operations) as Array<[MicrosoftOperation, { missing: string[] }]>) {
    for (const p of missing) neededBy.set(p, [...(neededBy.get(p) ?? []), op]);
  }
  const missing = [...neededBy.keys()];
  const details = { grantedRoles: [...roles], missing, neededBy: Object.fromEntries(neededBy) };
  if (missing.length === 0) {
    return {
      name: 'app_roles',
      status: 'pass',
      reasonCode: 'ok',
      message: 'All required Microsoft Graph application permissions are granted.',
      nextSteps: [],
      details,
    };
  }
  const nextSteps = [
    ...missing.map((p) => `Add the Microsoft Graph application permission ${p} (needed for: ${neededBy.get(p)!.join(', ')}) to the app registration.`),
    CONSENT_STEP,
  ];
  if (roles.length === 0) {
    return {
      name: 'app_roles',
      status: 'fail',
      reasonCode: 'permission_denied',
      message: `No Microsoft Graph application permissions are granted in this tenant; missing: ${missing.join(', ')}.`,
      nextSteps,
      details,
    };
  }
  return {
    name: 'app_roles',
    status: 'warn',
    reasonCode: 'permission_denied',
    message: `Missing Microsoft Graph application permissions: ${missing.join(', ')}.`,
    nextSteps,
    details,
  };
}

async function reachabilityCheck(ctx: MicrosoftOperationContext): Promise<VerificationCheck> {
  try {
    const org = await readOrganization(ctx);
    return {
      name: 'graph_reachability',
      status: 'pass',
      reasonCode: 'ok',
      message: `Microsoft Graph answered for ${org.displayName ?? org.id}.`,
      nextSteps: [],
      details: { organizationId: org.id },
    };
  } catch (error) {
    const e = asProviderError(error, ctx);
    // A 403 still proves Graph is reachable and accepted the token; the roles check names the gap.
    const status: CheckStatus = e.reasonCode === 'permission_denied' ? 'warn' : 'fail';
    return { name: 'graph_reachability', status, reasonCode: e.reasonCode, message: e.message, nextSteps: e.nextSteps, details: e.details() };
  }
}

function skipped(name: VerificationCheck['name'], message: string): VerificationCheck {
  return { name, status: 'skip', reasonCode: 'ok', message, nextSteps: [] };
}

function summarize(checks: VerificationCheck[], operations?: VerificationReport['operations']): VerificationReport {
  const failed = checks.find((c) => c.status === 'fail');
  const warned = checks.find((c) => c.status === 'warn');
  const base = { checks, ...(operations ? { operations } : {}) };
  if (failed) return { ...base, overall: BLOCKING.has(failed.reasonCode) ? 'blocked' : 'error', reasonCode: failed.reasonCode };
  if (warned) return { ...base, overall: 'degraded', reasonCode: warned.reasonCode };
  return { ...base, overall: 'healthy', reasonCode: 'ok' };
}
