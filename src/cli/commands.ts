// The commands of `switchboard`: each with the line of the overview, its own --help and what it runs.
// A command returns its exit code, or -1 to keep the process running (serve, worker, demo).
import { describeProblem, verifyAuditChains } from '../core/audit/audit-verify.ts';
import { bindAuditKeys, createAuditKeys } from '../core/audit/audit-keys.ts';
import { reportChainProblems } from '../core/webhooks/chain-problems.ts';
import { revokeVendorToken, rotateVendorToken } from '../core/identity/vendor-token.ts';
import { isKeySourceName, KEY_SOURCE_NAMES, type KeySourceName } from '../core/vault/key-source.ts';
import { formatKeyStatus } from '../core/vault/key-status-format.ts';
import { keyStatus, retireKeyVersion } from '../core/vault/key-lifecycle.ts';
import type { Logger } from 'pino';
import { rotateKeys } from '../core/vault/key-rotation.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { startDemo } from '../demo/start.ts';
import { createRuntime } from '../runtime.ts';
import { withKeyring } from './keyring-session.ts';
import { progress } from './progress.ts';

interface CommandContext {
  config: Config;
  logger: Logger;
  /** Called with what stops a long-running command, on SIGINT / SIGTERM. */
  keepRunning(close: () => Promise<void>): void;
}

