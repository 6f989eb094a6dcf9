// The embedded database's data directory holds every workspace's data (and, by default, the
// keyring): only the service's own user may read it, whatever the umask it was started with.
// A directory it creates is 0700; one that already exists and lets anyone else in is refused at
// start with the fix, rather than silently tightened (someone opened it on purpose or by mistake,
// and either way the operator should know its contents may have been read).
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config.ts';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
/** What the embedded database process creates files under (PGlite applies the umask to its own modes). */
export const EMBEDDED_UMASK = 0o077;

/** Creates the data directory 0700, or checks that an existing one is not open to other users. */
export function prepareDataDir(dir: string): void {
  let mode: number;
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) throw new ConfigError(`the data directory ${dir} is not a directory (SWITCHBOARD_DATA_DIR)`);
    mode = st.mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    chmodSync(dir, DIR_MODE); // mkdir's mode passes through the umask; this does not
    return;
  }
  if (mode & 0o077) {
    throw new ConfigError(
      `the data directory ${dir} is accessible to other users (mode ${mode.toString(8).padStart(4, '0')}); restrict it with: chmod 700 ${dir}`,
    );
  }
}

/**
 * Sets every directory under `root` (itself included) to 0700 and every file to 0600. Iterative
 * (a stack, not recursion) and symlinks are left alone (never followed out of the tree).
 */
export function tightenTree(root: string): void {
  const stack = [root];
  while (stack.length) {
    const path = stack.pop()!;
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    const want = st.isDirectory() ? DIR_MODE : FILE_MODE;
    if ((st.mode & 0o777) !== want) chmodSync(path, want);
    if (st.isDirectory()) for (const name of readdirSync(path)) stack.push(join(path, name));
  }
}
