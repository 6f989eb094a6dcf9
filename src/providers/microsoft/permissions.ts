// The Microsoft Graph application permissions (app roles) each operation needs, and the
// higher-privileged ones Graph accepts in their place, so a tenant that consented to
// Directory.Read.All is not reported as missing User.Read.All.

export type MicrosoftOperation = 'health' | 'inventory' | 'compliance';

export const REQUIRED_PERMISSIONS: Readonly<Record<MicrosoftOperation, readonly string[]>> = Object.freeze({
  health: ['Organization.Read.All'],
  inventory: ['User.Read.All', 'Group.Read.All', 'DeviceManagementManagedDevices.Read.All'],
  compliance: ['DeviceManagementManagedDevices.Read.All'],
});

/** Optional: lets the compliance snapshot read Intune's one-call summary instead of paging devices. */
export const COMPLIANCE_SUMMARY_PERMISSION = 'DeviceManagementConfiguration.Read.All';

export const COLLECTION_PERMISSIONS = Object.freeze({
  users: 'User.Read.All',
  groups: 'Group.Read.All',
  managedDevices: 'DeviceManagementManagedDevices.Read.All',
});

const ALSO_SATISFIED_BY: Readonly<Record<string, readonly string[]>> = {
  'Organization.Read.All': ['Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'User.Read.All': ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'Group.Read.All': ['Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'DeviceManagementManagedDevices.Read.All': ['DeviceManagementManagedDevices.ReadWrite.All'],
  'DeviceManagementConfiguration.Read.All': ['DeviceManagementConfiguration.ReadWrite.All'],
};

export function isGranted(permission: string, grantedRoles: readonly string[]): boolean {
  return grantedRoles.includes(permission) || (ALSO_SATISFIED_BY[permission] ?? []).some((p) => grantedRoles.includes(p));
}

export function missingPermissions(required: readonly string[], grantedRoles: readonly string[]): string[] {
  return required.filter((p) => !isGranted(p, grantedRoles));
}
