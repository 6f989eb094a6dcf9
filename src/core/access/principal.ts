// Who is calling. Built once per request by src/http/authenticate.ts and passed to services.
import { AppError, forbidden } from '../errors.ts';
import type { Capability, Role } from './capabilities.ts';

export interface Principal {
  kind: 'vendor' | 'member' | 'application';
  /** null only for the vendor, who spans workspaces. */
  workspaceId: string | null;
  tokenId: string | null;
  memberId: string | null;
  role: Role | null;
  capabilities: ReadonlySet<Capability>;
  /** Narrowing of an application token; null means not narrowed. */
  providers: readonly string[] | null;
  projects: readonly string[] | null;
  /** For audit rows and logs: never a secret. */
  actorId: string;
  /** When the credential behind this principal stops working (token expiry, JWT exp); null: never. */
  expiresAt?: Date | null;
}

/** Only owners manage owners (and owners' tokens); the vendor can do everything. */
export function actsAsOwner(p: Principal): boolean {
  return p.kind === 'vendor' || p.role === 'owner';
}

export const SYSTEM_ACTOR = { type: 'system', id: 'switchboard' } as const;

/**
 * The workspace a principal may act in. Another workspace answers exactly like a missing one
 * (404), so a caller learns nothing about what exists outside its own workspace.
 */
export function assertWorkspaceAccess(p: Principal, workspaceId: string): void {
  if (p.kind === 'vendor') return;
  if (p.workspaceId !== workspaceId) throw new AppError('workspace.not_found', 'workspace not found');
}

export function assertCapability(p: Principal, capability: Capability): void {
  if (!p.capabilities.has(capability)) throw forbidden(capability);
}

export function actorOf(p: Principal): { type: string; id: string } {
  return { type: p.kind, id: p.actorId };
}
