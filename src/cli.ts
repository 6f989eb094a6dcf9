// The command line: `switchboard [serve|worker|migrate|keys status|rotate|migrate|retire|audit verify|vendor-token rotate|revoke]`,
// imported by main.ts once tracing (when asked for) has started.
import { ConfigError, loadConfig } from './config.ts';
import { describeProblem, verifyAuditChains } from './core/audit/audit-verify.ts';
import { bindAuditKeys, createAuditKeys } from './core/audit/audit-keys.ts';
import { AppError } from './core/errors.ts';
import { revokeVendorToken, rotateVendorToken } from './core/identity/vendor-token.ts';
import { keyCacheFromConfig, keySourcesFromConfig } from './core/vault/key-sources-config.ts';
import { isKeySourceName, type KeySourceName } from './core/vault/key-source.ts';
import { formatKeyStatus } from './core/vault/key-status-format.ts';
import { keyStatus, retireKeyVersion } from './core/vault/key-lifecycle.ts';
import { type Keyring, type LogLike, openKeyring } from './core/vault/keyring.ts';
import { rotateKeys } from './core/vault/key-rotation.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { openDatabase } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { shutdownTracing } from './lib/tracing.ts';
import { createLogger } from './logger.ts';
import { createRuntime } from './runtime.ts';

const USAGE = `usage: switchboard <command>
  serve          start the HTTP service (runs operation runs in-process unless SWITCHBOARD_WORKER_MODE=off)
  worker         execute operation runs only (scale out by starting more)
  migrate        apply database migrations and exit
  keys status    key versions, their source, data keys on each, "100% on vN" when a rotation is done
  keys rotate    add a key version (in SWITCHBOARD_KEY_SOURCE) and re-wrap every data key, online
  keys migrate --to <keyring|aws-kms|azure-key-vault|gcp-kms|vault-transit>
                 add a version in that source and re-wrap every data key to it, online
  keys retire vN destroy key version N (refused while any data key is still on it)
  audit verify [--checkpoints <dir>]
                 check every audit chain, and the database against the signed checkpoints
                 (default: SWITCHBOARD_AUDIT_CHECKPOINT_DIR); exits 1 naming each problem
  vendor-token rotate   print a new vendor token once and revoke the old one (audited)
  vendor-token revoke   revoke the vendor token, leaving none (rotate makes a new one)`;

