import { createHash } from 'node:crypto';

// Directory and Intune objects computed from (tenant, index) on demand, so a tenant of 100,000
// devices costs nothing until a page asks for 999 of them, and every page is reproducible.

export type SimCollection = 'users' | 'groups' | 'managedDevices';

/** One device in twenty of each state, in this repeating order; the summary is computed from it. */
const COMPLIANCE_PATTERN = [
  ...Array<string>(12).fill('compliant'),
  ...Array<string>(3).fill('noncompliant'),
  ...Array<string>(2).fill('unknown'),
  'inGracePeriod',
  'error',
  'conflict',
] as const;

const KIND_PREFIX: Record<SimCollection, string> = { users: '00000001', groups: '00000002', managedDevices: '00000003' };
const OPERATING_SYSTEMS = ['Windows', 'iOS', 'Android', 'macOS'] as const;

export function tenantTag(tenantId: string): string {
  return createHash('sha256').update(tenantId).digest('hex').slice(0, 4);
}

function objectId(collection: SimCollection, tag: string, index: number): string {
  return `${KIND_PREFIX[collection]}-${tag}-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function complianceStateAt(index: number): string {
  return COMPLIANCE_PATTERN[index % COMPLIANCE_PATTERN.length];
}

export function itemAt(collection: SimCollection, tag: string, domain: string, index: number): Record<string, unknown> {
  const id = objectId(collection, tag, index);
  const n = String(index + 1).padStart(6, '0');
  if (collection === 'users') {
    return {
      id,
      displayName: `User ${n}`,
      userPrincipalName: `user${n}@${domain}`,
      mail: `user${n}@${domain}`,
      accountEnabled: index % 17 !== 0,
      userType: index % 23 === 0 ? 'Guest' : 'Member',
    };
  }
  if (collection === 'groups') {
    return { id, displayName: `Group ${n}`, mailEnabled: index % 3 === 0, securityEnabled: true, groupTypes: index % 3 === 0 ? ['Unified'] : [] };
  }
  const base = Date.UTC(2024, 0, 1) + index * 60_000;
  return {
    id,
    deviceName: `DEV-${n}`,
    operatingSystem: OPERATING_SYSTEMS[index % OPERATING_SYSTEMS.length],
    osVersion: `10.0.${19000 + (index % 5000)}`,
    complianceState: complianceStateAt(index),
    managementAgent: 'mdm',
    enrolledDateTime: new Date(base).toISOString(),
    lastSyncDateTime: new Date(base + 86_400_000).toISOString(),
    userPrincipalName: `user${String((index % 1000) + 1).padStart(6, '0')}@${domain}`,
    azureADDeviceId: objectId(collection, tag, index).replace(/^00000003/, '0000000a'),
  };
}

/** Counts per compliance state for a tenant of `total` devices, by arithmetic on the pattern. */
export function complianceCounts(total: number): Record<string, number> {
  const counts: Record<string, number> = {};
  const full = Math.floor(total / COMPLIANCE_PATTERN.length);
  const rest = total % COMPLIANCE_PATTERN.length;
  COMPLIANCE_PATTERN.forEach((state, i) => {
    counts[state] = (counts[state] ?? 0) + full + (i < rest ? 1 : 0);
  });
  return counts;
}

export function pick(item: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
  if (!select || select.length === 0) return item;
  const out: Record<string, unknown> = {};
  for (const key of select) if (key in item) out[key] = item[key];
  return out;
}
