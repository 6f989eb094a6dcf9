// Test databases. With DATABASE_URL set, every test file gets its own PostgreSQL database cloned
// from a template that is migrated once per migration set (fast, and tests never share state);
// without it, tests run on in-memory PGlite, the embedded default.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/connect.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';

export const usingPostgres = Boolean(process.env.DATABASE_URL);

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect().catch((err) => {
    throw new Error(`DATABASE_URL is set but PostgreSQL is not reachable (${(err as Error).message}); tests refuse to skip silently`);
  });
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated PostgreSQL database for one test file; drop() removes it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL!;
  const digest = createHash('sha256')
    .update(
      listMigrations()
        .map((m) => m.sql)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 12);
  const template = `sb_tpl_${digest}`;
  const name = `sb_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => {
    // One creator at a time: CREATE DATABASE ... TEMPLATE refuses while another session uses the template.
    await c.query('SELECT pg_advisory_lock(72420099)');
    try {
      const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!rows.length) {
        await c.query(`CREATE DATABASE ${template}`);
        const { db } = await openDatabase({ databaseUrl: withDb(base, template), poolSize: 1 });
        await migrate(db);
        await db.close();
      }
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(72420099)');
    }
  });
  return {
    url: withDb(base, name),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