async function main(argv: string[]): Promise<number> {
  const [cmd = 'serve', sub] = argv;
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  switch (cmd) {
    case 'serve': {
      const rt = await createRuntime(config, { http: true, work: config.workerMode === 'inline', logger });
      if (rt.generatedVendorToken) {
        // Printed once, to the terminal only (not through the logger, whose output may be shipped).
        process.stdout.write(
          `\n  Vendor (operator) token — shown once, store it now:\n\n    ${rt.generatedVendorToken}\n\n  Use it as: Authorization: Bearer <token>\n\n`,
        );
      }
      await rt.app!.listen({ host: config.host, port: config.port });
      onSignal(() => rt.close());
      return -1; // keep running
    }
    case 'worker': {
      const rt = await createRuntime(config, { http: false, work: true, logger });
      logger.info({ worker_id: rt.engine.workerId }, 'worker started');
      onSignal(() => rt.close());
      return -1;
    }
    case 'migrate': {
      const { db } = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const { applied } = await migrate(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      await db.close();
      return 0;
    }
    case 'keys': {
      if (!['status', 'rotate', 'migrate', 'retire'].includes(sub ?? '')) break;
      let to: KeySourceName | undefined;
      let retire: number | undefined;
      if (sub === 'migrate') {
        const at = argv.indexOf('--to');
        const name = at >= 0 ? argv[at + 1] : undefined;
        if (!name || !isKeySourceName(name)) break;
        to = name;
      }
      if (sub === 'retire') {
        const m = /^v?(\d+)$/.exec(argv[2] ?? '');
        if (!m) break;
        retire = Number(m[1]);
      }
      return withKeyring(config, logger, async (db, keyring) => {
        if (sub === 'status') {
          console.log(formatKeyStatus(await keyStatus(db, keyring)));
          return 0;
        }
        if (retire !== undefined) {
          const r = await retireKeyVersion(db, keyring, retire);
          console.log(`retired key version ${r.version} (${r.source})${r.removed ? '; its key is destroyed' : ''}${r.note ? `; ${r.note}` : ''}`);
          return 0;
        }
        // Adds the version, re-wraps, and audits it on the vendor chain.
        const r = await rotateKeys(db, keyring, { to, onProgress: (n) => process.stderr.write(`\rre-wrapped ${n}`) });
        process.stderr.write('\n');
        console.log(
          r.addedVersion
            ? `added key version ${r.addedVersion}${sub === 'migrate' ? ` in ${r.source}` : ''}; re-wrapped ${r.rewrapped} data keys to it`
            : `re-wrapped ${r.rewrapped} data keys to key version ${r.toVersion} (the highest in ${keyring.source(r.source)?.description})`,
        );
        if (sub === 'migrate') {
          console.log(
            `next: set SWITCHBOARD_KEY_SOURCE=${r.source} on every node; when "keys status" says 100% on v${r.toVersion}, retire the old versions (keys retire vN)`,
          );
        }
        if (r.failed.length) {
          console.error(
            `${r.failed.length} secrets failed authentication and were left under their old key (ids: ${r.failed.join(', ')}); keep the old key version until they are resolved`,
          );
          return 1;
        }
        return 0;
      });
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const at = argv.indexOf('--checkpoints');
      if (at >= 0 && !argv[at + 1]) break;
      const checkpoints = at >= 0 ? argv[at + 1] : config.audit.checkpointDir;
      // The keyring is needed to recompute the keyed MACs and to check the checkpoints' signatures.
      const r = await withKeyring(config, logger, (db, keyring) => verifyAuditChains(db, { keyring, checkpoints }));
      for (const p of r.problems) console.log(describeProblem(p));
      const cp = r.checkpoints!;
      if (cp.read === 0) console.log(`note: no checkpoints in ${cp.source}: the chains were checked, a cut tail or a truncated table cannot be`);
      console.log(
        `${r.ok ? 'OK' : 'TAMPERED'}: ${r.chains} chains, ${r.events} events, ${r.problems.length} problems (${r.legacy} legacy unkeyed events; ${cp.valid} of ${cp.read} checkpoints valid)`,
      );
      return r.ok ? 0 : 1;
    }
    case 'vendor-token': {
      if (sub !== 'rotate' && sub !== 'revoke') break;
      // The audit row goes on the vendor chain, keyed with the keyring like every other row.
      return withKeyring(config, logger, async (opened, keyring) => {
        const db = bindAuditKeys(opened, createAuditKeys(keyring));
        if (sub === 'rotate') {
          const r = await rotateVendorToken(db);
          // Printed once, to the terminal only, like the first one; never logged.
          process.stdout.write(
            `\n  New vendor (operator) token — shown once, store it now:\n\n    ${r.token}\n\n  ${r.revoked} previous vendor token(s) revoked.\n\n`,
          );
        } else {
          const r = await revokeVendorToken(db);
          console.log(
            r.revoked
              ? `revoked the vendor token; there is none now (run "switchboard vendor-token rotate" on a machine with database access and the keyring to make one)`
              : 'there was no live vendor token',
          );
        }
        return 0;
      });
    }
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

/** A one-shot command's database (migrated) and keyring (no background refresh, never creating a first version). */
async function withKeyring<T>(config: Config, logger: LogLike, fn: (db: Db, keyring: Keyring) => Promise<T>): Promise<T> {
  const sources = keySourcesFromConfig(config, { create: false });
  const { db } = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const cache = keyCacheFromConfig(config);
    // A KMS that does not answer the first call gets as long as a serving node's cache lasts (at most a minute).
    const keyring = await openKeyring({
      db,
      sources,
      defaultSource: config.keys.source,
      cache,
      logger,
      createFirst: false,
      waitForKeysMs: Math.min(cache.ttlMs, 60_000),
    });
    try {
      return await fn(db, keyring);
    } finally {
      keyring.close();
    }
  } finally {
    await db.close();
  }
}

function onSignal(close: () => Promise<void>) {
  let closing = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (closing) process.exit(1);
      closing = true;
      // The spans still buffered are sent before the process ends.
      close().then(
        () => shutdownTracing().then(() => process.exit(0)),
        () => shutdownTracing().then(() => process.exit(1)),
      );
    });
  }
}

// process.exit() does not wait for output still queued to a pipe: a long `audit verify` report
// was cut off mid-list (and its verdict line lost). Exit once both streams have drained.
const exitFlushed = (code: number) => shutdownTracing().then(() => process.stdout.write('', () => process.stderr.write('', () => process.exit(code))));

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) exitFlushed(code);
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof AppError) console.error(`switchboard: ${err.message}`);
    else console.error(err);
    exitFlushed(1);
  },
);
