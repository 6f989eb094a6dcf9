// The key lifecycle on a running service: status counts data keys per version; retiring is
// refused for the active version and while any data key is on the version, and once done the key
// is gone from its source while the audit trail it keyed still verifies; a migration from the
// keyring file to a KMS re-wraps every data key online while reads go on (0 failed); a node that
// has not seen a new version seals under it anyway; every key operation is on the audit chain.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChains } from '../../../src/core/audit/audit-verify.ts';
import { AppError } from '../../../src/core/errors.ts';
import { keyStatus, retireKeyVersion } from '../../../src/core/vault/key-lifecycle.ts';
import { rotateKeys } from '../../../src/core/vault/key-rotation.ts';
import { keySourcesFromConfig } from '../../../src/core/vault/key-sources-config.ts';
import { formatKeyStatus } from '../../../src/core/vault/key-status-format.ts';
import { createVault } from '../../../src/core/vault/vault.ts';
import { type Keyring, openKeyring } from '../../../src/core/vault/keyring.ts';
import { loadConfig } from '../../../src/config.ts';
import { type Api, apiClient, setupWorkspace } from '../../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';
import { type RunningKms, startKms } from '../../simulators/kms/index.ts';

let kms: RunningKms;
let t: TestRuntime;
let owner: Api;
let dir: string;
let cli: Keyring;
const secrets: string[] = [];
const isCode = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;
const read = () => owner.get('/sfp/api/integrations/credentials?provider=ai_openai');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-keys-'));
  kms = await startKms('aws-kms', dir);
  // The node keeps its keyring file as the key source, and can also reach the KMS it will migrate to.
  t = await startTestRuntime({ work: false, env: { ...kms.env } });
  const ws = await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Keys');
  owner = apiClient(t.rt.app!, ws.ownerToken);
  for (let i = 0; i < 12; i++) {
    const s = `sk-life-${i}-${randomBytes(8).toString('hex')}`;
    secrets.push(s);
    const r = await owner.post('/sfp/api/integrations', { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: s }, isGlobal: true });
    assert.equal(r.status, 201, r.text);
  }
  // What `switchboard keys …` opens: the same configuration, its own keyring, no background loop.
  cli = await openKeyring({ db: t.rt.db, sources: keySourcesFromConfig(t.config, { create: false }), defaultSource: t.config.keys.source, createFirst: false });
});
after(async () => {
  cli?.close();
  await t?.close();
  await kms?.close();
  rmSync(dir, { recursive: true, force: true });
});

const allReadable = async () => {
  const r = await read();
  assert.equal(r.status, 200, r.text);
  for (const s of secrets) assert.ok(r.text.includes(s), 'every secret decrypts to its value');
};

