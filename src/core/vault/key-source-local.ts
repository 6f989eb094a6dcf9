// The local keyring, today's default key source: a keyring file (the embedded default creates
// one, mode 0600, written atomically) or the SWITCHBOARD_KEYRING environment variable. It holds
// the key-encryption keys themselves, so there is nothing to cache or expire: whoever can read
// the file (or the process environment) holds every key.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';
import type { KeySource } from './key-source.ts';

function parseKey(version: number, b64: string, where: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new AppError('vault.key_invalid', `key version ${version} in ${where} must be 32 bytes of base64`);
  return key;
}

function parseEnvKeyring(value: string): Map<number, Buffer> {
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
}

/** `1:<base64>,2:<base64>`: read-only (a new version is added to the variable on every node by hand). */
export function envKeySource(value: string): KeySource & { read(): Map<number, Buffer> } {
  const keys = parseEnvKeyring(value); // a bad value stops the process at start
  return {
    name: 'keyring',
    description: 'SWITCHBOARD_KEYRING',
    remote: false,
    read: () => new Map(keys),
    load: async () => new Map(keys),
    localVersions: () => [...keys.keys()],
    async create() {
      throw new AppError(
        'vault.source_read_only',
        'SWITCHBOARD_KEYRING cannot be changed from here: add the new version ("N:<base64 of 32 random bytes>") to the variable on every node, restart them, then run keys rotate',
      );
    },
    async forget(version) {
      return { removed: false, note: `remove version ${version} from SWITCHBOARD_KEYRING on every node (it is no longer used)` };
    },
  };
}

interface KeyringFile {
  keys: Array<{ version: number; key: string; created_at: string }>;
}

export function fileKeySource(path: string, opts: { create: boolean }): KeySource & { read(): Map<number, Buffer> } {
  let seenMtime = 0;
  const readFile = (): KeyringFile => {
    const text = readFileSync(path, 'utf8');
    try {
      return JSON.parse(text) as KeyringFile;
    } catch {
      // The parser's message would name neither the file nor what it must hold (and never echo its content).
      throw new AppError('vault.key_invalid', `keyring file ${path} is not JSON of the form {"keys":[{"version":1,"key":"<base64 of 32 bytes>"}]}`);
    }
  };
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
  const read = () => {
    seenMtime = statSync(path).mtimeMs;
    const keys = new Map<number, Buffer>();
    for (const k of readFile().keys) keys.set(k.version, parseKey(k.version, k.key, path));
    return keys;
  };
  return {
    name: 'keyring',
    description: `keyring file ${path}`,
    remote: false,
    read,
    load: async () => read(),
    localVersions: () => [...read().keys()],
    changed() {
      try {
        return statSync(path).mtimeMs !== seenMtime;
      } catch {
        return false;
      }
    },
    async create(version) {
      const content = readFile();
      if (content.keys.some((k) => k.version === version)) throw new AppError('vault.key_invalid', `${path} already holds key version ${version}`);
      const kek = randomBytes(32);
      content.keys.push({ version, key: kek.toString('base64'), created_at: new Date().toISOString() });
      write(content);
      return { keyRef: null, wrappedKek: null, kek };
    },
    async forget(version) {
      const content = readFile();
      const kept = content.keys.filter((k) => k.version !== version);
      if (kept.length === content.keys.length) return { removed: false };
      write({ keys: kept });
      return { removed: true };
    },
  };
}
