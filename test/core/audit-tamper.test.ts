// The database owner as attacker: someone who can run any SQL on the database (disable triggers,
// edit rows, recompute hashes with the published algorithm) but does not hold the keyring. Each
// attack below went unnoticed by `audit verify` before the chain was keyed and checkpointed; now
// the command line exits 1 naming the rows, and so does the verify function called directly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appendAudit } from '../../src/core/audit/audit-log.ts';
import { verifyAuditChains } from '../../src/core/audit/audit-verify.ts';
import { fileKeySource } from '../../src/core/vault/key-source-local.ts';
import { openKeyring } from '../../src/core/vault/keyring.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { Db } from '../../src/db/database.ts';
import { stableStringify } from '../../src/lib/stable-json.ts';
import { apiClient, setupWorkspace } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const EVENTS = 12;
let t: TestRuntime;
/** Each chain's head once the runtime stopped (its set-up events and ours). */
const H: Record<string, number> = {};
let checkpointDir: string;
const ws: Record<'plain' | 'legacy' | 'wrongKey' | 'cut' | 'renumber', string> = {} as never;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { env: { ...process.env, ...t.env, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The owner's own connection (the embedded database is single-process: the runtime is stopped). */
async function asOwner<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { db } = await openDatabase({ databaseUrl: t.env.DATABASE_URL, dataDir: t.env.SWITCHBOARD_DATA_DIR });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const verifyDirect = () =>
  asOwner(async (db) => {
    const keyring = await openKeyring({
      db,
      sources: [fileKeySource(t.env.SWITCHBOARD_KEYRING_FILE, { create: false })],
      defaultSource: 'keyring',
      createFirst: false,
    });
    try {
      return await verifyAuditChains(db, { keyring, checkpoints: checkpointDir });
    } finally {
      keyring.close();
    }
  });

const problemsOf = (r: { problems: Array<{ chain: string; seq: number | null; problem: string }> }, chain: string) =>
  r.problems.filter((p) => p.chain === chain).map((p) => `${p.seq}:${p.problem}`);

// --- the attacker's tools: the published algorithm, without the key -------------------------
const fields = (r: Record<string, any>) => [
  r.chain,
  Number(r.seq),
  r.workspace_id,
  new Date(r.occurred_at).toISOString(),
  r.actor_type,
  r.actor_id,
  r.action,
  r.target_type,
  r.target_id,
  r.outcome,
  r.request_id,
  r.metadata ?? {},
];
type Recompute = (prev: Buffer, r: Record<string, any>) => { hash: Buffer; keyVersion: 'keep' | null };
const plainSha: Recompute = (prev, r) => ({
  hash: createHash('sha256')
    .update(prev)
    .update(stableStringify(fields(r)))
    .digest(),
  keyVersion: 'keep',
});
const poseAsLegacy: Recompute = (prev, r) => ({
  hash: createHash('sha256')
    .update(prev)
    .update(stableStringify(fields(r)))
    .digest(),
  keyVersion: null,
});
const wrongKey = randomBytes(32);
const guessedKey: Recompute = (prev, r) => ({
  hash: createHmac('sha256', wrongKey)
    .update(prev)
    .update(stableStringify([...fields(r), r.key_version]))
    .digest(),
  keyVersion: 'keep',
});

const UNGUARDED = (sql: string) =>
  `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update; ${sql}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`;

/** Rewrites every row of the chain from `fromSeq` on so that the chain links up again, and moves the head. */
async function relink(db: Db, chain: string, fromSeq: number, recompute: Recompute) {
  const rows = await db.query('SELECT * FROM audit_events WHERE chain = $1 ORDER BY seq', [chain]);
  let prev: Buffer = Buffer.alloc(32);
  for (const r of rows) {
    if (Number(r.seq) >= fromSeq) {
      const { hash, keyVersion } = recompute(prev, r);
      const kv = keyVersion === 'keep' ? '' : ', key_version = NULL';
      await db.exec(
        UNGUARDED(`UPDATE audit_events SET prev_hash = '\\x${prev.toString('hex')}', hash = '\\x${hash.toString('hex')}'${kv} WHERE id = ${Number(r.id)}`),
      );
      prev = hash;
    } else prev = Buffer.from(r.hash);
  }
  const last = rows[rows.length - 1];
  await db.query('UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain = $1', [chain, Number(last.seq), prev]);
}

function checkpointLines(): Array<{ chain: string; seq: number }> {
  const file = join(checkpointDir, 'audit-checkpoints.ndjson');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

before(async () => {
  t = await startTestRuntime({
    work: true,
    persistent: true,
    env: { SWITCHBOARD_AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1', SWITCHBOARD_AUDIT_CHECKPOINT_EVERY_EVENTS: '5' },
  });
  checkpointDir = join(t.env.SWITCHBOARD_DATA_DIR, 'audit-checkpoints');
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  for (const name of ['plain', 'legacy', 'wrongKey', 'cut', 'renumber'] as const) ws[name] = (await setupWorkspace(vendor, `Tamper ${name}`)).workspaceId;
  for (const id of Object.values(ws)) {
    for (let i = 0; i < EVENTS; i++) {
      await t.rt.db.workspaceTx(id, (q) =>
        appendAudit(q, { workspaceId: id, actor: { type: 'system', id: 'test' }, action: 'test.event', outcome: 'success', metadata: { i } }),
      );
      // Let the writer checkpoint along the way (every 5 events or every second).
      if (i % 4 === 3) await new Promise((r) => setTimeout(r, 1100));
    }
  }
  for (const h of await t.rt.db.query('SELECT chain, seq FROM audit_chain_heads')) H[h.chain] = Number(h.seq);
  // A clean shutdown checkpoints what moved last.
  await t.stop();
});
after(() => t.close());

describe('audit trail against its database owner', () => {
  test('the intact log verifies against checkpoints written outside the database (files 0600, directory 0700)', async () => {
    const lines = checkpointLines();
    for (const id of Object.values(ws)) {
      const mine = lines.filter((c) => c.chain === id).map((c) => c.seq);
      assert.ok(mine.length >= 2, `several checkpoints of chain ${id}: ${mine}`);
      assert.equal(Math.max(...mine), H[id], 'the last checkpoint is at the head');
    }
    assert.equal(statSync(join(checkpointDir, 'audit-checkpoints.ndjson')).mode & 0o777, 0o600);
    assert.equal(statSync(checkpointDir).mode & 0o777, 0o700);
    const ok = cli('audit', 'verify');
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /^OK: \d+ chains, \d+ events, 0 problems \(0 legacy unkeyed events; (\d+) of \1 checkpoints valid\)/m);
    const r = await verifyDirect();
    assert.equal(r.ok, true, JSON.stringify(r.problems));
    assert.equal(r.checkpoints?.valid, lines.length);
  });

  test('keys rotate is audited on the vendor chain, keyed with the new version; old checkpoints still verify', async () => {
    const rotated = cli('keys', 'rotate');
    assert.equal(rotated.code, 0, rotated.out);
    const [row] = await asOwner((db) =>
      db.query(`SELECT action, actor_type, outcome, key_version, metadata FROM audit_events WHERE chain = '' ORDER BY seq DESC LIMIT 1`),
    );
    assert.equal(row.action, 'vault.keys_rotated');
    assert.equal(row.actor_type, 'operator');
    assert.equal(row.outcome, 'success');
    assert.equal(row.key_version, 2);
    assert.equal(row.metadata.to_version, 2);
    const ok = cli('audit', 'verify');
    assert.equal(ok.code, 0, ok.out);
  });

  test('an edited row whose later hashes are recomputed without the key is named, row by row', async () => {
    await asOwner(async (db) => {
      for (const [name, recompute] of [
        ['plain', plainSha],
        ['legacy', poseAsLegacy],
        ['wrongKey', guessedKey],
      ] as const) {
        await db.exec(UNGUARDED(`UPDATE audit_events SET action = 'tenant.deleted', metadata = '{"i": 99}' WHERE chain = '${ws[name]}' AND seq = 4`));
        await relink(db, ws[name], 4, recompute);
      }
    });
    const r = await verifyDirect();
    assert.equal(r.ok, false);
    // Plain SHA-256 or a guessed key: no recomputed row carries the audit key's MAC.
    const later = (name: keyof typeof ws) => Array.from({ length: H[ws[name]] - 3 }, (_, i) => i + 4);
    for (const name of ['plain', 'wrongKey'] as const) {
      const p = problemsOf(r, ws[name]);
      for (const seq of later(name)) assert.ok(p.includes(`${seq}:hash_mismatch`), `${name}: seq ${seq} named (${p})`);
      assert.ok(!p.some((x) => /^[123]:/.test(x)), 'rows before the edit are intact');
    }
    // Posing as pre-upgrade rows: unkeyed rows after keyed ones are refused.
    const legacy = problemsOf(r, ws.legacy);
    for (const seq of later('legacy')) assert.ok(legacy.includes(`${seq}:legacy_after_keyed`), `legacy: seq ${seq} named (${legacy})`);
    // The checkpoints signed the original MACs too.
    for (const name of ['plain', 'legacy', 'wrongKey'] as const) assert.ok(problemsOf(r, ws[name]).some((x) => x.endsWith(':checkpoint_mismatch')));
    const out = cli('audit', 'verify');
    assert.equal(out.code, 1, out.out);
    assert.match(out.out, new RegExp(`chain ${ws.plain} seq 4: hash_mismatch`));
    assert.match(out.out, new RegExp(`chain ${ws.legacy} seq ${H[ws.legacy]}: legacy_after_keyed`));
    assert.match(out.out, new RegExp(`chain ${ws.wrongKey} seq ${H[ws.wrongKey]}: hash_mismatch`));
    assert.match(out.out, /TAMPERED/);
  });

  test('a cut tail with its head rewound (a chain that links up perfectly) is caught by the checkpoints', async () => {
    const head = H[ws.cut];
    const keep = head - 4;
    await asOwner(async (db) => {
      await db.exec(UNGUARDED(`DELETE FROM audit_events WHERE chain = '${ws.cut}' AND seq > ${keep}`));
      await db.query(`UPDATE audit_chain_heads h SET seq = $2, hash = e.hash FROM audit_events e WHERE h.chain = $1 AND e.chain = h.chain AND e.seq = $2`, [
        ws.cut,
        keep,
      ]);
    });
    const r = await verifyDirect();
    const p = r.problems.filter((x) => x.chain === ws.cut);
    assert.ok(
      p.some((x) => x.problem === 'head_behind_checkpoint' && x.missing?.from === keep + 1 && x.missing?.to === head),
      JSON.stringify(p),
    );
    assert.ok(p.some((x) => x.problem === 'checkpoint_row_missing' && x.seq === head));
    assert.ok(!p.some((x) => x.problem === 'hash_mismatch'), 'the remaining rows are genuine: only the checkpoints can tell');
    const out = cli('audit', 'verify');
    assert.equal(out.code, 1, out.out);
    assert.match(out.out, new RegExp(`chain ${ws.cut} seq ${keep}: head_behind_checkpoint \\(missing ${keep + 1}-${head}\\)`));
  });

  test('a deleted middle range with the rest renumbered and relinked is caught', async () => {
    const head = H[ws.renumber];
    await asOwner(async (db) => {
      await db.exec(UNGUARDED(`DELETE FROM audit_events WHERE chain = '${ws.renumber}' AND seq BETWEEN 4 AND 6`));
      for (let seq = 7; seq <= head; seq++)
        await db.exec(UNGUARDED(`UPDATE audit_events SET seq = ${seq - 3} WHERE chain = '${ws.renumber}' AND seq = ${seq}`));
      await relink(db, ws.renumber, 4, plainSha);
    });
    const r = await verifyDirect();
    const p = r.problems.filter((x) => x.chain === ws.renumber);
    assert.ok(
      p.some((x) => x.problem === 'head_behind_checkpoint' && x.missing?.from === head - 2 && x.missing?.to === head),
      JSON.stringify(p),
    );
    assert.ok(p.some((x) => x.problem === 'hash_mismatch' && x.seq === 4));
    const out = cli('audit', 'verify');
    assert.equal(out.code, 1, out.out);
    assert.match(out.out, new RegExp(`chain ${ws.renumber} seq ${head - 3}: head_behind_checkpoint`));
  });

  test('checkpoints are checked as signed: a forged line is named; --checkpoints reads another copy', async () => {
    const copy = join(t.env.SWITCHBOARD_DATA_DIR, 'checkpoints-copy');
    cpSync(checkpointDir, copy, { recursive: true });
    const file = join(copy, 'audit-checkpoints.ndjson');
    const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!);
    // Tries to vouch for the cut chain's shortened head: same signature, other numbers.
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify({ ...last, chain: ws.cut, seq: H[ws.cut] - 4 })}\nnot json\n`);
    const out = cli('audit', 'verify', '--checkpoints', copy);
    assert.equal(out.code, 1, out.out);
    assert.match(out.out, new RegExp(`chain ${ws.cut} seq ${H[ws.cut] - 4}: checkpoint_signature_invalid`));
    assert.match(out.out, /checkpoint line \d+: checkpoint_malformed/);
  });

  test('TRUNCATE of both tables by the owner leaves every checkpointed chain reported as truncated', async () => {
    await asOwner((db) => db.exec('TRUNCATE audit_events, audit_chain_heads'));
    const r = await verifyDirect();
    assert.equal(r.events, 0);
    for (const id of [...Object.values(ws), '']) {
      assert.ok(
        r.problems.some((p) => p.chain === id && p.problem === 'chain_truncated' && p.missing?.from === 1),
        `chain ${id || '(vendor)'} reported: ${JSON.stringify(r.problems.filter((p) => p.chain === id))}`,
      );
    }
    const out = cli('audit', 'verify');
    assert.equal(out.code, 1, out.out);
    assert.match(out.out, new RegExp(`chain ${ws.cut} seq -: chain_truncated \\(missing 1-${H[ws.cut]}\\)`));
    assert.match(out.out, /chain \(vendor\) seq -: chain_truncated/);
  });
});
