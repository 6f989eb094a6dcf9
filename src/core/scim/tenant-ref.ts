// The `frontegg-tenant-id` header names a tenant by its numeric id or its slug. Members and
// application tokens resolve it inside their own workspace (row-level security); the vendor
// resolves it across workspaces, where only the numeric id or a slug used once is unambiguous.
import type { Db, Queryable } from '../../db/database.ts';
import { AppError } from '../errors.ts';
import { findTenantsByRef } from '../identity/tenant-repository.ts';

export interface TenantRef {
  id: number;
  workspaceId: string;
}

const NUMERIC = /^\d{1,18}$/;
const SHAPE = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;

const notFound = () => new AppError('tenant.not_found', 'tenant not found');

async function lookup(q: Queryable, ref: string): Promise<TenantRef[]> {
  const value = ref.trim();
  if (!SHAPE.test(value)) return [];
  const rows = await findTenantsByRef(q, value.toLowerCase(), NUMERIC.test(value) ? value : null);
  if (rows[0]?.by_id) return [{ id: rows[0].id, workspaceId: rows[0].workspace_id }];
  return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id }));
}

/** Inside a workspace transaction: only that workspace's tenants are visible. */
export async function resolveTenantInWorkspace(q: Queryable, ref: string): Promise<TenantRef> {
  const [t] = await lookup(q, ref);
  if (!t) throw notFound();
  return t;
}

/** The vendor's lookup across workspaces. */
export async function resolveTenantAnywhere(db: Db, ref: string): Promise<TenantRef> {
  const found = await lookup(db, ref);
  if (found.length === 0) throw notFound();
  if (found.length > 1) {
    throw new AppError('tenant.ambiguous', 'this slug names tenants in several workspaces; use the numeric tenant id');
  }
  return found[0];
}
