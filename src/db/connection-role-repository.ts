// What the connecting database role may do beyond what the service needs (src/db/connection-role.ts).
import type { Queryable } from './database.ts';

export interface ConnectionRoleFacts {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  /** Tables with row-level security whose owner's rights this role has (its own, or inherited). */
  ownedRlsTables: number;
}

// pg_has_role(..., 'USAGE') is "has the privileges of": an owner's rights, and so its exemption
// from row-level security, are inherited by members of the owning role.
const FACTS_SQL = `
  SELECT r.rolname AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypass_rls,
    (SELECT count(*)::int FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND pg_catalog.pg_has_role(r.oid, c.relowner, 'USAGE')) AS owned_rls_tables
  FROM pg_catalog.pg_roles r WHERE r.rolname = current_user`;

export async function connectionRoleFacts(q: Queryable): Promise<ConnectionRoleFacts> {
  const [row] = await q.query<{ role: string; superuser: boolean; bypass_rls: boolean; owned_rls_tables: number }>(FACTS_SQL);
  return { role: row.role, superuser: row.superuser, bypassRls: row.bypass_rls, ownedRlsTables: row.owned_rls_tables };
}
