// A key source rooted in the operator's KMS. Switchboard generates each key-encryption key (32
// random bytes) itself, has the KMS wrap it bound to its version (kms/kms-wrapper.ts), and keeps
// only the wrapped form, in vault_key_versions. Unwrapping is one KMS call per version, made at
// start and again every refresh interval; data keys are wrapped by the KEK locally, so a secret
// read or write never waits on the KMS (docs/decisions.md, "The KMS wraps key-encryption keys").
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { KeySource, StoredVersion } from './key-source.ts';
import { bindToContext, type KmsWrapper, unbindFromContext } from './kms/kms-wrapper.ts';

export function kmsKeySource(kms: KmsWrapper): KeySource {
  return {
    name: kms.name,
    description: `${kms.name} key ${kms.keyRef}`,
    remote: true,
    async load(versions: StoredVersion[]) {
      const out = new Map<number, Buffer>();
      await Promise.all(
        versions.map(async (v) => {
          if (!v.wrappedKek || !v.keyRef) throw new AppError('vault.key_missing', `key version ${v.version} has no wrapped key in the registry`);
          const plain = await kms.unwrap(v.wrappedKek, v.keyRef, { version: v.version });
          out.set(v.version, unbindFromContext(plain, { version: v.version }, kms.name));
        }),
      );
      return out;
    },
    async create(version) {
      const kek = randomBytes(32);
      const bound = bindToContext(kek, { version });
      try {
        const { ciphertext, keyRef } = await kms.wrap(bound, { version });
        // Unwrap once before the version is recorded: a key that cannot come back must never wrap data.
        const back = unbindFromContext(await kms.unwrap(ciphertext, keyRef, { version }), { version }, kms.name);
        if (!back.equals(kek)) throw new AppError('vault.kms_refused', `${kms.name} did not give back the key it wrapped`);
        back.fill(0);
        return { keyRef, wrappedKek: ciphertext, kek };
      } finally {
        bound.fill(0);
      }
    },
    close: () => kms.close?.(),
    async forget() {
      // The wrapped key lives in the registry row, which retirement clears; the KMS key itself
      // wraps other versions (and other installations' keys, perhaps), so it is not disabled here.
      return { removed: true };
    },
  };
}
