// The doors into a tenant's or a connection's workspace. The tenant or connection named in the
// path decides the workspace; it is looked up *before* any capability check, so a principal of
// another workspace always gets 404 (never 403), and only then is the capability checked.
import type { Db, Queryable } from '../../db/database.ts';
import type { Capability } from '../access/capabilities.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import { assertCapability, type Principal } from '../access/principal.ts';
import type { RequestContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import type { ConnectionRecord } from './connection-record.ts';
import { findConnection, findTenant, findTenantsBySlug, workspaceOfConnection } from './connection-repository.ts';
import { isUuid } from '../../lib/uuid.ts';

export type TenantRef = { id: number } | { slug: string };
/** A connection by its UUID (foundation, optionally under a tenant) or by its number (identity). */
export type ConnectionRef = { id: string; tenantId?: number } | { number: number };

function check(p: Principal, capabilities: Capability | readonly Capability[] | null): void {
  if (!capabilities) return;
  for (const c of typeof capabilities === 'string' ? [capabilities] : capabilities) assertCapability(p, c);
}

/** Application tokens narrowed to some providers act on those only. */
export function assertProviderAllowed(p: Principal, provider: string): void {
  if (p.providers && !p.providers.includes(provider)) {
    throw new AppError('access.forbidden', `this token is limited to the providers ${p.providers.join(', ') || '(none)'}`, { provider });
  }
}

export function providerVisible(p: Principal, provider: string): boolean {
  return !p.providers || p.providers.includes(provider);
}

async function tenantWorkspace(db: Db, ctx: RequestContext, ref: TenantRef): Promise<string> {
  const p = ctx.principal;
  if (p.kind !== 'vendor') return p.workspaceId!;
  // Only the vendor spans workspaces; a slug is unique per workspace, so an ambiguous one is refused.
  const rows = 'id' in ref ? [await findTenant(db, ref)].filter((t) => t !== null) : await findTenantsBySlug(db, ref.slug);
  if (rows.length !== 1)
    throw notFound('tenant.not_found', rows.length > 1 ? 'tenant slug is ambiguous across workspaces; use the numeric tenant id' : undefined);
  return rows[0].workspace_id;
}

export async function inTenant<T>(
  db: Db,
  ctx: RequestContext,
  ref: TenantRef,
  capabilities: Capability | readonly Capability[] | null,
  fn: (q: Queryable, tenant: { id: number; workspace_id: string }) => Promise<T>,
): Promise<T> {
  const workspaceId = await tenantWorkspace(db, ctx, ref);
  return inWorkspace(db, ctx, workspaceId, null, async (q) => {
    const tenant = await findTenant(q, ref);
    if (!tenant) throw notFound('tenant.not_found');
    check(ctx.principal, capabilities);
    return fn(q, tenant);
  });
}

export async function onConnection<T>(
  db: Db,
  ctx: RequestContext,
  ref: ConnectionRef,
  capabilities: Capability | readonly Capability[] | null,
  opts: { lock?: boolean },
  fn: (q: Queryable, connection: ConnectionRecord) => Promise<T>,
): Promise<T> {
  const p = ctx.principal;
  if ('id' in ref && !isUuid(ref.id)) throw notFound('provider_connection.not_found');
  const workspaceId = p.kind === 'vendor' ? await workspaceOfConnection(db, ref) : p.workspaceId!;
  if (!workspaceId) throw notFound('provider_connection.not_found');
  return inWorkspace(db, ctx, workspaceId, null, async (q) => {
    const c = await findConnection(q, ref, opts.lock);
    if (!c || ('id' in ref && ref.tenantId !== undefined && c.tenant_id !== ref.tenantId)) throw notFound('provider_connection.not_found');
    check(p, capabilities);
    assertProviderAllowed(p, c.provider);
    return fn(q, c);
  });
}

/**
 * Destructive or privilege-raising actions need an explicit confirmation: the request carries
 * `X-Confirm: <the connection's id>` (its UUID or its number), or `X-Confirm: dedicated` when
 * creating a dedicated connection. Binding the value to the target means a header set once in a
 * client cannot silently confirm every later action.
 */
export const CONFIRM_HEADER = 'x-confirm';

export function assertConfirmed(given: string | string[] | undefined, accepted: readonly string[], action: string): void {
  const value = Array.isArray(given) ? given[0] : given;
  if (value !== undefined && accepted.some((a) => a.toLowerCase() === value.trim().toLowerCase())) return;
  throw new AppError('access.confirmation_required', `${action} needs an explicit confirmation: send the header "X-Confirm: ${accepted[0]}"`, {
    confirm_header: 'X-Confirm',
    confirm_value: accepted[0],
  });
}
