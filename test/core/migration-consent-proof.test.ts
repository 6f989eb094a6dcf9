// 0009_consent_proof.sql on a database that already holds consents recorded the old way
// (asserted by the caller, not proven by Microsoft): a tenant one workspace alone holds stays
// granted and bound; a tenant several workspaces "hold" — the takeover's signature — and a tenant
// named by domain are reset to `required` and must be consented again. Runs on PGlite, and on a
// PostgreSQL database of its own when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../src/db/connect.ts';
import type { Db } from '../../src/db/database.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';

const SOLE = '0a0a0a0a-1111-4222-8333-444444444444';
const SHARED = '0b0b0b0b-1111-4222-8333-444444444444';
let db: Db;
let close: () => Promise<void>;

before(async () => {
  if (process.env.DATABASE_URL) {
    const name = `sb_mig_${randomBytes(4).toString('hex')}`;
    const adminUrl = process.env.DATABASE_URL;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const opened = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    db = opened.db;
    close = async () => {
      await db.close();
      const d = new pg.Client({ connectionString: adminUrl });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    };
  } else {
    db = (await openDatabase({ memory: true })).db;
    close = () => db.close();
  }
});
after(() => close?.());

test('consents recorded before proof: kept where one workspace alone holds the tenant, reset where several do or the tenant is a domain', async () => {
  // Every migration before 0009, as an existing installation has them.
  await db.tx(async (q) => {
    await q.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const m of listMigrations().filter((m) => m.version < 9)) {
      await q.exec(m.sql);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
  });
  const ids = await db.tx(async (q) => {
    const ws = async (name: string) => (await q.query<{ id: string }>('INSERT INTO workspaces (name) VALUES ($1) RETURNING id', [name]))[0].id;
    const tenant = async (w: string) =>
      (await q.query<{ id: number }>("INSERT INTO tenants (workspace_id, name, slug) VALUES ($1, 't', 't') RETURNING id", [w]))[0].id;
    const conn = async (w: string, t: number, entra: string) =>
      (
        await q.query<{ id: string }>(
          "INSERT INTO provider_connections (workspace_id, tenant_id, provider, entra_tenant_id, display_name, status, consent_status, health_status) VALUES ($1, $2, 'microsoft', $3, 'c', 'connected', 'granted', 'ok') RETURNING id",
          [w, t, entra],
        )
      )[0].id;
    const [a, b, c] = [await ws('A'), await ws('B'), await ws('C')];
    const [ta, tb, tc] = [await tenant(a), await tenant(b), await tenant(c)];
    return {
      a,
      sole: await conn(a, ta, SOLE),
      sharedA: await conn(a, ta, SHARED),
      sharedB: await conn(b, tb, SHARED),
      domain: await conn(c, tc, 'contoso.onmicrosoft.com'),
    };
  });

  assert.deepEqual(
    (await migrate(db)).applied,
    listMigrations()
      .filter((m) => m.version >= 9)
      .map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`),
  );

  const row = async (id: string) =>
    (
      await db.query<{ consent_status: string; status: string; consented_tenant_id: string | null; last_error_reason_code: string | null }>(
        'SELECT consent_status, status, consented_tenant_id, last_error_reason_code FROM provider_connections WHERE id = $1',
        [id],
      )
    )[0];
  assert.deepEqual(await row(ids.sole), { consent_status: 'granted', status: 'connected', consented_tenant_id: SOLE, last_error_reason_code: null });
  for (const id of [ids.sharedA, ids.sharedB, ids.domain]) {
    assert.deepEqual(await row(id), {
      consent_status: 'required',
      status: 'needs_consent',
      consented_tenant_id: null,
      last_error_reason_code: 'ext.microsoft.consent_unproven',
    });
  }
  assert.deepEqual(await db.query('SELECT entra_tenant_id, workspace_id FROM entra_tenant_bindings'), [{ entra_tenant_id: SOLE, workspace_id: ids.a }]);
});
