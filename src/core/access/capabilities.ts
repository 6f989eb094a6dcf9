// The one capability registry. Every check names a capability from here; roles are only
// named bundles of capabilities, so a role change never needs a code change elsewhere.
const CAPABILITIES = {
  'workspaces.manage': 'create and list workspaces (vendor only)',
  'tenants.view': 'see tenants',
  'tenants.manage': 'create and change tenants',
  'projects.view': 'see registered projects',
  'projects.manage': 'register and remove projects',
  'members.view': 'see members',
  'members.manage': 'add, change, disable and delete members (owners only by owners)',
  'tokens.view': 'list API tokens (never their secrets)',
  'tokens.manage': 'create and revoke API tokens (never wider or longer-lived than your own)',
  'providers.view': 'see provider connections',
  'providers.manage': 'create and change provider connections and their credentials',
  'providers.manage_dedicated': 'switch to dedicated mode, delete dedicated credentials',
  'providers.run': 'start operation runs against provider connections',
  'runs.view': 'see operation runs and their progress',
  'integrations.view': 'list integrations (never their secrets)',
  'integrations.manage': 'create, change and delete integrations and defaults',
  'integrations.credentials.read': 'retrieve decrypted integration credentials (audited)',
  'scim.view': 'see SCIM configurations',
  'scim.manage': 'create, rotate and delete SCIM configurations',
  'audit.view': 'read the audit log',
  'webhooks.manage': 'create, change, rotate and delete webhooks; see and redeliver their deliveries',
} as const;

export type Capability = keyof typeof CAPABILITIES;
export const ALL_CAPABILITIES = Object.keys(CAPABILITIES) as Capability[];
export const WORKSPACE_CAPABILITIES = ALL_CAPABILITIES.filter((c) => c !== 'workspaces.manage');

export const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

// Platform health needs no capability: the integrations contract opens it to any principal of the workspace.
const VIEW: Capability[] = ['tenants.view', 'projects.view', 'providers.view', 'runs.view', 'scim.view', 'members.view'];

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  owner: WORKSPACE_CAPABILITIES,
  // The integrations contract reserves the credential store to owners.
  admin: WORKSPACE_CAPABILITIES.filter((c) => !c.startsWith('integrations.')),
  operator: [...VIEW, 'providers.run'],
  viewer: VIEW,
};

export function isCapability(value: string): value is Capability {
  return Object.hasOwn(CAPABILITIES, value);
}
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
