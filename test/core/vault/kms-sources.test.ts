// Every KMS source against its loopback simulator, through the official SDK over the real wire
// protocol: a first start wraps a fresh key-encryption key and stores only the wrapped form; a
// second node unwraps the same key; a wrapped key presented for another version is refused;
// and the cache: while the KMS is down, slow or failing, keys serve from memory until the TTL,
// then every use fails closed with vault.key_unavailable (one clear log line, no key in it),
// and the node recovers by itself when the KMS answers again. The clock is the test's own: no
// test waits for, or asserts, a time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../../src/core/errors.ts';
import { listKeyVersions } from '../../../src/core/vault/key-version-repository.ts';
import { loadConfig } from '../../../src/config.ts';
import { keySourcesFromConfig } from '../../../src/core/vault/key-sources-config.ts';
import { KMS_NAMES } from '../../simulators/kms/index.ts';
import { kmsFixture, type KmsFixture } from './helpers.ts';

const isCode = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

for (const name of KMS_NAMES) {
  describe(`key source ${name}`, () => {
    let f: KmsFixture;
    before(async () => {
      f = await kmsFixture(name);
    });
    after(() => f.close());

    test('a first start wraps a new key in the KMS; the registry holds only the wrapped form; another node unwraps the same key', async () => {
      const a = await f.openNode();
      assert.equal(a.activeVersion(), 1);
      assert.equal(a.createdAtStart, 1);
      const [row] = await listKeyVersions(f.db);
      assert.equal(row.source, name);
      assert.ok(row.wrappedKek && row.wrappedKek.length > 32, 'a wrapped key is stored');
      const kek = a.key(1);
      assert.equal(kek.length, 32);
      assert.ok(!row.wrappedKek.includes(kek), 'the key itself is not in the registry');
      const b = await f.openNode();
      assert.equal(b.createdAtStart, null, 'the second node creates nothing');
      assert.ok(b.key(1).equals(kek), 'the second node unwrapped the same key');
      assert.ok(
        f.kms.control.count(name === 'vault-transit' ? 'decrypt' : name === 'azure-key-vault' ? 'unwrapKey' : name === 'gcp-kms' ? 'decrypt' : 'Decrypt') >= 2,
      );
    });

    test('a wrapped key presented for another version, or altered, is refused', async () => {
      const [row] = await listKeyVersions(f.db);
      const source = keySourcesFromConfig(loadConfig(f.env as NodeJS.ProcessEnv), { create: false }).find((s) => s.name === name)!;
      assert.ok((await source.load([{ version: 1, keyRef: row.keyRef, wrappedKek: row.wrappedKek }])).get(1));
      await assert.rejects(source.load([{ version: 2, keyRef: row.keyRef, wrappedKek: row.wrappedKek }]), isCode('vault.kms_refused'));
      const altered = Buffer.from(row.wrappedKek!);
      altered[altered.length - 3] ^= 0x01;
      await assert.rejects(
        source.load([{ version: 1, keyRef: row.keyRef, wrappedKek: altered }]),
        (err: unknown) => err instanceof AppError && err.code.startsWith('vault.kms_'),
      );
      source.close?.();
    });

    test('down: keys serve from memory until the TTL, then fail closed with one log line; the node recovers by itself', async () => {
      const k = await f.openNode();
      const kek = Buffer.from(k.key(1));
      f.logs.length = 0;
      f.kms.control.down();
      try {
        f.clock.advance(11_000); // past the refresh interval: the refresh fails
        await k.refresh();
        assert.ok(k.key(1).equals(kek), 'within the TTL the cached key serves');
        assert.equal(f.logs.filter((l) => l.level === 'warn').length, 1, JSON.stringify(f.logs));
        await k.refresh(); // failing again: no second warning
        assert.equal(f.logs.filter((l) => l.level === 'warn').length, 1);
        f.clock.advance(50_000); // past the 60 s TTL since the last successful unwrap
        assert.throws(() => k.key(1), isCode('vault.key_unavailable'));
        assert.throws(() => k.key(1), isCode('vault.key_unavailable'));
        await k.refresh();
        const errors = f.logs.filter((l) => l.level === 'error');
        assert.equal(errors.length, 1, 'one line when the key becomes unavailable');
        assert.match(errors[0].msg, /key version 1 is unavailable/);
        assert.equal(k.status().find((s) => s.version === 1)?.state, 'unavailable');
      } finally {
        f.kms.control.up();
      }
      f.clock.advance(1_000); // the retry interval
      await k.refresh();
      assert.ok(k.key(1).equals(kek), 'the KMS answers again: the same key, without a restart');
      assert.ok(f.logs.some((l) => l.level === 'info' && /available again/.test(l.msg)));
      const all = JSON.stringify(f.logs);
      for (const enc of ['base64', 'hex', 'base64url'] as const) assert.ok(!all.includes(kek.toString(enc)), 'no key in any log line');
    });

    test('slow past the timeout, or failing with 5xx: the same bounded cache, then recovery', async () => {
      const k = await f.openNode();
      for (const breakIt of [() => f.kms.control.slow(3_000), () => f.kms.control.fail()]) {
        breakIt();
        try {
          f.clock.advance(11_000);
          await k.refresh();
          assert.equal(k.key(1).length, 32, 'served from memory');
          f.clock.advance(60_000);
          await k.refresh();
          assert.throws(() => k.key(1), isCode('vault.key_unavailable'));
        } finally {
          f.kms.control.up();
        }
        f.clock.advance(1_000);
        await k.refresh();
        assert.equal(k.key(1).length, 32, 'recovered');
      }
    });

    if (name === 'vault-transit') {
      test('AppRole: a revoked token is replaced by a new login, transparently', async () => {
        const k = await f.openNode();
        f.logs.length = 0;
        const before = f.kms.logins!();
        f.kms.revokeSessions!();
        f.clock.advance(11_000);
        await k.refresh();
        assert.equal(k.status().find((s) => s.version === 1)?.state, 'available');
        assert.equal(f.logs.filter((l) => l.level === 'warn' && /could not refresh/.test(l.msg)).length, 0, 'the refresh did not fail');
        assert.equal(f.kms.logins!(), before + 1);
      });
    }

    test('a key version added by another node is found by the ones that had not seen it; a key rotated inside the KMS still unwraps old versions', async () => {
      const a = await f.openNode();
      const b = await f.openNode();
      f.kms.rotateKmsKey();
      const v = await a.createVersion(name);
      assert.equal(v, a.activeVersion());
      assert.ok(!b.versions().includes(v));
      await b.ensure(v);
      assert.ok(b.key(v).equals(a.key(v)));
      assert.ok(b.key(1).equals(a.key(1)), 'the version wrapped before the KMS key rotated still unwraps');
    });
  });
}
