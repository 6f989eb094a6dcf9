// Who may do what on the integrations surface, beyond the capability checks of inWorkspace:
// the surface acts in the caller's own workspace (its paths name none), application tokens may
// read within their narrowing but never change the store, and a narrowed token only sees its
// providers and projects.
import { assertCapability, type Principal } from '../access/principal.ts';
import { AppError } from '../errors.ts';
import type { Narrowing } from './types.ts';

export function workspaceOf(p: Principal): string {
  if (!p.workspaceId) {
    throw new AppError('access.forbidden', "the /sfp/api surface acts in the caller's workspace; use a member or application token of that workspace");
  }
  return p.workspaceId;
}

/** The contract: "Application tokens are not permitted for credential creation" (401). */
export function assertNotApplication(p: Principal): void {
  if (p.kind === 'application') {
    throw new AppError(
      'auth.application_token_not_permitted',
      'application tokens are not permitted to change integrations; authenticate as a user with the owner role',
    );
  }
}

/**
 * Everything that decides whether this principal may change the store, known before its body is
 * read (routes run it first, the service again in its transaction): application tokens 401, a
 * principal outside any workspace 403, a member without integrations.manage 403.
 */
export function assertMayManage(p: Principal): void {
  assertNotApplication(p);
  workspaceOf(p);
  assertCapability(p, 'integrations.manage');
}

/** The same for registering a project (projects.manage). */
export function assertMayManageProjects(p: Principal): void {
  workspaceOf(p);
  assertCapability(p, 'projects.manage');
}

export function narrowingOf(p: Principal): Narrowing {
  if (p.kind !== 'application') return { providers: null, projects: null };
  return { providers: p.providers, projects: p.projects };
}

const outsideNarrowing = (what: string) => new AppError('access.forbidden', `this token is not permitted for ${what}`, { narrowed: true });

export function assertProviderAllowed(n: Narrowing, provider: string): void {
  if (n.providers && !n.providers.includes(provider)) throw outsideNarrowing(`provider ${provider}`);
}

export function assertProjectAllowed(n: Narrowing, project: string): void {
  if (n.projects && !n.projects.includes(project)) throw outsideNarrowing(`project ${project}`);
}
