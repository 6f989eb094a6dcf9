// The command line: `switchboard [serve|worker|migrate|keys rotate|audit verify|vendor-token rotate|revoke]`.
import { ConfigError, loadConfig } from './config.ts';
import { describeProblem, verifyAuditChains } from './core/audit/audit-verify.ts';
import { bindAuditKeys, createAuditKeys } from './core/audit/audit-keys.ts';
import { AppError } from './core/errors.ts';
import { revokeVendorToken, rotateVendorToken } from './core/identity/vendor-token.ts';
import { createKeyring, keySourceFromConfig } from './core/vault/keyring.ts';
import { rotateKeys } from './core/vault/key-rotation.ts';
import { openDatabase } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { createRuntime } from './runtime.ts';

const USAGE = `usage: switchboard <command>
  serve          start the HTTP service (runs operation runs in-process unless SWITCHBOARD_WORKER_MODE=off)
  worker         execute operation runs only (scale out by starting more)
  migrate        apply database migrations and exit
  keys rotate    add a key version (keyring file) and re-wrap every data key, online
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
      if (sub !== 'rotate') break;
      const source = keySourceFromConfig(config, { create: false });
      const { db } = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(db);
      // Adds the version, re-wraps, and audits the rotation on the vendor chain.
      const r = await rotateKeys(db, source, { onProgress: (n) => process.stderr.write(`\rre-wrapped ${n}`) });
      process.stderr.write('\n');
      console.log(
        r.addedVersion
          ? `added key version ${r.addedVersion}; re-wrapped ${r.rewrapped} data keys to it`
          : `re-wrapped ${r.rewrapped} data keys to key version ${r.toVersion} (the highest in ${source.description})`,
      );
      await db.close();
      if (r.failed.length) {
        console.error(
          `${r.failed.length} secrets failed authentication and were left under their old key (ids: ${r.failed.join(', ')}); keep the old key version until they are resolved`,
        );
        return 1;
      }
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const at = argv.indexOf('--checkpoints');
      if (at >= 0 && !argv[at + 1]) break;
      const checkpoints = at >= 0 ? argv[at + 1] : config.audit.checkpointDir;
      // The keyring is needed to recompute the keyed MACs and to check the checkpoints' signatures.
      const keyring = createKeyring(keySourceFromConfig(config, { create: false }));
      const { db } = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const r = await verifyAuditChains(db, { keyring, checkpoints }).finally(() => db.close());
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
      const keys = createAuditKeys(createKeyring(keySourceFromConfig(config, { create: false })));
      const opened = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrate(opened.db);
        const db = bindAuditKeys(opened.db, keys);
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
      } finally {
        await opened.db.close();
      }
      return 0;
    }
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

function onSignal(close: () => Promise<void>) {
  let closing = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (closing) process.exit(1);
      closing = true;
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof AppError) console.error(`switchboard: ${err.message}`);
    else console.error(err);
    process.exit(1);
  },
);
