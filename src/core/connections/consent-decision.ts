// What a verified ID token proves for one connection: it must name the connection's Entra tenant
// and a signed-in user who holds a directory role that can grant tenant-wide consent to an app.
// Pure: the verification of the token itself is the adapter's (providers/microsoft/consent-proof.ts),
// the tenant binding the database's (0009_consent_proof.sql).
import type { VerifiedConsentClaims } from '../../providers/microsoft/consent-proof.ts';
import { isGuid } from '../../providers/microsoft/tenant-id.ts';
import type { ConnectionRecord } from './connection-record.ts';

export const CONSENT_REASONS = {
  unproven: 'ext.microsoft.consent_unproven',
  notAdmin: 'ext.microsoft.not_admin',
  tenantMismatch: 'ext.microsoft.tenant_mismatch',
  boundElsewhere: 'ext.microsoft.tenant_bound_elsewhere',
} as const;

/** Directory roles (role template ids, the `wids` claim) that may grant tenant-wide admin consent to an app. */
const CONSENT_ADMIN_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
};

export type ConsentDecision =
  | { ok: true; tenantId: string; adminRole: string }
  | { ok: false; reasonCode: string; message: string; problem: 'tenant_mismatch' | 'no_roles' | 'not_admin' };

export function decideConsent(c: Pick<ConnectionRecord, 'entra_tenant_id'>, claims: VerifiedConsentClaims): ConsentDecision {
  const tid = claims.tid.toLowerCase();
  // A connection named by GUID must be proven for exactly that GUID. One named by a domain was
  // redeemed at that domain's token endpoint, so Microsoft resolved the domain to `tid`: the proven
  // GUID is recorded and the binding is taken on it, never on the domain.
  if (!isGuid(tid) || (isGuid(c.entra_tenant_id) && c.entra_tenant_id.toLowerCase() !== tid)) {
    return {
      ok: false,
      reasonCode: CONSENT_REASONS.tenantMismatch,
      problem: 'tenant_mismatch',
      message: 'The administrator signed in to a different Entra tenant than the connection names; consent was not recorded.',
    };
  }
  if (claims.wids.length === 0) {
    return {
      ok: false,
      reasonCode: CONSENT_REASONS.notAdmin,
      problem: 'no_roles',
      message:
        "Microsoft's ID token carried no directory roles, so it does not prove an administrator consented. The app registration must emit the wids claim (groupMembershipClaims: DirectoryRole or All).",
    };
  }
  const role = claims.wids.map((w) => CONSENT_ADMIN_ROLES[w.toLowerCase()]).find((r) => r !== undefined);
  if (!role) {
    return {
      ok: false,
      reasonCode: CONSENT_REASONS.notAdmin,
      problem: 'not_admin',
      message:
        'The signed-in user is not a Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator of the tenant; consent was not recorded.',
    };
  }
  return { ok: true, tenantId: tid, adminRole: role };
}
