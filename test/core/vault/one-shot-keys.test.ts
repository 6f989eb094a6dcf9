// A one-shot command (`audit verify`, `keys …`) and a KMS that does not answer. The command's
// keyring has no background loop to recover with: it retries, bounded, a KMS that missed its
// first call (a cold process's first SDK call can miss a short timeout that a serving node simply
// retries). And when a key version is known but its key cannot be had, `audit verify` stops with
// vault.key_unavailable: it never reports the rows as keyed by an unknown key, which reads as
// tampering (the proof:faults kms scenario's key_unknown came from exactly that).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../../src/config.ts';
import { appendAudit } from '../../../src/core/audit/audit-log.ts';
import { createAuditKeys } from '../../../src/core/audit/audit-keys.ts';
import { verifyAuditChains } from '../../../src/core/audit/audit-verify.ts';
import { AppError } from '../../../src/core/errors.ts';
import { keySourcesFromConfig } from '../../../src/core/vault/key-sources-config.ts';
import { openKeyring } from '../../../src/core/vault/keyring.ts';
import { kmsFixture, type KmsFixture } from './helpers.ts';

const isCode = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

describe('one-shot commands and an unreachable KMS', () => {
  let f: KmsFixture;
  before(async () => {
    f = await kmsFixture('aws-kms');
  });
  after(() => f.close());

  // A command's keyring, on the real clock: the first version already exists (a node made it).
  const openCommandKeyring = (waitForKeysMs?: number) => {
    const config = loadConfig(f.env as NodeJS.ProcessEnv);
    return openKeyring({
      db: f.db,
      sources: keySourcesFromConfig(config, { create: false }),
      defaultSource: config.keys.source,
      cache: { ttlMs: 60_000, refreshMs: 10_000, retryMs: 50 },
      createFirst: false,
      waitForKeysMs,
    });
  };

  test('audit verify with the key unavailable stops with vault.key_unavailable instead of reporting key_unknown rows', async () => {
    const node = await f.openNode();
    const keys = createAuditKeys(node);
    for (let i = 0; i < 3; i++) {
      await f.db.tx((q) => appendAudit(q, { workspaceId: null, actor: { type: 'system', id: 'test' }, action: 'test.event', outcome: 'success' }, keys));
    }
    const intact = await verifyAuditChains(f.db, { keyring: node });
    assert.equal(intact.ok, true, JSON.stringify(intact.problems));
    f.kms.control.down();
    try {
      f.clock.advance(61_000); // past the 60 s cache: the node's key is gone until the KMS answers
      assert.throws(() => node.key(1), isCode('vault.key_unavailable'));
      await assert.rejects(verifyAuditChains(f.db, { keyring: node }), isCode('vault.key_unavailable'));
    } finally {
      f.kms.control.up();
    }
    f.clock.advance(2_000); // past the retry interval
    await node.refresh();
    assert.equal((await verifyAuditChains(f.db, { keyring: node })).ok, true, 'the same chain verifies once the KMS answers');
  });

  test("a command's keyring retries a KMS that missed its first call, within its bound; without one it goes on without the key", async () => {
    f.kms.control.down();
    const impatient = await openCommandKeyring();
    try {
      assert.throws(() => impatient.key(1), isCode('vault.key_unavailable'));
    } finally {
      impatient.close();
    }
    setTimeout(() => f.kms.control.up(), 300);
    const patient = await openCommandKeyring(10_000);
    try {
      assert.equal(patient.key(1).length, 32, 'the key arrived once the KMS answered');
    } finally {
      patient.close();
      f.kms.control.up();
    }
  });
});
