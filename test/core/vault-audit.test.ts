import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { appendAudit, GENESIS_HASH, hashEvent } from '../../src/core/audit/audit-log.ts';
import { verifyAuditChains } from '../../src/core/audit/audit-verify.ts';
import { AppError } from '../../src/core/errors.ts';
import { envKeySource, fileKeySource } from '../../src/core/vault/key-source-local.ts';
import { openKeyring } from '../../src/core/vault/keyring.ts';
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
    const audit = {
      workspaceId: wsA,
      actor: { type: 'member', id: 'member:test' },
      action: 'secret.released',
      target: { type: 'test_record', id: 'released' },
      outcome: 'success' as const,
    };
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
    const cliKeyring = await openKeyring({ db: t.rt.db, sources: [source], defaultSource: 'keyring', createFirst: false });
    const newVersion = await cliKeyring.createVersion('keyring');
    assert.equal(newVersion, 2);
    const cli = createVault(cliKeyring);
    const result = await cli.rewrapAll(t.rt.db, { batchSize: 7 }).finally(() => {
      stop = true;
      cliKeyring.close();
    });
    await reader;
    // the rows planted by the copy test above do not authenticate: reported, left alone
    assert.equal(result.failed.length, 3);
    assert.ok(reads > 10, `reads happened during the rotation (${reads})`);
    assert.equal(result.toVersion, 2);
    const afterRows = await t.rt.db.query(`SELECT record_id, ciphertext, key_version FROM vault_secrets WHERE record_id LIKE 'rot-%'`);
    assert.ok(afterRows.every((r) => r.key_version === 2));
    const byId = new Map(before.map((r) => [r.record_id, Buffer.from(r.ciphertext)]));
    assert.ok(
      afterRows.every((r) => byId.get(r.record_id)!.equals(Buffer.from(r.ciphertext))),
      'payload ciphertext unchanged',
    );
    for (const [id, s] of secrets) assert.equal(await t.rt.db.workspaceTx(wsA, (q) => t.rt.vault.open(q, ref(wsA, id))), s);
  });

  test('the embedded keyring file is created with mode 0600; without a key a server deployment refuses to start', async () => {
    assert.equal(statSync(t.env.SWITCHBOARD_KEYRING_FILE).mode & 0o777, 0o600);
    const cfg = loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SWITCHBOARD_DATA_DIR: '/tmp/never' } as NodeJS.ProcessEnv);
    await assert.rejects(createRuntime(cfg, { http: false, work: false }), (err: unknown) => err instanceof AppError && err.code === 'vault.key_missing');
    assert.throws(() => envKeySource('1:short'), /32 bytes/);
    assert.deepEqual(envKeySource(`1:${randomBytes(32).toString('base64')},3:${randomBytes(32).toString('base64')}`).localVersions!(), [1, 3]);
  });
});

