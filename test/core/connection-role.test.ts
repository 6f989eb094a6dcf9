// Row-level security holds even when the service connects as a superuser: a workspace transaction
// switches to switchboard_app, and PostgreSQL checks superuser and BYPASSRLS on that role, not on
// the session's. The start warns (one line, with the fix) when the connecting role is a superuser
// or has BYPASSRLS, says at info level when it owns the tables, and stays quiet on the embedded
// database (which always runs as its own superuser). On PostgreSQL the suite connects as the
// superuser `postgres`, which is exactly the case under test.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../../src/db/connect.ts';
import { connectionRoleFacts } from '../../src/db/connection-role-repository.ts';
import { checkConnectionRole, reportConnectionRole } from '../../src/db/connection-role.ts';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { usingPostgres } from '../helpers/database.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

function capture(level = 'debug') {
  const lines: Array<Record<string, any>> = [];
  const logger = pino(
    { level },
    new Writable({
      write(chunk, _enc, cb) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        cb();
      },
    }),
  );
  return { logger, lines };
}

const roleLines = (logs: string[]) => logs.flatMap((l) => l.split('\n')).filter((l) => l.includes('"msg":"database role '));

let t: TestRuntime;
before(async () => {
  t = await startTestRuntime({ work: false });
});
after(() => t.close());

if (!usingPostgres) {
  describe('embedded database', () => {
    test('no warning: PGlite is always its own superuser and the service its only user (one debug line)', async () => {
      assert.deepEqual(roleLines(t.logs), []);
      const { logger, lines } = capture();
      assert.equal(await checkConnectionRole(t.rt.db, logger), undefined);
      assert.equal(lines.length, 1);
      assert.equal(lines[0].level, 20);
      assert.match(lines[0].msg, /embedded database/);
    });
  });
}

