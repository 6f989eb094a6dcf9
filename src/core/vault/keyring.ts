// The keyring a process holds in memory: every live key-encryption-key version, from whichever
// source holds it (key-source.ts), named by the registry (key-version-repository.ts). The newest live
// version encrypts new secrets; older ones unwrap data keys until a rotation has re-wrapped them.
//
// Keys from a KMS are cached for a bounded time (SWITCHBOARD_KEY_CACHE_TTL_SECONDS) after the KMS
// last gave them: a background loop re-unwraps them every refresh interval; if the KMS stops
// answering, the cached keys serve until the TTL, then they are dropped and every use of them fails
// closed with `vault.key_unavailable` (503) — one log line when that happens, one when the KMS
// answers again, and the loop keeps trying, so the node recovers by itself. Local keyrings hold
// the keys outright and never expire. Keys are dropped, not overwritten: a caller may still be
// using the buffer it was given for a synchronous seal, and JavaScript cannot promise that memory
// is wiped anyway (docs/decisions.md).
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Db, Queryable } from '../../db/database.ts';
import { AppError } from '../errors.ts';
import { unwrapKey, wrapKey } from './envelope.ts';
import { insertKeyVersion, listKeyVersions, lockRegistry, nextKeyVersion, type RegistryRow, registryGeneration } from './key-version-repository.ts';
import type { KeySource, KeySourceName } from './key-source.ts';

export interface Keyring {
  /** The newest live version: new secrets and audit rows use it. */
  activeVersion(): number;
  /** A live version's key; throws vault.key_unavailable (503) when it cannot be had now, vault.key_retired, vault.key_missing. */
  key(version: number): Buffer;
  /** Live versions, oldest first. */
  versions(): number[];
  /**
   * Loads the registry again if `version` is not known yet (a version another node or the CLI
   * added). Inside a transaction, pass it: the registry is then read through it (the embedded
   * database has one connection, which the transaction holds).
   */
  ensure(version: number, q?: Queryable): Promise<void>;
  reload(q?: Queryable): Promise<void>;
  /** What the background loop does every interval (tests call it with their own clock). */
  refresh(): Promise<void>;
  /** For a retired version: what audit verification keeps of it (null when it is not retired, or its wrapping key is unavailable). */
  retiredAuditKeys(version: number): { macKey: Buffer; checkpointPublicKey: KeyObject } | null;
  status(): KeyVersionStatus[];
  /** The configured source of that name, if this process has it. */
  source(name: KeySourceName): KeySource | undefined;
  /** Where `keys rotate` and a first start create versions. */
  readonly defaultSource: KeySourceName;
  /** Creates a version in a source and records it: it becomes the active version. */
  createVersion(sourceName: KeySourceName, opts?: { onlyIfEmpty?: boolean }): Promise<number>;
  /** The version this process created at start (a first start on a KMS), for the runtime to audit. */
  createdAtStart: number | null;
  close(): void;
}

interface KeyVersionStatus {
  version: number;
  source: KeySourceName;
  keyRef: string | null;
  state: 'available' | 'unavailable' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
  /** Why it is unavailable (a safe message). */
  reason?: string;
  /** When a KMS last gave this key (remote sources). */
  fetchedAt?: Date;
}

export interface KeyCacheOptions {
  /** How long a key from a KMS stays usable after the KMS last gave it. */
  ttlMs: number;
  /** How often a node asks the KMS again while it answers. */
  refreshMs: number;
  /** How often it tries again while it does not. */
  retryMs: number;
}

