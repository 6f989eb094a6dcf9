import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { appendAudit } from '../../src/core/audit/audit-log.ts';
import { verifyAuditChains } from '../../src/core/audit/audit-verify.ts';
import { AppError } from '../../src/core/errors.ts';
import { createKeyring, envKeySource, fileKeySource } from '../../src/core/vault/keyring.ts';
import { createVault } from '../../src/core/vault/vault.ts';
import { loadConfig } from '../../src/config.ts';
import { createRuntime } from '../../src/runtime.ts';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

let t: TestRuntime;
let wsA: string;
let wsB: string;

before(async () => {
  t = await startTestRuntime({ work: false });
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  wsA = (await setupWorkspace(vendor, 'VaultA')).workspaceId;
  wsB = (await setupWorkspace(vendor, 'VaultB')).workspaceId;
});
after(() => t.close());

const ref = (workspaceId: string, recordId: string, field = 'client_secret') => ({ workspaceId, recordType: 'test_record', recordId, field });
const canary = () => `canary-${randomBytes(12).toString('hex')}`;

describe('vault', () => {
  test('seals with a fresh data key per secret and opens it again', async () => {
    const secret = canary();
    const info = await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.seal(q, ref(wsA, 'r1'), secret, { hint: true }));
    assert.equal(info.hint, secret.slice(-4));
    assert.match(info.fingerprint, /^[0-9a-f]{16}$/);
    const opened = await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.open(q, ref(wsA, 'r1')));
    assert.equal(opened, secret);
    await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.seal(q, ref(wsA, 'r2'), secret));
    const rows = await t.rt.db.query(`SELECT wrapped_key, ciphertext FROM vault_secrets WHERE record_id IN ('r1', 'r2') ORDER BY record_id`);
    assert.notDeepEqual(Buffer.from(rows[0].wrapped_key), Buffer.from(rows[1].wrapped_key), 'each secret has its own data key');
    assert.notDeepEqual(Buffer.from(rows[0].ciphertext), Buffer.from(rows[1].ciphertext));
  });

  test('a ciphertext copied onto another row, record or workspace does not decrypt', async () => {
    const secret = canary();
    await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.seal(q, ref(wsA, 'source'), secret));
    const copy = async (target: { workspaceId: string; recordId: string; field: string }) =>
      t.rt.db.query(
        `INSERT INTO vault_secrets (workspace_id, record_type, record_id, field, key_version, wrapped_key, iv, ciphertext, auth_tag, fingerprint)
         SELECT $1, record_type, $2, $3, key_version, wrapped_key, iv, ciphertext, auth_tag, fingerprint FROM vault_secrets
         WHERE workspace_id = $4 AND record_id = 'source' AND field = 'client_secret'`,
        [target.workspaceId, target.recordId, target.field, wsA],
      );
    await copy({ workspaceId: wsA, recordId: 'other-record', field: 'client_secret' });
    await copy({ workspaceId: wsA, recordId: 'source', field: 'other_field' });
    await copy({ workspaceId: wsB, recordId: 'source', field: 'client_secret' });
    for (const [ws, rid, field] of [
      [wsA, 'other-record', 'client_secret'],
      [wsA, 'source', 'other_field'],
      [wsB, 'source', 'client_secret'],
    ]) {
      await assert.rejects(
        t.rt.db.workspaceTx(ws, (q) => t.rt.vault.open(q, ref(ws, rid, field))),
        (err: unknown) => err instanceof AppError && err.code === 'vault.integrity_failed' && !err.message.includes(secret),
      );
    }
  });

  test('a scan of the whole database finds no plaintext secret', async () => {
    const secrets = Array.from({ length: 5 }, canary);
    for (const [i, s] of secrets.entries()) await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.seal(q, ref(wsA, `scan-${i}`), s, { hint: true }));
    const tables = await t.rt.db.query(`SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    let dump = '';
    for (const tb of tables) {
      const rows = await t.rt.db.query(`SELECT to_jsonb(x)::text AS j FROM "${tb.schemaname}"."${tb.tablename}" x`);
      dump += rows.map((r) => r.j).join('\n');
    }
    assert.ok(dump.length > 1000);
    for (const s of secrets) {
      assert.ok(!dump.includes(s), 'plaintext found');
      assert.ok(!dump.includes(Buffer.from(s).toString('hex')), 'hex plaintext found');
      assert.ok(!dump.includes(Buffer.from(s).toString('base64')), 'base64 plaintext found');
    }
  });

  test('release writes its audit row in the same transaction, and fails closed when it cannot', async () => {
    const secret = canary();
    await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.seal(q, ref(wsA, 'released'), secret));
    const audit = { workspaceId: wsA, actor: { type: 'member', id: 'member:test' }, action: 'secret.released', target: { type: 'test_record', id: 'released' }, outcome: 'success' as const };
    const got = await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.release(q, ref(wsA, 'released'), audit));
    assert.equal(got, secret);
    const [row] = await t.rt.db.query(`SELECT metadata::text AS m FROM audit_events WHERE action = 'secret.released' AND target_id = 'released'`);
    assert.ok(row, 'the release is audited');
    assert.ok(!row.m.includes(secret));

    // Make the audit insert fail (as a full disk or a lost connection would) — nothing is released.
    await t.rt.db.exec(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$;
      CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_audit();`);
    try {
      let released: string | null = null;
      await assert.rejects(
        t.rt.db.workspaceTx(wsA, async (q) => {
          released = await t.rt.vault.release(q, ref(wsA, 'released'), audit);
          return released;
        }),
        (err: unknown) => err instanceof AppError && err.code === 'audit.write_failed' && !err.message.includes(secret),
      );
      assert.equal(released, null);
    } finally {
      await t.rt.db.exec('DROP TRIGGER fail_audit ON audit_events; DROP FUNCTION fail_audit();');
    }
  });

  test('key rotation re-wraps data keys online: reads never fail, payloads are not re-encrypted', async () => {
    const secrets = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const s = canary();
      secrets.set(`rot-${i}`, s);
      await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.seal(q, ref(wsA, `rot-${i}`), s));
    }
    const before = await t.rt.db.query(`SELECT record_id, ciphertext, key_version FROM vault_secrets WHERE record_id LIKE 'rot-%'`);
    assert.ok(before.every((r) => r.key_version === 1));
    // The "running service" keeps reading with the keyring it loaded at start...
    let stop = false;
    let reads = 0;
    const reader = (async () => {
      const ids = [...secrets.keys()];
      while (!stop) {
        const id = ids[reads % ids.length];
        const v = await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.open(q, ref(wsA, id)));
        assert.equal(v, secrets.get(id));
        reads++;
      }
    })();
    // ...while the operator's `switchboard keys rotate` (another keyring over the same file) rotates.
    const source = fileKeySource(t.env.SWITCHBOARD_KEYRING_FILE, { create: false });
    const newVersion = source.addVersion!();
    assert.equal(newVersion, 2);
    const cli = createVault(createKeyring(source));
    const result = await cli.rewrapAll(t.rt.db, { batchSize: 7 }).finally(() => {
      stop = true;
    });
    await reader;
    // the rows planted by the copy test above do not authenticate: reported, left alone
    assert.equal(result.failed.length, 3);
    assert.ok(reads > 10, `reads happened during the rotation (${reads})`);
    assert.equal(result.toVersion, 2);
    const afterRows = await t.rt.db.query(`SELECT record_id, ciphertext, key_version FROM vault_secrets WHERE record_id LIKE 'rot-%'`);
    assert.ok(afterRows.every((r) => r.key_version === 2));
    const byId = new Map(before.map((r) => [r.record_id, Buffer.from(r.ciphertext)]));
    assert.ok(afterRows.every((r) => byId.get(r.record_id)!.equals(Buffer.from(r.ciphertext))), 'payload ciphertext unchanged');
    for (const [id, s] of secrets) assert.equal(await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.open(q, ref(wsA, id))), s);
  });

  test('the embedded keyring file is created with mode 0600; without a key a server deployment refuses to start', async () => {
    assert.equal(statSync(t.env.SWITCHBOARD_KEYRING_FILE).mode & 0o777, 0o600);
    const cfg = loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SWITCHBOARD_DATA_DIR: '/tmp/never' } as NodeJS.ProcessEnv);
    await assert.rejects(createRuntime(cfg, { http: false, work: false }), (err: unknown) => err instanceof AppError && err.code === 'vault.key_missing');
    assert.throws(() => envKeySource('1:short').load(), /32 bytes/);
    const k = createKeyring(envKeySource(`1:${randomBytes(32).toString('base64')},3:${randomBytes(32).toString('base64')}`));
    assert.equal(k.activeVersion(), 3);
  });
});