describe('audit log', () => {
  test('the chain verifies, and an edited, deleted-middle or deleted-last row is detected', async () => {
    const ws = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Chain')).workspaceId;
    for (let i = 0; i < 6; i++) {
      await t.rt.db.workspaceTx(ws, (q) =>
        appendAudit(q, {
          workspaceId: ws,
          actor: { type: 'system', id: 'test' },
          action: 'test.event',
          outcome: 'success',
          metadata: { i, nested: { b: 2, a: 1 } },
        }),
      );
    }
    assert.equal((await verifyAuditChains(t.rt.db, { chain: ws })).ok, true);
    // The trigger refuses UPDATE and DELETE to everyone...
    await assert.rejects(t.rt.db.query(`UPDATE audit_events SET action = 'x' WHERE chain = $1`, [ws]), /append-only/);
    await assert.rejects(t.rt.db.query(`DELETE FROM audit_events WHERE chain = $1`, [ws]), /append-only/);
    // ...so tampering needs the owner to disable it; verify still catches it.
    const tamper = (sql: string) =>
      t.rt.db.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update; ${sql}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`);
    await tamper(`UPDATE audit_events SET metadata = '{"i": 99}' WHERE chain = '${ws}' AND seq = 5`);
    let r = await verifyAuditChains(t.rt.db, { chain: ws });
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.problems.map((p) => [p.seq, p.problem]),
      [[5, 'hash_mismatch']],
    );

    const ws2 = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Chain2')).workspaceId;
    for (let i = 0; i < 6; i++)
      await t.rt.db.workspaceTx(ws2, (q) =>
        appendAudit(q, { workspaceId: ws2, actor: { type: 'system', id: 'test' }, action: 'test.event', outcome: 'success' }),
      );
    const last = (await t.rt.db.query(`SELECT max(seq)::int AS s FROM audit_events WHERE chain = $1`, [ws2]))[0].s;
    await tamper(`DELETE FROM audit_events WHERE chain = '${ws2}' AND seq = 3`);
    r = await verifyAuditChains(t.rt.db, { chain: ws2 });
    assert.ok(r.problems.some((p) => p.seq === 4 && p.problem === 'sequence_gap'));
    assert.ok(r.problems.some((p) => p.seq === 4 && p.problem === 'prev_hash_mismatch'));

    const ws3 = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Chain3')).workspaceId;
    for (let i = 0; i < 3; i++)
      await t.rt.db.workspaceTx(ws3, (q) =>
        appendAudit(q, { workspaceId: ws3, actor: { type: 'system', id: 'test' }, action: 'test.event', outcome: 'success' }),
      );
    await tamper(`DELETE FROM audit_events WHERE chain = '${ws3}' AND seq = (SELECT max(seq) FROM audit_events WHERE chain = '${ws3}')`);
    r = await verifyAuditChains(t.rt.db, { chain: ws3 });
    assert.deepEqual(
      r.problems.map((p) => p.problem),
      ['head_mismatch'],
    );
    assert.ok(last > 0);
  });

  test('concurrent appends in one workspace keep one linear chain', async () => {
    const ws = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Concurrent')).workspaceId;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.rt.db.workspaceTx(ws, (q) =>
          appendAudit(q, { workspaceId: ws, actor: { type: 'system', id: 'test' }, action: 'test.concurrent', outcome: 'success', metadata: { i } }),
        ),
      ),
    );
    const r = await verifyAuditChains(t.rt.db, { chain: ws });
    assert.equal(r.ok, true);
    const seqs = (await t.rt.db.query(`SELECT seq FROM audit_events WHERE chain = $1 ORDER BY seq`, [ws])).map((x) => Number(x.seq));
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => i + 1),
    );
  });

  test('new rows are keyed with the active key version; legacy unkeyed rows verify only as a prefix', async () => {
    // A chain as the code before migration 0008 wrote it (as the owner): unkeyed SHA-256, no key version.
    const legacyWs = (await t.rt.db.query(`INSERT INTO workspaces (name) VALUES ('Pre-upgrade') RETURNING id`))[0].id as string;
    let prev: Buffer = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const row = {
        chain: legacyWs,
        seq,
        workspace_id: legacyWs,
        occurred_at: new Date(),
        actor_type: 'system',
        actor_id: 'old',
        action: 'test.legacy',
        target_type: null,
        target_id: null,
        outcome: 'success',
        request_id: null,
        metadata: { seq },
      };
      const hash = hashEvent(prev, row);
      await t.rt.db.query(
        `INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, actor_id, action, target_type, target_id, outcome, request_id, metadata, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          row.chain,
          seq,
          row.workspace_id,
          row.occurred_at,
          row.actor_type,
          row.actor_id,
          row.action,
          null,
          null,
          row.outcome,
          null,
          JSON.stringify(row.metadata),
          prev,
          hash,
        ],
      );
      prev = hash;
    }
    await t.rt.db.query('INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 3, $2)', [legacyWs, prev]);
    // The upgraded service appends keyed rows after them.
    for (let i = 0; i < 2; i++)
      await t.rt.db.workspaceTx(legacyWs, (q) =>
        appendAudit(q, { workspaceId: legacyWs, actor: { type: 'system', id: 'new' }, action: 'test.keyed', outcome: 'success' }),
      );
    const versions = await t.rt.db.query('SELECT seq, key_version FROM audit_events WHERE chain = $1 ORDER BY seq', [legacyWs]);
    assert.deepEqual(
      versions.map((v) => v.key_version),
      [null, null, null, t.rt.keyring.activeVersion(), t.rt.keyring.activeVersion()],
    );
    let r = await verifyAuditChains(t.rt.db, { chain: legacyWs });
    assert.equal(r.ok, true, JSON.stringify(r.problems));
    assert.equal(r.legacy, 3);
    // An unkeyed row after a keyed one is what a rewrite without the key looks like: refused.
    const row5 = (await t.rt.db.query('SELECT * FROM audit_events WHERE chain = $1 AND seq = 5', [legacyWs]))[0];
    const forged = hashEvent(Buffer.from(row5.prev_hash), row5 as never);
    await t.rt.db.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
      UPDATE audit_events SET key_version = NULL, hash = '\\x${forged.toString('hex')}' WHERE chain = '${legacyWs}' AND seq = 5;
      UPDATE audit_chain_heads SET hash = '\\x${forged.toString('hex')}' WHERE chain = '${legacyWs}';
      ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`);
    r = await verifyAuditChains(t.rt.db, { chain: legacyWs });
    assert.deepEqual(
      r.problems.map((p) => [p.seq, p.problem]),
      [[5, 'legacy_after_keyed']],
    );
  });

  test('the application role cannot rewrite the audit tables; it appends only through the audit functions', async () => {
    const ws = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'AppRole')).workspaceId;
    const other = (await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'AppRoleOther')).workspaceId;
    // Each statement in its own transaction, as switchboard_app scoped to `ws` (as every request is).
    const asApp = (sql: string, params?: unknown[]) => t.rt.db.workspaceTx(ws, (q) => q.query(sql, params));
    const refused = /permission denied|must be owner|may only|insufficient/i;
    await assert.rejects(asApp(`UPDATE audit_chain_heads SET seq = 1 WHERE chain = $1`, [ws]), refused);
    await assert.rejects(asApp(`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ('x', 1, '\\x00')`), refused);
    await assert.rejects(asApp(`DELETE FROM audit_chain_heads WHERE chain = $1`, [ws]), refused);
    await assert.rejects(asApp(`UPDATE audit_events SET action = 'x' WHERE chain = $1`, [ws]), refused);
    await assert.rejects(asApp(`DELETE FROM audit_events WHERE chain = $1`, [ws]), refused);
    await assert.rejects(
      asApp(
        `INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, action, outcome, prev_hash, hash)
      VALUES ($1::text, 999, $1::uuid, now(), 'x', 'forged', 'success', '\\x00', '\\x00')`,
        [ws],
      ),
      refused,
    );
    await assert.rejects(asApp('TRUNCATE audit_events'), refused);
    await assert.rejects(asApp('TRUNCATE audit_chain_heads'), refused);
    await assert.rejects(asApp('TRUNCATE audit_denial_buckets'), refused);
    // The append functions keep a workspace transaction on its own chain, and off the vendor chain.
    await assert.rejects(asApp('SELECT * FROM audit_reserve($1)', [other]), /own audit chain/);
    await assert.rejects(asApp(`SELECT * FROM audit_reserve('')`), /own audit chain/);
    await assert.rejects(
      asApp(`SELECT audit_commit($1::text, 1, $2, $2, 1, $1::uuid, now(), 'x', null, 'forged', null, null, 'success', null, '{}')`, [other, GENESIS_HASH]),
      /own audit chain/,
    );
    // A commit that does not follow the head is refused (no forked or skipped sequence numbers).
    await assert.rejects(
      asApp(`SELECT audit_commit($1::text, 999, $2, $2, 1, $1::uuid, now(), 'x', null, 'forged', null, null, 'success', null, '{}')`, [ws, GENESIS_HASH]),
      /head moved/,
    );
    // Even a role granted TRUNCATE by mistake is refused unless it owns the table.
    await t.rt.db.exec('GRANT TRUNCATE ON audit_events, audit_chain_heads TO switchboard_app');
    try {
      await assert.rejects(asApp('TRUNCATE audit_events'), /may only be truncated by its owner/);
      await assert.rejects(asApp('TRUNCATE audit_chain_heads'), /may only be truncated by its owner/);
    } finally {
      await t.rt.db.exec('REVOKE TRUNCATE ON audit_events, audit_chain_heads FROM switchboard_app');
    }
    // The service still appends, as the application role, and the chain verifies.
    const before = (await verifyAuditChains(t.rt.db, { chain: ws })).events;
    await t.rt.db.workspaceTx(ws, (q) =>
      appendAudit(q, { workspaceId: ws, actor: { type: 'system', id: 'test' }, action: 'test.app_role', outcome: 'success' }),
    );
    const r = await verifyAuditChains(t.rt.db, { chain: ws });
    assert.equal(r.ok, true, JSON.stringify(r.problems));
    assert.equal(r.events, before + 1);
  });

  test('secret values are scrubbed from audit metadata and from log lines', async () => {
    const secret = canary();
    await t.rt.db.workspaceTx(wsA, (q) =>
      appendAudit(q, {
        workspaceId: wsA,
        actor: { type: 'system', id: 'test' },
        action: 'test.scrub',
        outcome: 'success',
        metadata: { client_secret: secret, nested: { token: secret, api_key: secret } },
      }),
    );
    const [row] = await t.rt.db.query(`SELECT metadata::text AS m FROM audit_events WHERE action = 'test.scrub'`);
    assert.ok(!row.m.includes(secret));
    // The service's own logger configuration redacts the same names.
    const ownLines: string[] = [];
    const pinoMod = (await import('pino')).default;
    const { SECRET_KEYS } = await import('../../src/lib/redact.ts');
    const own = pinoMod(
      { redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), censor: '[redacted]' } },
      new Writable({ write: (c, _e, cb) => (ownLines.push(c.toString()), cb()) }),
    );
    own.info({ req: { headers: { authorization: `Bearer ${secret}` } } }, 'z');
    own.info({ credentials: { token: secret }, dedicated_credential: { client_secret: secret }, client_secret: secret }, 'y');
    assert.ok(!ownLines.join('').includes(secret));
    assert.ok(!t.logs.join('').includes(secret), 'nothing the runtime logged contains the secret');
  });
});
