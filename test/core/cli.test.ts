// The command line against a real database: migrate, keys rotate, audit verify (exit codes matter:
// operators script them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { ensureVendorToken } from '../../src/core/identity/vendor-bootstrap.ts';
import { createAuthenticator } from '../../src/http/authenticate.ts';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
let t: TestRuntime;
let workspaceId: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { env: { ...process.env, ...t.env, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  t = await startTestRuntime({ work: false, persistent: true });
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  workspaceId = (await setupWorkspace(vendor, 'Cli')).workspaceId;
  for (let i = 0; i < 5; i++) {
    await t.rt.db.workspaceTx(workspaceId, (q) =>
      t.rt.vault.seal(q, { workspaceId, recordType: 'cli', recordId: `r${i}`, field: 'secret' }, `value-${i}-abcdefghijkl`),
    );
  }
  await t.stop(); // the embedded database is single-process: the CLI opens it next
});
after(() => t.close());

describe('switchboard CLI', () => {
  test('migrate is idempotent', () => {
    const r = cli('migrate');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /database is up to date/);
  });

  test('keys rotate adds a key version and re-wraps every data key', async () => {
    const r = cli('keys', 'rotate');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /added key version 2; re-wrapped 5 data keys/);
    // Not a terminal: progress in whole lines, never carriage returns piling up in a log.
    assert.ok(!r.out.includes('\r'), JSON.stringify(r.out));
    assert.match(r.stderr, /^re-wrapped 5 data keys$/m);
    const { db } = await openDatabase({ databaseUrl: t.env.DATABASE_URL, dataDir: t.env.SWITCHBOARD_DATA_DIR });
    try {
      const rows = await db.query('SELECT DISTINCT key_version FROM vault_secrets');
      assert.deepEqual(
        rows.map((x) => x.key_version),
        [2],
      );
    } finally {
      await db.close();
    }
  });

  test('keys status shows 100% on the new version; keys retire refuses the active version and retires the old one (the trail still verifies)', () => {
    const status = cli('keys', 'status');
    assert.equal(status.code, 0, status.out);
    assert.match(status.out, /^v1\s+keyring\s+available\s+0\b/m);
    assert.match(status.out, /^v2\s+keyring\s+active\s+5\b/m);
    assert.match(status.out, /100% on v2 \(5 data keys\)/);
    const active = cli('keys', 'retire', 'v2');
    assert.equal(active.code, 1, active.out);
    assert.match(active.out, /key version 2 is the active version/);
    const bad = cli('keys', 'retire', 'two');
    assert.equal(bad.code, 2, bad.out);
    const retired = cli('keys', 'retire', 'v1');
    assert.equal(retired.code, 0, retired.out);
    assert.match(retired.out, /retired key version 1 \(keyring\); its key is destroyed/);
    assert.match(cli('keys', 'status').out, /^v1\s+keyring\s+retired\s+0\b/m);
    const verify = cli('audit', 'verify');
    assert.equal(verify.code, 0, verify.out);
  });

  test('vendor-token rotate prints a new token once and revokes the old; revoke leaves none until rotate recovers', async () => {
    const r = cli('vendor-token', 'rotate');
    assert.equal(r.code, 0, r.out);
    const printed = /(sbt_[A-Za-z0-9_-]{43})/.exec(r.out)?.[1];
    assert.ok(printed, r.out);
    assert.notEqual(printed, t.vendorToken);
    const { db } = await openDatabase({ databaseUrl: t.env.DATABASE_URL, dataDir: t.env.SWITCHBOARD_DATA_DIR });
    const auth = createAuthenticator({ db });
    try {
      await assert.rejects(auth.authenticate(`Bearer ${t.vendorToken}`), /not valid/, 'the old vendor token is revoked');
      assert.equal((await auth.authenticate(`Bearer ${printed}`)).kind, 'vendor');
      const [audit] = await db.query(`SELECT actor_type, actor_id, metadata FROM audit_events WHERE chain = '' AND action = 'token.vendor_rotated'`);
      assert.deepEqual([audit.actor_type, audit.actor_id, audit.metadata.revokedTokenIds.length], ['system', 'cli', 1]);
      assert.ok(!JSON.stringify(await db.query('SELECT * FROM audit_events')).includes(printed), 'the token is in no audit row');
    } finally {
      await auth.close();
      await db.close();
    }
    const off = cli('vendor-token', 'revoke');
    assert.equal(off.code, 0, off.out);
    assert.match(off.out, /vendor-token rotate/);
    const again = await openDatabase({ databaseUrl: t.env.DATABASE_URL, dataDir: t.env.SWITCHBOARD_DATA_DIR });
    try {
      const live = await again.db.query(`SELECT count(*)::int AS n FROM api_tokens WHERE kind = 'vendor' AND revoked_at IS NULL`);
      assert.equal(live[0].n, 0);
      // A restart with SWITCHBOARD_BOOTSTRAP_TOKEN still set does not bring a vendor token back.
      assert.equal((await ensureVendorToken(again.db, t.vendorToken)).created, false);
    } finally {
      await again.db.close();
    }
    const back = cli('vendor-token', 'rotate');
    assert.equal(back.code, 0, back.out);
    assert.match(back.out, /0 previous vendor token\(s\) revoked/);
  });

  test('audit verify passes on an intact log and exits 1 on a tampered one', async () => {
    const ok = cli('audit', 'verify');
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /^OK: \d+ chains, \d+ events, 0 problems/m);
    const { db } = await openDatabase({ databaseUrl: t.env.DATABASE_URL, dataDir: t.env.SWITCHBOARD_DATA_DIR });
    await db.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
      UPDATE audit_events SET action = 'tenant.deleted' WHERE chain = '${workspaceId}' AND seq = 2;
      ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`);
    await db.close();
    const bad = cli('audit', 'verify');
    assert.equal(bad.code, 1, bad.out);
    assert.match(bad.out, new RegExp(`chain ${workspaceId} seq 2: hash_mismatch`));
    assert.match(bad.out, /TAMPERED/);
  });

  test('a long audit verify report is printed to its end, verdict included, when its output is a pipe', async () => {
    // 4000 rows keyed with a version nobody holds: thousands of problem lines, far more than a pipe buffers.
    const { db } = await openDatabase({ databaseUrl: t.env.DATABASE_URL, dataDir: t.env.SWITCHBOARD_DATA_DIR });
    await db.exec(`INSERT INTO audit_events (chain, seq, occurred_at, actor_type, action, outcome, prev_hash, hash, key_version)
      SELECT 'flood', n, now(), 'system', 'flood', 'success', '\\x00', '\\x00', 99 FROM generate_series(1, 4000) AS n`);
    await db.close();
    const r = cli('audit', 'verify');
    assert.equal(r.code, 1, r.out.slice(-500));
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.filter((l) => l.startsWith('chain flood ')).length >= 4000, `${lines.length} lines`);
    assert.match(lines.at(-1)!, /^TAMPERED: \d+ chains, \d+ events, \d+ problems/);
  });

  test('unknown commands say so and exit 2; the commands say where they look', () => {
    const r = cli('frobnicate');
    assert.equal(r.code, 2);
    assert.match(r.out, /unknown command "frobnicate"/);
    const m = cli('migrate');
    assert.match(m.stderr, new RegExp(`^switchboard: data directory ${t.env.SWITCHBOARD_DATA_DIR} \\(SWITCHBOARD_DATA_DIR\\)`));
  });
});
