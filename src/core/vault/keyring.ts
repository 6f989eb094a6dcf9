// Key-encryption keys, versioned. The source is pluggable: a local keyring file (the embedded
// default creates one, mode 0600) or the SWITCHBOARD_KEYRING environment variable; a KMS can be
// another KeySource later. The highest version is the active one for new secrets; older versions
// stay to unwrap data keys until `switchboard keys rotate` has re-wrapped them.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';

export interface KeySource {
  readonly description: string;
  load(): Map<number, Buffer>;
  /** Adds a new version and returns it; sources that cannot (environment) throw. */
  addVersion?(): number;
  /** Cheap check whether load() would now return something different. */
  changed?(): boolean;
}

export interface Keyring {
  activeVersion(): number;
  key(version: number): Buffer;
  versions(): number[];
}

function parseKey(version: number, b64: string, where: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new AppError('vault.key_invalid', `key version ${version} in ${where} must be 32 bytes of base64`);
  return key;
}

/** `1:<base64>,2:<base64>` */
export function envKeySource(value: string): KeySource {
  return {
    description: 'SWITCHBOARD_KEYRING',
    load() {
      const keys = new Map<number, Buffer>();
      for (const part of value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const [v, b64] = part.split(':');
        const version = Number(v);
        if (!Number.isInteger(version) || version < 1 || !b64) {
          throw new AppError('vault.key_invalid', 'SWITCHBOARD_KEYRING must look like "1:<base64 key>,2:<base64 key>"');
        }
        keys.set(version, parseKey(version, b64, 'SWITCHBOARD_KEYRING'));
      }
      return keys;
    },
  };
}

interface KeyringFile {
  keys: Array<{ version: number; key: string; created_at: string }>;
}

export function fileKeySource(path: string, opts: { create: boolean }): KeySource {
  let seenMtime = 0;
  const read = (): KeyringFile => JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
  const write = (content: KeyringFile) => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path); // atomic: a reader sees the old or the new keyring, never half
  };
  if (!existsSync(path)) {
    if (!opts.create) throw new AppError('vault.key_missing', `keyring file ${path} does not exist`);
    write({ keys: [{ version: 1, key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() }] });
  }
  return {
    description: `keyring file ${path}`,
    load() {
      seenMtime = statSync(path).mtimeMs;
      const keys = new Map<number, Buffer>();
      for (const k of read().keys) keys.set(k.version, parseKey(k.version, k.key, path));
      return keys;
    },
    changed() {
      try {
        return statSync(path).mtimeMs !== seenMtime;
      } catch {
        return false;
      }
    },
    addVersion() {
      const content = read();
      const version = Math.max(0, ...content.keys.map((k) => k.version)) + 1;
      content.keys.push({ version, key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() });
      write(content);
      return version;
    },
  };
}

/** A keyring over a source, reloading when the source changes (so a rotation by the CLI reaches running nodes). */
export function createKeyring(source: KeySource): Keyring & { reload(): void } {
  let keys = source.load();
  if (keys.size === 0) throw new AppError('vault.key_missing', `${source.description} holds no key`);
  let lastCheck = Date.now();
  const refresh = () => {
    // At most once a second: a stat per seal would be cheap, but there is no need for it.
    if (source.changed && Date.now() - lastCheck > 1000) {
      lastCheck = Date.now();
      if (source.changed()) keys = source.load();
    }
  };
  return {
    activeVersion() {
      refresh();
      return Math.max(...keys.keys());
    },
    key(version) {
      let k = keys.get(version);
      if (!k) {
        keys = source.load(); // a version written by another node after our last load
        k = keys.get(version);
      }
      if (!k) throw new AppError('vault.key_missing', `key version ${version} is not in ${source.description}`);
      return k;
    },
    versions() {
      return [...keys.keys()].sort((a, b) => a - b);
    },
    reload() {
      keys = source.load();
    },
  };
}

export function keySourceFromConfig(cfg: { keyringEnv?: string; keyringFile?: string }, opts: { create: boolean }): KeySource {
  if (cfg.keyringEnv) return envKeySource(cfg.keyringEnv);
  if (cfg.keyringFile) return fileKeySource(cfg.keyringFile, opts);
  throw new AppError(
    'vault.key_missing',
    'no encryption key configured: with DATABASE_URL set, give SWITCHBOARD_KEYRING or SWITCHBOARD_KEYRING_FILE (see docs/configuration.md)',
  );
}
