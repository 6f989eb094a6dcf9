// Where Switchboard's key-encryption keys (KEKs) come from. A KeySource holds the keys of the
// versions it created: the local keyring (a file, or SWITCHBOARD_KEYRING) holds them outright; a
// KMS source holds none itself — each of its KEKs is a random 32-byte key wrapped by the
// operator's KMS and stored wrapped in vault_key_versions, unwrapped into memory when needed.
// The registry (key-version-repository.ts) says which source each version belongs to; the keyring
// (keyring.ts) asks the right source and caches what it gets for a bounded time.
export const KEY_SOURCE_NAMES = ['keyring', 'aws-kms', 'azure-key-vault', 'gcp-kms', 'vault-transit'] as const;
export type KeySourceName = (typeof KEY_SOURCE_NAMES)[number];

export const isKeySourceName = (s: string): s is KeySourceName => (KEY_SOURCE_NAMES as readonly string[]).includes(s);

/** What the registry records about one version of a source (see 0011_vault_key_versions.sql). */
export interface StoredVersion {
  version: number;
  keyRef: string | null;
  wrappedKek: Buffer | null;
}

/** What a source hands back when it creates a version: what the registry must store. */
interface CreatedVersion {
  keyRef: string | null;
  wrappedKek: Buffer | null;
  /** The new key itself, so the creator need not unwrap what it just wrapped. */
  kek: Buffer;
}

export interface KeySource {
  readonly name: KeySourceName;
  /** Names the source and its key for people (logs, `keys status`); never a secret. */
  readonly description: string;
  /** Local sources answer at once and never expire; a KMS source is cached for a bounded time. */
  readonly remote: boolean;
  /** The key-encryption key of each of `versions` that this source can give (missing ones are absent). */
  load(versions: StoredVersion[]): Promise<Map<number, Buffer>>;
  /** Creates the key of a new version. Sources that cannot (the environment variable) throw. */
  create(version: number): Promise<CreatedVersion>;
  /** Destroys a retired version's key where the source holds it (the keyring file); KMS sources keep nothing. */
  forget(version: number): Promise<{ removed: boolean; note?: string }>;
  /** Cheap: might load() now give something different (a keyring file edited by the CLI)? */
  changed?(): boolean;
  /** Any versions the source holds that the registry may not know yet (local keyrings). */
  localVersions?(): number[];
  /** Releases the client's connections. */
  close?(): void;
}