export interface LogLike {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface KeyringOptions {
  db: Db;
  /** The sources configured on this node: at most one local keyring, any number of KMS sources. */
  sources: KeySource[];
  defaultSource: KeySourceName;
  cache?: KeyCacheOptions;
  logger?: LogLike;
  /** Re-unwrap and poll the registry in the background (the service; not one-shot CLI commands). */
  background?: boolean;
  /** Create the first version in the default source when there is none (the service: yes; the CLI: no). */
  createFirst?: boolean;
  /**
   * A one-shot command (no background loop to recover with): how long to keep retrying, at the
   * retry interval, a KMS that has not answered for a live version before going on without it.
   */
  waitForKeysMs?: number;
  now?: () => number;
}

export const DEFAULT_KEY_CACHE: KeyCacheOptions = { ttlMs: 600_000, refreshMs: 60_000, retryMs: 5_000 };

/** Which variable configures each source: named in the error when a node lacks one it needs. */
const SOURCE_SETTING: Record<KeySourceName, string> = {
  keyring: 'SWITCHBOARD_KEYRING_FILE or SWITCHBOARD_KEYRING',
  'aws-kms': 'SWITCHBOARD_AWS_KMS_KEY_ID',
  'azure-key-vault': 'SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID',
  'gcp-kms': 'SWITCHBOARD_GCP_KMS_KEY_NAME',
  'vault-transit': 'SWITCHBOARD_VAULT_ADDR and SWITCHBOARD_VAULT_TRANSIT_KEY',
};

type Entry =
  | { state: 'available'; kek: Buffer; fetchedAt: number; remote: boolean; wrapped: Buffer | null; failing?: AppError }
  | { state: 'unavailable'; error: AppError; since: number; lastAttempt: number; logged: boolean }
  | { state: 'retired' };

const retainedBinding = (version: number) => ({ workspaceId: '', recordType: 'vault_key_version', recordId: String(version), field: 'audit_chain_key' });

/** Wraps a retired version's audit-chain key under a live key (stored in the registry row, re-wrapped by rotations). */
export function wrapRetainedAuditKey(kek: Buffer, kekVersion: number, retiredVersion: number, macKey: Buffer): Buffer {
  return wrapKey(kek, kekVersion, macKey, retainedBinding(retiredVersion));
}

export function unwrapRetainedAuditKey(kek: Buffer, kekVersion: number, retiredVersion: number, wrapped: Buffer): Buffer {
  return unwrapKey(kek, kekVersion, wrapped, retainedBinding(retiredVersion));
}

export async function openKeyring(opts: KeyringOptions): Promise<Keyring> {
  const cache = opts.cache ?? DEFAULT_KEY_CACHE;
  const now = opts.now ?? Date.now;
  const log = opts.logger;
  const local = opts.sources.find((s) => !s.remote);
  const remotes = new Map(opts.sources.filter((s) => s.remote).map((s) => [s.name, s]));
  let rows: RegistryRow[] = [];
  let entries = new Map<number, Entry>();
  let generation = '';
  let reloading: Promise<void> | null = null;
  let lastLocalCheck = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let createdByThisProcess: number | null = null;
  const retainedCache = new WeakMap<RegistryRow, { kek: Buffer; keys: { macKey: Buffer; checkpointPublicKey: KeyObject } }>();

  const unavailable = (error: AppError, prev?: Entry): Entry => ({
    state: 'unavailable',
    error,
    since: prev?.state === 'unavailable' ? prev.since : now(),
    lastAttempt: now(),
    logged: prev?.state === 'unavailable' ? prev.logged : false,
  });
  const asAppError = (err: unknown): AppError =>
    err instanceof AppError ? err : new AppError('vault.kms_unreachable', `key source failed (${(err as Error)?.name ?? 'error'})`);

  async function registerLocalVersions(rows: RegistryRow[]): Promise<RegistryRow[]> {
    const found = local?.localVersions?.() ?? [];
    const known = new Map(rows.map((r) => [r.version, r]));
    const missing = found.filter((v) => !known.has(v));
    for (const v of found) {
      const r = known.get(v);
      if (r && r.source !== 'keyring' && !r.retiredAt) {
        throw new AppError(
          'vault.key_conflict',
          `key version ${v} is in ${local!.description} but the registry says ${r.source} holds it: remove it from the keyring`,
        );
      }
    }
    if (!missing.length) return rows;
    await opts.db.tx(async (q) => {
      await lockRegistry(q);
      for (const v of missing) await insertKeyVersion(q, { version: v, source: 'keyring', keyRef: null, wrappedKek: null });
    });
    return listKeyVersions(opts.db);
  }

  async function loadRemote(row: RegistryRow, source: KeySource, prev: Entry | undefined): Promise<Entry> {
    try {
      const keys = await source.load([{ version: row.version, keyRef: row.keyRef, wrappedKek: row.wrappedKek }]);
      const kek = keys.get(row.version);
      if (!kek) throw new AppError('vault.key_missing', `${source.description} gave no key for version ${row.version}`);
      if (prev?.state === 'unavailable' && prev.logged) {
        log?.info(
          { key_version: row.version, source: row.source, unavailable_seconds: Math.round((now() - prev.since) / 1000) },
          `key version ${row.version} is available again from ${row.source}`,
        );
      } else if (prev?.state === 'available' && prev.failing) {
        log?.info({ key_version: row.version, source: row.source }, `${row.source} answers again; key version ${row.version} refreshed`);
      }
      return { state: 'available', kek, fetchedAt: now(), remote: true, wrapped: row.wrappedKek };
    } catch (err) {
      const e = asAppError(err);
      if (prev?.state === 'available' && now() - prev.fetchedAt < cache.ttlMs) {
        // Still within the cache: keep serving, say so once per failure streak.
        if (!prev.failing) {
          log?.warn(
            {
              key_version: row.version,
              source: row.source,
              error: e.code,
              detail: e.message,
              serves_for_seconds: Math.round((cache.ttlMs - (now() - prev.fetchedAt)) / 1000),
            },
            `could not refresh key version ${row.version} from ${row.source}; serving it from memory until the cache expires`,
          );
        }
        prev.failing = e;
        return prev;
      }
      return unavailable(e, prev);
    }
  }

  async function doReload(q?: Queryable): Promise<void> {
    let fresh = await listKeyVersions(q ?? opts.db);
    // Registering what the local keyring holds writes the registry: not inside a caller's transaction.
    if (!q) fresh = await registerLocalVersions(fresh);
    const freshGeneration = await registryGeneration(q ?? opts.db);
    const localKeys = local ? await local.load([]) : new Map<number, Buffer>();
    const next = new Map<number, Entry>();
    await Promise.all(
      fresh.map(async (row) => {
        const prev = entries.get(row.version);
        if (row.retiredAt) {
          next.set(row.version, { state: 'retired' });
          return;
        }
        if (row.source === 'keyring') {
          const kek = localKeys.get(row.version);
          next.set(
            row.version,
            kek
              ? { state: 'available', kek, fetchedAt: now(), remote: false, wrapped: null }
              : unavailable(
                  new AppError(
                    'vault.key_missing',
                    `key version ${row.version} is in no keyring on this node (${local ? local.description : `set ${SOURCE_SETTING.keyring}`})`,
                  ),
                  prev,
                ),
          );
          return;
        }
        const source = remotes.get(row.source);
        if (!source) {
          next.set(
            row.version,
            unavailable(
              new AppError(
                'vault.source_not_configured',
                `key version ${row.version} is held by ${row.source}, which this node is not configured for (set ${SOURCE_SETTING[row.source]})`,
              ),
              prev,
            ),
          );
          return;
        }
        // A key fetched recently from the same wrapped form is kept: a reload is not a refresh.
        if (prev?.state === 'available' && prev.wrapped && row.wrappedKek && prev.wrapped.equals(row.wrappedKek) && now() - prev.fetchedAt < cache.refreshMs) {
          next.set(row.version, prev);
          return;
        }
        next.set(row.version, await loadRemote(row, source, prev));
      }),
    );
    // Versions and their keys change together: a version never becomes active before its key is here.
    rows = fresh;
    entries = next;
    generation = freshGeneration;
    for (const [v, e] of entries) if (e.state === 'unavailable') noteUnavailable(v, e);
  }

  function reload(q?: Queryable): Promise<void> {
    // Through a caller's transaction: never wait on a reload that needs another connection.
    if (q) return doReload(q);
    if (!reloading) reloading = doReload().finally(() => (reloading = null));
    return reloading;
  }

  function rowOf(version: number) {
    return rows.find((r) => r.version === version);
  }

  function noteUnavailable(version: number, e: Extract<Entry, { state: 'unavailable' }>) {
    if (e.logged) return;
    e.logged = true;
    const row = rowOf(version);
    const remote = row && row.source !== 'keyring';
    log?.error(
      { key_version: version, source: row?.source, error: e.error.code, detail: e.error.message, ...(remote ? { cache_ttl_seconds: cache.ttlMs / 1000 } : {}) },
      remote
        ? `key version ${version} is unavailable: ${row!.source} has not given it within the ${cache.ttlMs / 1000}s cache; secrets under it are not released or sealed (503 vault.key_unavailable) until it answers`
        : `key version ${version} is unavailable: ${e.error.message}`,
    );
  }

  function expire(version: number, e: Extract<Entry, { state: 'available' }>) {
    const cause = e.failing ?? new AppError('vault.kms_unreachable', 'the key was not refreshed in time');
    const u = unavailable(cause) as Extract<Entry, { state: 'unavailable' }>;
    u.since = e.fetchedAt + cache.ttlMs;
    entries.set(version, u);
    noteUnavailable(version, u);
  }

  async function tick() {
    if (closed) return;
    try {
      await refresh();
    } finally {
      schedule();
    }
  }

  /** One pass of the background loop: notice registry changes, refresh what is due, expire what is past the TTL. */
  async function refresh() {
    try {
      if ((await registryGeneration(opts.db)) !== generation || local?.changed?.()) await reload();
      await Promise.all(
        rows
          .filter((r) => !r.retiredAt && r.source !== 'keyring')
          .map(async (row) => {
            const source = remotes.get(row.source);
            const e = entries.get(row.version);
            if (!source || !e || e.state === 'retired') return;
            const due = e.state === 'available' ? now() - e.fetchedAt >= cache.refreshMs || !!e.failing : now() - e.lastAttempt >= cache.retryMs;
            if (!due) return;
            const next = await loadRemote(row, source, e);
            // Meanwhile the entry may have expired (and said so) or been reloaded: then this answer is stale.
            if (entries.get(row.version) !== e) return;
            entries.set(row.version, next);
            if (next.state === 'unavailable') noteUnavailable(row.version, next);
          }),
      );
      for (const [v, e] of entries) if (e.state === 'available' && e.remote && now() - e.fetchedAt >= cache.ttlMs) expire(v, e);
    } catch (err) {
      // The database itself is unreachable: the cache carries on; nothing to add here.
      log?.warn({ error: (err as Error).message }, 'key refresh could not read the key registry');
    }
  }

  function schedule() {
    if (closed || !opts.background) return;
    timer = setTimeout(tick, Math.min(cache.refreshMs, cache.retryMs));
    timer.unref();
  }

  function live(): RegistryRow[] {
    return rows.filter((r) => !r.retiredAt);
  }

  const keyring: Keyring = {
    defaultSource: opts.defaultSource,
    createdAtStart: null,
    activeVersion() {
      if (local?.changed && now() - lastLocalCheck > 1000) {
        lastLocalCheck = now();
        // The CLI rotated the keyring file: pick it up without making this caller wait.
        if (local.changed()) void reload().catch((err) => log?.warn({ error: (err as Error).message }, 'could not reload the keyring'));
      }
      const l = live();
      if (!l.length) throw new AppError('vault.key_missing', 'no live key version');
      return l[l.length - 1].version;
    },
    key(version) {
      const e = entries.get(version);
      if (!e) throw new AppError('vault.key_missing', `key version ${version} is not in the key registry`);
      if (e.state === 'retired') throw new AppError('vault.key_retired', `key version ${version} is retired`);
      if (e.state === 'available' && e.remote && now() - e.fetchedAt >= cache.ttlMs) expire(version, e);
      const cur = entries.get(version)!;
      if (cur.state === 'available') return cur.kek;
      if (cur.state === 'unavailable') {
        noteUnavailable(version, cur);
        throw new AppError('vault.key_unavailable', `key version ${version} is unavailable (${cur.error.code}); try again when the key source answers`, {
          key_version: version,
          cause: cur.error.code,
        });
      }
      throw new AppError('vault.key_retired', `key version ${version} is retired`);
    },
    versions: () => live().map((r) => r.version),
    refresh,
    async ensure(version, q) {
      if (!entries.has(version)) await reload(q);
    },
    reload,
    retiredAuditKeys(version) {
      const row = rowOf(version);
      if (!row?.retiredAt || !row.checkpointPublicKey || !row.auditKeyVersion || !row.auditKeyWrapped) return null;
      let kek: Buffer;
      try {
        kek = keyring.key(row.auditKeyVersion);
      } catch {
        return null;
      }
      const hit = retainedCache.get(row);
      if (hit && hit.kek === kek) return hit.keys;
      const keys = {
        macKey: unwrapRetainedAuditKey(kek, row.auditKeyVersion, version, row.auditKeyWrapped),
        checkpointPublicKey: createPublicKey({ key: row.checkpointPublicKey, format: 'der', type: 'spki' }),
      };
      retainedCache.set(row, { kek, keys });
      return keys;
    },
    status() {
      return rows.map((row) => {
        const e = entries.get(row.version);
        const base = { version: row.version, source: row.source, keyRef: row.keyRef, createdAt: row.createdAt, retiredAt: row.retiredAt };
        if (!e || e.state === 'retired') return { ...base, state: 'retired' as const };
        if (e.state === 'available') {
          const expired = e.remote && now() - e.fetchedAt >= cache.ttlMs;
          return {
            ...base,
            state: expired ? ('unavailable' as const) : ('available' as const),
            ...(e.remote ? { fetchedAt: new Date(e.fetchedAt) } : {}),
            ...(expired ? { reason: (e.failing ?? { message: 'not refreshed in time' }).message } : {}),
          };
        }
        return { ...base, state: 'unavailable' as const, reason: e.error.message };
      });
    },
    source: (name) => opts.sources.find((s) => s.name === name),
    async createVersion(sourceName, o) {
      const source = keyring.source(sourceName);
      if (!source) throw new AppError('vault.source_not_configured', `${sourceName} is not configured on this node (set ${SOURCE_SETTING[sourceName]})`);
      const localMax = Math.max(0, ...(local?.localVersions?.() ?? []));
      const version = await opts.db.tx(async (q) => {
        await lockRegistry(q);
        if (o?.onlyIfEmpty && (await listKeyVersions(q)).some((r) => !r.retiredAt)) return null;
        const v = await nextKeyVersion(q, localMax + 1);
        const created = await source.create(v);
        await insertKeyVersion(q, { version: v, source: sourceName, keyRef: created.keyRef, wrappedKek: created.wrappedKek });
        return v;
      });
      await reload();
      if (version !== null) createdByThisProcess = version;
      return version ?? keyring.activeVersion();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const s of opts.sources) s.close?.();
      entries = new Map();
    },
  };