describe('audit log', () => {
  test('the chain verifies, and an edited, deleted-middle or deleted-last row is detected', async () => {
    const ws = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Chain')).workspaceId;
    for (let i = 0; i < 6; i++) {
      await t.rt.db.workspaceTx(ws, (q) => appendAudit(q, { workspaceId: ws, actor: { type: 'system', id: 'test' }, action: 'test.event', outcome: 'success', metadata: { i, nested: { b: 2, a: 1 } } }));
    }
    assert.equal((await verifyAuditChains(t.rt.db, { chain: ws })).ok, true);
    // The trigger refuses UPDATE and DELETE to everyone...
    await assert.rejects(t.rt.db.query(`UPDATE audit_events SET action = 'x' WHERE chain = $1`, [ws]), /append-only/);
    await assert.rejects(t.rt.db.query(`DELETE FROM audit_events WHERE chain = $1`, [ws]), /append-only/);
    // ...so tampering needs the owner to disable it; verify still catches it.
    const tamper = (sql: string) => t.rt.db.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update; ${sql}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`);
    await tamper(`UPDATE audit_events SET metadata = '{"i": 99}' WHERE chain = '${ws}' AND seq = 5`);
    let r = await verifyAuditChains(t.rt.db, { chain: ws });
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems.map((p) => [p.seq, p.problem]), [[5, 'hash_mismatch']]);

    const ws2 = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Chain2')).workspaceId;
    for (let i = 0; i < 6; i++) await t.rt.db.workspaceTx(ws2, (q) => appendAudit(q, { workspaceId: ws2, actor: { type: 'system', id: 'test' }, action: 'test.event', outcome: 'success' }));
    const last = (await t.rt.db.query(`SELECT max(seq)::int AS s FROM audit_events WHERE chain = $1`, [ws2]))[0].s;
    await tamper(`DELETE FROM audit_events WHERE chain = '${ws2}' AND seq = 3`);
    r = await verifyAuditChains(t.rt.db, { chain: ws2 });
    assert.ok(r.problems.some((p) => p.seq === 4 && p.problem === 'sequence_gap'));
    assert.ok(r.problems.some((p) => p.seq === 4 && p.problem === 'prev_hash_mismatch'));

    const ws3 = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Chain3')).workspaceId;
    for (let i = 0; i < 3; i++) await t.rt.db.workspaceTx(ws3, (q) => appendAudit(q, { workspaceId: ws3, actor: { type: 'system', id: 'test' }, action: 'test.event', outcome: 'success' }));
    await tamper(`DELETE FROM audit_events WHERE chain = '${ws3}' AND seq = (SELECT max(seq) FROM audit_events WHERE chain = '${ws3}')`);
    r = await verifyAuditChains(t.rt.db, { chain: ws3 });
    assert.deepEqual(r.problems.map((p) => p.problem), ['head_mismatch']);
    assert.ok(last > 0);
  });

  test('concurrent appends in one workspace keep one linear chain', async () => {
    const ws = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Concurrent')).workspaceId;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.rt.db.workspaceTx(ws, (q) => appendAudit(q, { workspaceId: ws, actor: { type: 'system', id: 'test' }, action: 'test.concurrent', outcome: 'success', metadata: { i } })),
      ),
    );
    const r = await verifyAuditChains(t.rt.db, { chain: ws });
    assert.equal(r.ok, true);
    const seqs = (await t.rt.db.query(`SELECT seq FROM audit_events WHERE chain = $1 ORDER BY seq`, [ws])).map((x) => Number(x.seq));
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  test('secret values are scrubbed from audit metadata and from log lines', async () => {
    const secret = canary();
    await t.rt.db.workspaceTx(wsA, (q) =>
      appendAudit(q, { workspaceId: wsA, actor: { type: 'system', id: 'test' }, action: 'test.scrub', outcome: 'success', metadata: { client_secret: secret, nested: { token: secret, api_key: secret } } }),
    );
    const [row] = await t.rt.db.query(`SELECT metadata::text AS m FROM audit_events WHERE action = 'test.scrub'`);
    assert.ok(!row.m.includes(secret));
    // The service's own logger configuration redacts the same names.
    const ownLines: string[] = [];
    const pinoMod = (await import('pino')).default;
    const { SECRET_KEYS } = await import('../../src/lib/redact.ts');
    const own = pinoMod({ redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), censor: '[redacted]' } }, new Writable({ write: (c, _e, cb) => (ownLines.push(c.toString()), cb()) }));
    own.info({ req: { headers: { authorization: `Bearer ${secret}` } } }, 'z');
    own.info({ credentials: { token: secret }, dedicated_credential: { client_secret: secret }, client_secret: secret }, 'y');
    assert.ok(!ownLines.join('').includes(secret));
    assert.ok(!t.logs.join('').includes(secret), 'nothing the runtime logged contains the secret');
  });
});
