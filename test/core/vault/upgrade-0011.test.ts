// Migration 0011 on an install that existed before it: a database with secrets and an audit trail
// keyed by two keyring versions and no key registry. The install is made by the real service,
// then put back to what 0010 left (the registry table gone, 0011 not recorded; nothing else of
// 0012+ touches keys). The next start applies 0011 only: both versions are registered as keyring
// keys, every secret still decrypts, the audit trail verifies, and the key commands work on it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { verifyAuditChains } from '../../../src/core/audit/audit-verify.ts';
import { keyStatus } from '../../../src/core/vault/key-lifecycle.ts';
import { rotateKeys } from '../../../src/core/vault/key-rotation.ts';
import { keySourcesFromConfig } from '../../../src/core/vault/key-sources-config.ts';
import { openKeyring } from '../../../src/core/vault/keyring.ts';
import { listMigrations } from '../../../src/db/migrate.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import { apiClient, setupWorkspace } from '../../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';

let t: TestRuntime;
let upgraded: Runtime | undefined;
let ownerToken: string;
const secrets: string[] = [];
let auditKeyVersions: number[] = [];
let appliedBefore: number[] = [];

const openCli = (rt: Runtime) =>
  openKeyring({ db: rt.db, sources: keySourcesFromConfig(t.config, { create: false }), defaultSource: t.config.keys.source, createFirst: false });

async function addSecret(rt: Runtime, i: number) {
  const s = `sk-upgrade-${i}-${randomBytes(8).toString('hex')}`;
  secrets.push(s);
  const r = await apiClient(rt.app!, ownerToken).post('/sfp/api/integrations', {
    provider: 'ai_openai',
    authType: 'api_key',
    credentials: { api_key: s },
    isGlobal: true,
  });
  assert.equal(r.status, 201, r.text);
}

before(async () => {
  t = await startTestRuntime({ work: false, persistent: true });
  const ws = await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Upgrade');
  ownerToken = ws.ownerToken;
  for (let i = 0; i < 4; i++) await addSecret(t.rt, i);
  const cli = await openCli(t.rt);
  assert.equal((await rotateKeys(t.rt.db, cli)).toVersion, 2);
  cli.close();
  for (let i = 4; i < 8; i++) await addSecret(t.rt, i);
  const keyed = await t.rt.db.query<{ v: number }>('SELECT DISTINCT key_version AS v FROM audit_events WHERE key_version IS NOT NULL ORDER BY 1');
  auditKeyVersions = keyed.map((r) => r.v);
  // Back to what migration 0010 left: no registry, 0011 not applied.
  await t.rt.db.tx(async (q) => {
    await q.exec('DROP TABLE vault_key_versions');
    await q.query('DELETE FROM schema_migrations WHERE version = 11');
  });
  appliedBefore = (await t.rt.db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version);
  await t.stop();
});
after(async () => {
  await upgraded?.close();
  await t?.close();
});

test('the next start applies 0011 alone; both versions are registered; secrets, audit and key commands work', async () => {
  upgraded = await createRuntime(t.config, { http: true, work: false, memoryDb: false });
  await upgraded.app!.ready();
  // Every migration is applied now; of them, only 0011 was missing before this start.
  const applied = await upgraded.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(
    applied.map((r) => r.version),
    listMigrations().map((m) => m.version),
  );
  assert.deepEqual(
    applied.map((r) => r.version).filter((v) => !appliedBefore.includes(v)),
    [11],
  );
  const registry = await upgraded.db.query<{ version: number; source: string; retired_at: Date | null }>(
    'SELECT version, source, retired_at FROM vault_key_versions ORDER BY version',
  );
  assert.deepEqual(
    registry.map((r) => [r.version, r.source, r.retired_at]),
    [
      [1, 'keyring', null],
      [2, 'keyring', null],
    ],
  );
  assert.ok(auditKeyVersions.includes(1), 'the audit trail holds rows keyed by version 1 (registered from audit_events)');

  const read = await apiClient(upgraded.app!, ownerToken).get('/sfp/api/integrations/credentials?provider=ai_openai');
  assert.equal(read.status, 200, read.text);
  for (const s of secrets) assert.ok(read.text.includes(s), 'every secret sealed before the upgrade decrypts');

  const cli = await openCli(upgraded);
  try {
    assert.equal((await verifyAuditChains(upgraded.db, { keyring: cli })).ok, true);
    const status = await keyStatus(upgraded.db, cli);
    assert.equal(status.activeVersion, 2);
    assert.equal(status.totalDataKeys, secrets.length);
    // The key commands work on the upgraded install: a rotation adds v3 and re-wraps everything.
    const r = await rotateKeys(upgraded.db, cli);
    assert.deepEqual([r.toVersion, r.failed.length], [3, 0]);
    assert.equal((await keyStatus(upgraded.db, cli)).percentOnActive, 100);
    await addSecret(upgraded, 99);
    const sealed = await upgraded.db.query<{ v: number }>('SELECT max(key_version)::int AS v FROM vault_secrets');
    assert.equal(sealed[0].v, 3, 'a secret written after the upgrade is sealed under the newest version');
  } finally {
    cli.close();
  }
});
