// A private PostgreSQL cluster for fault tests that stop and start the server: the machine's
// shared server is never restarted (other test files run against it at the same time). initdb
// refuses to run as root, so the cluster belongs to the `postgres` OS user (runuser) and lives in
// a temporary directory it owns; it listens on 127.0.0.1 on a free port with trust auth.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url(db?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  running(): boolean;
  destroy(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Why a private cluster cannot be made here, or null when it can. */
function privatePostgresUnavailable(): string | null {
  if (!existsSync(join(BIN, 'initdb'))) return `no PostgreSQL binaries in ${BIN} (set PG_BIN_DIR)`;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) return 'there is no `postgres` OS user to own the cluster (initdb refuses to run as root)';
  if (process.getuid?.() !== 0 && String(process.getuid?.()) !== id.stdout.trim()) return 'runuser needs root (or run as the postgres user)';
  return null;
}

function asPostgres(cmd: string, args: string[], opts: { timeout?: number } = {}) {
  const isPostgresUser = String(process.getuid?.()) === spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
  const [file, argv] = isPostgresUser ? [cmd, args] : ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeout ?? 60_000 });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const why = privatePostgresUnavailable();
  if (why) throw new Error(`cannot start a private PostgreSQL cluster: ${why}`);
  const root = mkdtempSync(join(tmpdir(), 'sb-pg-'));
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  chownSync(root, uid, gid);
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  asPostgres(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // Sockets in the private directory (not /var/run/postgresql, which the shared server uses);
  // fsync off: this cluster holds throw-away test data and a "fast" stop still checkpoints.
  const opts = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c shared_buffers=64MB`;
  let up = false;
  const pg: PrivatePostgres = {
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start() {
      asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-l', log, '-o', opts, '-w', '-t', '60', 'start']);
      up = true;
    },
    stop(mode = 'fast') {
      asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      up = false;
    },
    running: () => up,
    destroy() {
      if (up) {
        try {
          pg.stop('immediate');
        } catch {
          /* already gone */
        }
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
