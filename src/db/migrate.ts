// Numbered SQL migrations, applied in order, each in its own transaction, under an advisory
// lock so several nodes starting at once migrate exactly once. A landed file is never edited.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockForTransaction } from './advisory-locks.ts';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(join(MIGRATIONS_DIR, f), 'utf8') }));
}

export async function migrate(db: Db): Promise<{ applied: string[] }> {
  const applied: string[] = [];
  // The lock is transaction-scoped, so it is released even if this process dies mid-way.
  await db.tx(async (q) => {
    await lockForTransaction(q, 'migrations');
    await q.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      await q.exec(m.sql);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
    }
  });
  return { applied };
}

/** Are all known migrations applied? (readiness) */
export async function migrationsPending(db: Db): Promise<number> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations').catch(() => [] as { version: number }[]);
  const done = new Set(rows.map((r) => r.version));
  return listMigrations().filter((m) => !done.has(m.version)).length;
}