if (usingPostgres) {
  describe('PostgreSQL, connected as a superuser', () => {
    let a: Awaited<ReturnType<typeof setupWorkspace>>;
    let b: Awaited<ReturnType<typeof setupWorkspace>>;
    before(async () => {
      const vendor = apiClient(t.rt.app!, t.vendorToken);
      a = await setupWorkspace(vendor, 'RoleA');
      b = await setupWorkspace(vendor, 'RoleB');
    });

    test('the start logged one warning naming the role, the risk and the fix', () => {
      const lines = roleLines(t.logs).map((l) => JSON.parse(l));
      assert.equal(lines.length, 1, JSON.stringify(lines));
      const [w] = lines;
      assert.equal(w.level, 40);
      assert.equal(w.superuser, true);
      assert.match(w.msg, /^database role "[^"]+" is a superuser: row-level security still confines workspace transactions/);
      assert.match(w.msg, /dedicated login role .* neither SUPERUSER nor BYPASSRLS/);
    });

    test("a workspace transaction on the superuser's connection runs as switchboard_app and cannot read or write another workspace", async () => {
      const db = t.rt.db;
      const whoami = await db.workspaceTx(a.workspaceId, (q) =>
        q.query<{ cur: string; ses_super: boolean; cur_priv: boolean }>(
          `SELECT current_user AS cur,
             (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS ses_super,
             (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS cur_priv`,
        ),
      );
      assert.deepEqual(whoami, [{ cur: 'switchboard_app', ses_super: true, cur_priv: false }]);

      // the connection's own rights see both workspaces: the rows exist
      const all = await db.tx((q) =>
        q.query<{ workspace_id: string }>('SELECT DISTINCT workspace_id FROM tenants WHERE workspace_id = ANY($1)', [[a.workspaceId, b.workspaceId]]),
      );
      assert.equal(all.length, 2);

      for (const table of ['tenants', 'members', 'api_tokens', 'audit_events']) {
        const seen = await db.workspaceTx(a.workspaceId, (q) => q.query<{ workspace_id: string }>(`SELECT DISTINCT workspace_id FROM ${table}`));
        assert.deepEqual(
          seen.map((r) => r.workspace_id),
          [a.workspaceId],
          `${table}: only the transaction's workspace`,
        );
        const named = await db.workspaceTx(a.workspaceId, (q) =>
          q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [b.workspaceId]),
        );
        assert.equal(named[0].n, 0, `${table}: naming the other workspace finds nothing`);
      }
      const updated = await db.workspaceTx(a.workspaceId, (q) =>
        q.query(`UPDATE tenants SET name = 'taken' WHERE workspace_id = $1 RETURNING id`, [b.workspaceId]),
      );
      assert.equal(updated.length, 0);
      await assert.rejects(
        db.workspaceTx(a.workspaceId, (q) => q.query(`INSERT INTO tenants (workspace_id, name, slug) VALUES ($1, 'planted', 'planted')`, [b.workspaceId])),
        (err: { code?: string }) => err.code === '42501',
      );
      const names = await db.tx((q) => q.query<{ name: string }>('SELECT name FROM tenants WHERE workspace_id = $1', [b.workspaceId]));
      assert.ok(!names.some((r) => r.name === 'taken' || r.name === 'planted'));
    });

    describe('how each kind of role is reported', () => {
      const suffix = randomBytes(3).toString('hex');
      const roles = { plain: `sb_plain_${suffix}`, bypass: `sb_bypass_${suffix}`, owner: `sb_owner_${suffix}` };
      const admin = async (sql: string) => {
        const c = new pg.Client({ connectionString: t.env.DATABASE_URL });
        await c.connect();
        try {
          await c.query(sql);
        } finally {
          await c.end();
        }
      };
      const as = (role: string) => {
        const u = new URL(t.env.DATABASE_URL);
        u.username = role;
        return u.toString();
      };
      before(async () => {
        await admin(`CREATE ROLE ${roles.plain} LOGIN; CREATE ROLE ${roles.bypass} LOGIN BYPASSRLS; CREATE ROLE ${roles.owner} LOGIN;
          ALTER TABLE projects OWNER TO ${roles.owner}`);
      });
      after(async () => {
        await admin(`ALTER TABLE projects OWNER TO CURRENT_USER; DROP ROLE ${roles.plain}; DROP ROLE ${roles.bypass}; DROP ROLE ${roles.owner}`);
      });

      const report = async (role: string) => {
        const { db } = await openDatabase({ databaseUrl: as(role), poolSize: 1 });
        try {
          const { logger, lines } = capture();
          const facts = await connectionRoleFacts(db);
          return { facts, finding: reportConnectionRole(facts, logger), lines };
        } finally {
          await db.close();
        }
      };

      test('BYPASSRLS: warned about, with the fix', async () => {
        const r = await report(roles.bypass);
        assert.equal(r.finding, 'bypassrls');
        assert.equal(r.lines.length, 1);
        assert.equal(r.lines[0].level, 40);
        assert.match(r.lines[0].msg, new RegExp(`^database role "${roles.bypass}" has BYPASSRLS: .*neither SUPERUSER nor BYPASSRLS`));
      });

      test('owning the tables: said once at info level (what the service needs), not a warning', async () => {
        const r = await report(roles.owner);
        assert.equal(r.finding, 'owner');
        assert.equal(r.facts.ownedRlsTables, 1);
        assert.deepEqual(
          r.lines.map((l) => l.level),
          [30],
        );
        assert.match(r.lines[0].msg, /owns the Switchboard tables/);
      });

      test('a role with none of these: nothing logged', async () => {
        const r = await report(roles.plain);
        assert.deepEqual(r.facts, { role: roles.plain, superuser: false, bypassRls: false, ownedRlsTables: 0 });
        assert.equal(r.finding, 'none');
        assert.deepEqual(r.lines, []);
      });
    });

    test('the production setup of docs/configuration.md ("Database roles") migrates, serves and is not warned about', async () => {
      const name = `sb_prod_${randomBytes(3).toString('hex')}`;
      const admin = async (sql: string) => {
        const c = new pg.Client({ connectionString: t.env.DATABASE_URL });
        await c.connect();
        try {
          await c.query(sql);
        } finally {
          await c.end();
        }
      };
      const u = new URL(t.env.DATABASE_URL);
      u.username = name;
      u.pathname = `/${name}`;
      await admin(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB CREATEROLE`);
      await admin(`CREATE DATABASE ${name} OWNER ${name}`);
      try {
        // one deployment started twice: same database, key and vendor token
        const env = {
          DATABASE_URL: u.toString(),
          SWITCHBOARD_KEYRING: `1:${randomBytes(32).toString('base64')}`,
          SWITCHBOARD_BOOTSTRAP_TOKEN: `sbt_${randomBytes(32).toString('base64url')}`,
        };
        const first = await startTestRuntime({ work: true, env });
        await first.close();
        await admin(`ALTER ROLE ${name} NOCREATEROLE`); // only the first migration needs it
        const rt = await startTestRuntime({ work: true, env });
        try {
          const vendor = apiClient(rt.rt.app!, env.SWITCHBOARD_BOOTSTRAP_TOKEN);
          const ws = await setupWorkspace(vendor, 'Prod');
          assert.equal((await vendor.as(ws.ownerToken).get(`/api/v1/workspaces/${ws.workspaceId}/audit-events`)).status, 200);
          const lines = roleLines(rt.logs).map((l) => JSON.parse(l));
          assert.deepEqual(
            lines.map((l) => [l.level, l.role]),
            [[30, name]],
            'one info line, no warning',
          );
        } finally {
          await rt.close();
        }
      } finally {
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin(`DROP ROLE ${name}`);
      }
    });
  });
}
