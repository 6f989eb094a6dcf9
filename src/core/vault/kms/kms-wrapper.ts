// What every KMS backend does for Switchboard: wrap and unwrap one 32-byte key-encryption key,
// bound to the version it is for. The binding is the same for every backend, whatever the KMS
// supports natively: the plaintext the KMS encrypts is SHA-256(context) ‖ key, checked on the way
// back, so a wrapped key stored for version 3 and presented as version 4 (or a blob from another
// purpose) is refused even by a backend without associated data (Azure Key Vault's RSA-OAEP).
// Backends that have associated data or an encryption context send the context there too, so
// the KMS itself refuses the mismatch and its audit log (CloudTrail, Cloud Audit Logs, Vault's
// audit device) names the version.
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { KeySourceName } from '../key-source.ts';

export interface KekContext {
  version: number;
}

/** The context as the KMS's encryption context / associated data: stable key order, text values. */
export function contextFields(ctx: KekContext): Record<string, string> {
  return { 'switchboard:purpose': 'key-encryption-key', 'switchboard:version': String(ctx.version) };
}

export function contextBytes(ctx: KekContext): Buffer {
  return Buffer.from(JSON.stringify(contextFields(ctx)));
}

const BOUND_LENGTH = 64;

/** SHA-256(context) ‖ key: what the KMS is asked to encrypt. */
export function bindToContext(kek: Buffer, ctx: KekContext): Buffer {
  if (kek.length !== 32) throw new Error('a key-encryption key is 32 bytes');
  return Buffer.concat([createHash('sha256').update(contextBytes(ctx)).digest(), kek]);
}

/** The key out of what the KMS decrypted, or a refusal if it was bound to another context. */
export function unbindFromContext(plain: Buffer, ctx: KekContext, source: KeySourceName): Buffer {
  const expected = createHash('sha256').update(contextBytes(ctx)).digest();
  if (plain.length !== BOUND_LENGTH || !timingSafeEqual(plain.subarray(0, 32), expected)) {
    plain.fill(0);
    throw new AppError('vault.kms_refused', `${source} returned a key bound to another version or purpose than version ${ctx.version}`);
  }
  const kek = Buffer.alloc(32);
  plain.copy(kek, 0, 32);
  plain.fill(0);
  return kek;
}

interface WrapResult {
  ciphertext: Buffer;
  /** The exact KMS key (and version, where the KMS has them) that wrapped it: where to unwrap. */
  keyRef: string;
}

export interface KmsWrapper {
  readonly name: KeySourceName;
  /** The configured key (no secret), for status and logs. */
  readonly keyRef: string;
  wrap(plaintext: Buffer, ctx: KekContext): Promise<WrapResult>;
  unwrap(ciphertext: Buffer, keyRef: string, ctx: KekContext): Promise<Buffer>;
  close?(): void;
}

/**
 * A KMS failure as data. `vault.kms_unreachable`: the KMS did not answer (network, timeout, 5xx,
 * throttling) — worth retrying, and the cache carries on. `vault.kms_refused`: it answered no
 * (permission, unknown key, a ciphertext or context that does not authenticate) — a
 * configuration or integrity problem. The message names the operation and the KMS's error name
 * and status, never a key, a ciphertext or a token.
 */
export function kmsFailure(source: KeySourceName, op: string, err: unknown, status: number | undefined, name: string | undefined): AppError {
  const unreachable = status === undefined || status >= 500 || status === 429 || status === 408;
  const what = [name, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ') || 'no answer';
  return new AppError(unreachable ? 'vault.kms_unreachable' : 'vault.kms_refused', `${source} ${op} ${unreachable ? 'failed' : 'refused'} (${what})`, {
    source,
    operation: op,
    ...(status ? { status } : {}),
    ...(name ? { kms_error: name } : {}),
    ...(unreachable && err instanceof Error && !status ? { cause: err.name } : {}),
  });
}

/**
 * Gives up on a KMS call after `ms` whatever the SDK does with its own timeout settings (they
 * differ per SDK, and some apply per socket idle period, not per call): the caller sees
 * `vault.kms_unreachable`; the abandoned request may finish in the background, unused.
 */
export function deadline<T>(source: KeySourceName, op: string, ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ctl.abort();
      reject(new AppError('vault.kms_unreachable', `${source} ${op} failed (no answer within ${ms} ms)`, { source, operation: op }));
    }, ms);
  });
  return Promise.race([run(ctl.signal), timeout]).finally(() => clearTimeout(timer));
}
