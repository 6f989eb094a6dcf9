// Row-level security confines every workspace transaction whoever the service connects as: the
// transaction switches to switchboard_app (SET LOCAL ROLE via set_config, src/db/database.ts), a
// NOLOGIN role that is no superuser, has no BYPASSRLS and owns nothing, and PostgreSQL checks those
// on the current role, not the session's. What the connecting role's own rights decide is
// everything else: migrations, workers, the vendor and token lookups run with them, and a statement
// that escaped its transaction's role (RESET ROLE, which needs only the session's rights) would
// run with them too. So a superuser or BYPASSRLS connection is warned about at start; owning the
// tables is what the service needs (see docs/decisions.md) and is said at info level.
import type { Logger } from 'pino';
import { connectionRoleFacts, type ConnectionRoleFacts } from './connection-role-repository.ts';
import type { Db } from './database.ts';

export type RoleFinding = 'superuser' | 'bypassrls' | 'owner' | 'none';

function classifyRole(facts: ConnectionRoleFacts): RoleFinding {
  if (facts.superuser) return 'superuser';
  if (facts.bypassRls) return 'bypassrls';
  return facts.ownedRlsTables > 0 ? 'owner' : 'none';
}

const FIX =
  'connect as a dedicated login role that owns only the Switchboard database and has neither SUPERUSER nor BYPASSRLS (docs/configuration.md, "Database roles")';

export function reportConnectionRole(facts: ConnectionRoleFacts, logger: Logger): RoleFinding {
  const finding = classifyRole(facts);
  const fields = { role: facts.role, superuser: facts.superuser, bypassrls: facts.bypassRls, owned_rls_tables: facts.ownedRlsTables };
  if (finding === 'superuser' || finding === 'bypassrls') {
    const what = finding === 'superuser' ? 'is a superuser' : 'has BYPASSRLS';
    const reach =
      finding === 'superuser'
        ? 'over the whole server (every database, its files and programs)'
        : 'that ignore row-level security in every database of the server';
    logger.warn(
      fields,
      `database role "${facts.role}" ${what}: row-level security still confines workspace transactions (each switches to switchboard_app), but the service's own statements run with rights ${reach}, and a statement escaping its transaction's role would too; ${FIX}`,
    );
  } else if (finding === 'owner') {
    logger.info(
      fields,
      `database role "${facts.role}" owns the Switchboard tables (migrations and cross-workspace work need it); workspace transactions run as switchboard_app under row-level security`,
    );
  }
  return finding;
}

/** At start: one line about the connecting role. The embedded database always runs as its superuser (nothing to fix there). */
export async function checkConnectionRole(db: Db, logger: Logger): Promise<RoleFinding | undefined> {
  if (db.kind === 'pglite') {
    logger.debug(
      'embedded database: the service is its only user and connects as its superuser; row-level security confines workspace transactions (switchboard_app)',
    );
    return undefined;
  }
  return reportConnectionRole(await connectionRoleFacts(db), logger);
}