  await reload();
  if (!live().length) {
    if (opts.createFirst === false || !opts.sources.some((s) => s.name === opts.defaultSource && s.remote)) {
      throw new AppError(
        'vault.key_missing',
        `no key version: ${local ? `${local.description} holds no key` : `configure ${SOURCE_SETTING[opts.defaultSource]}`}`,
      );
    }
    // A first start on a KMS: the first key-encryption key is made here, wrapped by it.
    await keyring.createVersion(opts.defaultSource, { onlyIfEmpty: true });
    keyring.createdAtStart = createdByThisProcess;
  }
  const active = entries.get(keyring.activeVersion());
  if (active?.state === 'unavailable' && active.error.code !== 'vault.kms_unreachable') {
    // Misconfiguration (no permission, unknown key, a key this node cannot reach at all): say it now.
    keyring.close();
    throw new AppError(
      active.error.code === 'vault.kms_refused' ? 'vault.kms_refused' : 'vault.key_missing',
      `the active key version cannot be loaded: ${active.error.message}`,
    );
  }
  // A cold process's first KMS call (SDK loading, credentials, a new connection) can miss the
  // timeout where a serving node would simply retry; a one-shot command waits for it, bounded.
  const unreachable = () =>
    live().some((r) => {
      const e = entries.get(r.version);
      return e?.state === 'unavailable' && e.error.code === 'vault.kms_unreachable';
    });
  const waitUntil = Date.now() + (opts.waitForKeysMs ?? 0);
  while (unreachable() && Date.now() < waitUntil) {
    await new Promise((r) => setTimeout(r, Math.min(cache.retryMs, Math.max(0, waitUntil - Date.now()))));
    await refresh();
  }
  schedule();
  return keyring;
}