describe('key lifecycle', () => {
  test('status: versions, source, data keys per version, 100% on the active one', async () => {
    const s = await keyStatus(t.rt.db, cli);
    assert.equal(s.activeVersion, 1);
    assert.deepEqual(
      s.versions.map((v) => [v.version, v.source, v.state, v.dataKeys]),
      [[1, 'keyring', 'active', 12]],
    );
    assert.equal(s.percentOnActive, 100);
    assert.match(formatKeyStatus(s), /100% on v1 \(12 data keys\)/);
  });

  test('the active version cannot be retired, nor one that still wraps data keys; a node that has not seen a new version seals under it anyway', async () => {
    await assert.rejects(retireKeyVersion(t.rt.db, cli, 1), isCode('vault.key_in_use'));
    const stale = await openKeyring({ db: t.rt.db, sources: keySourcesFromConfig(t.config, { create: false }), defaultSource: 'keyring', createFirst: false });
    try {
      const v2 = await cli.createVersion('keyring');
      assert.equal(v2, 2);
      const s = await keyStatus(t.rt.db, cli);
      assert.equal(s.percentOnActive, 0);
      assert.match(formatKeyStatus(s), /0% on v2 \(0 of 12 data keys\): run keys rotate/);
      await assert.rejects(retireKeyVersion(t.rt.db, cli, 1), (err: unknown) => isCode('vault.key_in_use')(err) && (err as AppError).details?.data_keys === 12);
      // `stale` loaded the keyring before v2 existed; the registry check in the INSERT sends it to v2.
      assert.deepEqual(stale.versions(), [1]);
      const ws = (await t.rt.db.query(`SELECT id FROM workspaces WHERE name = 'Keys'`))[0].id as string;
      const ref = { workspaceId: ws, recordType: 'probe', recordId: 'p1', field: 'secret' };
      const sealed = await t.rt.db.workspaceTx(ws, (q) => createVault(stale).seal(q, ref, 'probe-value-123456'));
      assert.equal(sealed.keyVersion, 2);
      assert.equal(await t.rt.db.workspaceTx(ws, (q) => t.rt.vault.open(q, ref)), 'probe-value-123456');
      await t.rt.db.workspaceTx(ws, (q) => t.rt.vault.destroy(q, ref));
    } finally {
      stale.close();
    }
  });

  test('rotate, then retire v1: its key leaves the keyring file, data stays readable, the audit trail it keyed still verifies', async () => {
    const r = await rotateKeys(t.rt.db, cli);
    assert.deepEqual([r.addedVersion, r.toVersion, r.rewrapped, r.failed.length], [3, 3, 12, 0]);
    assert.equal((await keyStatus(t.rt.db, cli)).percentOnActive, 100);
    const done = await retireKeyVersion(t.rt.db, cli, 1);
    assert.equal(done.removed, true);
    const file = JSON.parse(readFileSync(t.env.SWITCHBOARD_KEYRING_FILE, 'utf8')) as { keys: Array<{ version: number }> };
    assert.deepEqual(
      file.keys.map((k) => k.version),
      [2, 3],
    );
    assert.throws(() => cli.key(1), isCode('vault.key_retired'));
    await assert.rejects(retireKeyVersion(t.rt.db, cli, 1), isCode('vault.key_already_retired'));
    await t.rt.keyring.reload();
    await allReadable();
    const keyedByV1 = await t.rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE key_version = 1');
    assert.ok(keyedByV1[0].n > 10, 'rows keyed by the retired version exist');
    const verified = await verifyAuditChains(t.rt.db, { keyring: cli });
    assert.equal(verified.ok, true, JSON.stringify(verified.problems.slice(0, 5)));
    // v1's retained audit key is wrapped under the active v3; v2 wraps nothing and can go too.
    const status = await keyStatus(t.rt.db, cli);
    assert.deepEqual(
      status.versions.map((v) => [v.version, v.state, v.auditKeys]),
      [
        [1, 'retired', 0],
        [2, 'available', 0],
        [3, 'active', 1],
      ],
    );
    await retireKeyVersion(t.rt.db, cli, 2);
  });

  test('migrate from the keyring file to AWS KMS under load: 0 failed reads; then the keyring versions retire and the KMS alone serves', async () => {
    let stop = false;
    let reads = 0;
    const failures: string[] = [];
    const loop = (async () => {
      while (!stop) {
        const r = await read();
        if (r.status !== 200 || !secrets.every((s) => r.text.includes(s))) failures.push(`${r.status} ${r.text.slice(0, 200)}`);
        reads++;
        // In-process requests on the embedded database resolve without I/O: let the event loop
        // (the KMS simulator's sockets) run between them, as real traffic would.
        await new Promise((r) => setImmediate(r));
      }
    })();
    const r = await rotateKeys(t.rt.db, cli, { to: 'aws-kms' }).finally(() => {
      stop = true;
    });
    await loop;
    assert.deepEqual(failures, []);
    assert.ok(reads > 0);
    assert.deepEqual([r.addedVersion, r.source, r.rewrapped], [4, 'aws-kms', 12]);
    const s = await keyStatus(t.rt.db, cli);
    assert.equal(s.percentOnActive, 100);
    assert.equal(s.versions.find((v) => v.version === 4)?.source, 'aws-kms');
    await retireKeyVersion(t.rt.db, cli, 3);
    const file = JSON.parse(readFileSync(t.env.SWITCHBOARD_KEYRING_FILE, 'utf8')) as { keys: unknown[] };
    assert.equal(file.keys.length, 0, 'no key is left in the keyring file');
    // A node configured for the KMS only (the keyring file gone) reads everything and verifies the whole trail.
    const kmsOnly = loadConfig({
      ...t.env,
      SWITCHBOARD_KEYRING_FILE: '',
      SWITCHBOARD_KEY_SOURCE: 'aws-kms',
      SWITCHBOARD_DATA_DIR: join(dir, 'elsewhere'),
    } as NodeJS.ProcessEnv);
    const node = await openKeyring({ db: t.rt.db, sources: keySourcesFromConfig(kmsOnly, { create: false }), defaultSource: 'aws-kms' });
    try {
      assert.deepEqual(node.versions(), [4]);
      const verified = await verifyAuditChains(t.rt.db, { keyring: node });
      assert.equal(verified.ok, true, JSON.stringify(verified.problems.slice(0, 5)));
    } finally {
      node.close();
    }
    await t.rt.keyring.reload();
    await allReadable();
  });

  test('every key operation is on the vendor audit chain', async () => {
    const rows = await t.rt.db.query<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_events WHERE chain = '' AND action LIKE 'vault.%' ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((r) => `${r.action}:${r.target_id}`),
      ['vault.keys_rotated:3', 'vault.key_retired:1', 'vault.key_retired:2', 'vault.keys_migrated:4', 'vault.key_retired:3'],
    );
    const dump = JSON.stringify(await t.rt.db.query(`SELECT metadata FROM audit_events WHERE action LIKE 'vault.%'`));
    for (const s of secrets) assert.ok(!dump.includes(s));
  });
});