export interface Command {
  /** The line of the overview. */
  summary: string;
  /** `switchboard <name> --help`. */
  help: string;
  /** Without the configuration (demo chooses its own); default false. */
  ownConfig?: boolean;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** A usage error of one command: the one line, and exit code 2. */
export class UsageError extends Error {}

const KEYS_HELP = `usage: switchboard keys <status|rotate|migrate|retire>
  keys status                 key versions, their source, data keys on each, "100% on vN" when a rotation is done
  keys rotate                 add a key version (in SWITCHBOARD_KEY_SOURCE) and re-wrap every data key, online
  keys migrate --to <source>  add a version in that source and re-wrap every data key to it, online
                              (source: ${KEY_SOURCE_NAMES.join(', ')})
  keys retire vN              destroy key version N (refused while any data key is still on it)
Reads the same configuration as serve (DATABASE_URL or SWITCHBOARD_DATA_DIR, the key variables).`;

export const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'start the HTTP service (runs operation runs in-process unless SWITCHBOARD_WORKER_MODE=off)',
    help: `usage: switchboard serve
Starts the HTTP API on HOST:PORT (default 127.0.0.1:3000), migrating the database first (under a
lock: several nodes may start at once). On a fresh embedded data directory it creates the keyring
and prints the vendor (operator) token once. Executes operation runs too unless
SWITCHBOARD_WORKER_MODE=off. Stops on SIGINT / SIGTERM. All variables: docs/configuration.md.`,
    async run(_args, { config, logger, keepRunning }) {
      const rt = await createRuntime(config, { http: true, work: config.workerMode === 'inline', logger });
      if (rt.generatedVendorToken) {
        // Printed once, to the terminal only (not through the logger, whose output may be shipped).
        process.stdout.write(
          `\n  Vendor (operator) token — shown once, store it now:\n\n    ${rt.generatedVendorToken}\n\n  Use it as: Authorization: Bearer <token>\n\n`,
        );
      }
      keepRunning(() => rt.close());
      await rt.app!.listen({ host: config.host, port: config.port });
      return -1;
    },
  },
  worker: {
    summary: 'execute operation runs only (scale out by starting more)',
    help: `usage: switchboard worker
Executes operation runs from the queue and serves no HTTP. Start as many as you like against one
PostgreSQL server (DATABASE_URL). Stops on SIGINT / SIGTERM, leaving its runs to the lease reaper.`,
    async run(_args, { config, logger, keepRunning }) {
      const rt = await createRuntime(config, { http: false, work: true, logger });
      keepRunning(() => rt.close());
      logger.info({ worker_id: rt.engine.workerId }, 'worker started');
      return -1;
    },
  },
  migrate: {
    summary: 'apply database migrations and exit',
    help: `usage: switchboard migrate
Applies the pending database migrations and exits (0 when done or already up to date). Optional:
serve and worker migrate at start too, under the same lock.`,
    async run(_args, { config }) {
      const { db } = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const { applied } = await migrate(db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await db.close();
      }
      return 0;
    },
  },
  keys: {
    summary: 'keys status | rotate | migrate --to <source> | retire vN: the key-encryption keys',
    help: KEYS_HELP,
    async run(args, { config, logger }) {
      const [sub] = args;
      if (!['status', 'rotate', 'migrate', 'retire'].includes(sub ?? '')) throw new UsageError(sub ? `unknown keys command "${sub}"` : 'keys needs a command');
      let to: KeySourceName | undefined;
      let retire: number | undefined;
      if (sub === 'migrate') {
        const at = args.indexOf('--to');
        const name = at >= 0 ? args[at + 1] : undefined;
        if (!name || !isKeySourceName(name)) throw new UsageError(`keys migrate needs --to <${KEY_SOURCE_NAMES.join('|')}>`);
        to = name;
      }
      if (sub === 'retire') {
        const m = /^v?(\d+)$/.exec(args[1] ?? '');
        if (!m) throw new UsageError('keys retire needs a version, e.g. "keys retire v1"');
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
        const shown = progress((n) => `re-wrapped ${n} data keys`);
        const r = await rotateKeys(db, keyring, { to, onProgress: (n) => shown.update(n) });
        shown.done(r.rewrapped);
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
    },
  },
  audit: {
    summary: 'audit verify [--checkpoints <dir>]: check every audit chain (exit 1 naming each problem)',
    help: `usage: switchboard audit verify [--checkpoints <dir>]
Recomputes every audit hash chain and checks the database against the signed checkpoints in <dir>
(default SWITCHBOARD_AUDIT_CHECKPOINT_DIR). Exits 1 naming each edited, deleted or cut row.`,
    async run(args, { config, logger }) {
      if (args[0] !== 'verify') throw new UsageError(args[0] ? `unknown audit command "${args[0]}"` : 'audit needs a command: verify');
      const at = args.indexOf('--checkpoints');
      if (at >= 0 && !args[at + 1]) throw new UsageError('--checkpoints needs a directory');
      const checkpoints = at >= 0 ? args[at + 1] : config.audit.checkpointDir;
      // The keyring is needed to recompute the keyed MACs and to check the checkpoints' signatures.
      const r = await withKeyring(config, logger, async (db, keyring) => {
        const result = await verifyAuditChains(db, { keyring, checkpoints });
        // The workspaces whose chains failed hear of it (audit.chain_problem webhooks).
        if (!result.ok) await reportChainProblems(db, result.problems, 'cli');
        return result;
      });
      for (const p of r.problems) console.log(describeProblem(p));
      const cp = r.checkpoints!;
      if (cp.read === 0) console.log(`note: no checkpoints in ${cp.source}: the chains were checked, a cut tail or a truncated table cannot be`);
      console.log(
        `${r.ok ? 'OK' : 'TAMPERED'}: ${r.chains} chains, ${r.events} events, ${r.problems.length} problems (${r.legacy} legacy unkeyed events; ${cp.valid} of ${cp.read} checkpoints valid)`,
      );
      return r.ok ? 0 : 1;
    },
  },
  'vendor-token': {
    summary: 'vendor-token rotate | revoke: the vendor (operator) token',
    help: `usage: switchboard vendor-token <rotate|revoke>
  vendor-token rotate   print a new vendor token once and revoke the old one (audited)
  vendor-token revoke   revoke the vendor token, leaving none (rotate makes a new one)
Run where the database and the keyring are reachable.`,
    async run(args, { config, logger }) {
      const [sub] = args;
      if (sub !== 'rotate' && sub !== 'revoke')
        throw new UsageError(sub ? `unknown vendor-token command "${sub}"` : 'vendor-token needs a command: rotate or revoke');
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
    },
  },
  demo: {
    summary: 'try it without a tenant: the service with simulated Microsoft and providers, seeded',
    help: `usage: switchboard demo
Starts the service on loopback (HOST/PORT as serve; PORT defaults to 3000) with the simulated
Microsoft Entra ID / Graph and integration providers on 127.0.0.1, on a fresh embedded database in
a temporary directory (removed on exit), and seeds a workspace, a tenant, a consented Microsoft
connection with thousands of simulated devices, integrations and a SCIM configuration. Prints the
console link and an owner token. Nothing leaves the machine. Stops on SIGINT / SIGTERM.`,
    ownConfig: true,
    async run(_args, { keepRunning }) {
      const demo = await startDemo();
      keepRunning(() => demo.close());
      process.stdout.write(demo.banner);
      return -1;
    },
  },
};

export const USAGE = `usage: switchboard <command> [--help]
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)}${c.summary}`)
  .join('\n')}
  help <command> the help of one command (also: switchboard <command> --help)
Every command reads the same configuration as serve (docs/configuration.md).`;
