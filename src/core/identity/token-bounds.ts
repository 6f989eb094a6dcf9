// What a minted token may be, given who mints it: never wider (capabilities, providers,
// projects), never longer-lived (expiry) than its maker. Pure: the maker's bounds come in, the
// bounded grant or a stable error goes out. The database holds the same rules (0007_token_lineage.sql).
import type { Capability } from '../access/capabilities.ts';
import { AppError } from '../errors.ts';

export interface MakerBounds {
  /** null: unbounded (the vendor). */
  capabilities: ReadonlySet<Capability> | null;
  providers: readonly string[] | null;
  projects: readonly string[] | null;
  expiresAt: Date | null;
}

export const UNBOUNDED: MakerBounds = { capabilities: null, providers: null, projects: null, expiresAt: null };

export interface GrantRequest {
  providers?: readonly string[];
  projects?: readonly string[];
  expiresAt: Date | null;
}

export interface BoundedGrant {
  providers: string[] | null;
  projects: string[] | null;
  expiresAt: Date | null;
  /** What was taken from the maker because the request left it open (for the audit row). */
  inherited: Array<'providers' | 'projects' | 'expires_at'>;
}

export function assertCapabilitiesWithin(bounds: MakerBounds, capabilities: readonly string[], message: string): void {
  if (!bounds.capabilities) return;
  const exceeding = capabilities.filter((c) => !bounds.capabilities!.has(c as Capability));
  if (exceeding.length) throw new AppError('access.forbidden', `${message}: ${exceeding.join(', ')}`, { capability: exceeding[0] });
}

function narrowing(
  kind: 'providers' | 'projects',
  maker: readonly string[] | null,
  requested: readonly string[] | undefined,
  inherited: BoundedGrant['inherited'],
): string[] | null {
  const asked = requested === undefined ? null : [...new Set(requested)];
  if (maker === null) return asked;
  // An unnarrowed request from a narrowed maker is narrowed the same way, not refused.
  if (asked === null) {
    inherited.push(kind);
    return [...maker];
  }
  const outside = asked.filter((v) => !maker.includes(v));
  if (outside.length) {
    throw new AppError('token.narrowing_exceeded', `your token is limited to ${kind} ${maker.join(', ') || '(none)'}; a token you make cannot reach more`, {
      [kind]: outside,
    });
  }
  return asked;
}

export function boundGrant(bounds: MakerBounds, req: GrantRequest): BoundedGrant {
  const inherited: BoundedGrant['inherited'] = [];
  const providers = narrowing('providers', bounds.providers, req.providers, inherited);
  const projects = narrowing('projects', bounds.projects, req.projects, inherited);
  let expiresAt = req.expiresAt;
  if (bounds.expiresAt) {
    if (!expiresAt) {
      expiresAt = bounds.expiresAt;
      inherited.push('expires_at');
    } else if (expiresAt.getTime() > bounds.expiresAt.getTime()) {
      throw new AppError('token.expiry_exceeded', `a token you make cannot outlive yours (it expires at ${bounds.expiresAt.toISOString()})`, {
        max_expires_at: bounds.expiresAt.toISOString(),
      });
    }
  }
  return { providers, projects, expiresAt, inherited };
}
