// Builds the admin console (console/ → console/dist) with Vite, programmatically.
//   node scripts/build-console.mjs            build when dist is missing or stale
//   node scripts/build-console.mjs --force    always build
// "Stale" means the sources changed since the last build: a hash of every source file (and the
// Vite/React versions) is written to dist/.build-hash, so a git checkout that only touches
// mtimes does not trigger a rebuild and an edit always does. Concurrent callers (parallel test
// files, `npm start` twice) serialize on a lock directory; the build goes to a temporary
// directory and is swapped in, so a running server never serves a half-written dist.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CONSOLE_DIR = join(ROOT, 'console');
export const DIST_DIR = join(CONSOLE_DIR, 'dist');
const HASH_FILE = '.build-hash';
const LOCK_DIR = join(CONSOLE_DIR, '.build-lock');
const SOURCES = ['index.html', 'vite.config.ts', 'tsconfig.json', 'src', 'public'];

function files(p) {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((name) => files(join(p, name)));
}

export function sourceHash() {
  const h = createHash('sha256');
  for (const pkg of ['vite', 'react', 'react-dom', '@vitejs/plugin-react']) {
    const manifest = join(ROOT, 'node_modules', pkg, 'package.json');
    h.update(`${pkg}@${existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : '?'}\n`);
  }
  for (const f of SOURCES.flatMap((s) => files(join(CONSOLE_DIR, s)))) {
    h.update(relative(CONSOLE_DIR, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

export function isStale() {
  const stamp = join(DIST_DIR, HASH_FILE);
  if (!existsSync(join(DIST_DIR, 'index.html')) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== sourceHash();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withLock(fn) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock left by a killed build is older than any real build takes.
      try {
        if (Date.now() - statSync(LOCK_DIR).mtimeMs > 120_000) rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_DIR}`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Builds console/dist unless it is up to date (or `force`). Returns whether it built. */
export async function buildConsole({ force = false, quiet = false } = {}) {
  if (!force && !isStale()) return false;
  return withLock(async () => {
    if (!force && !isStale()) return false; // another process built it while we waited
    const hash = sourceHash();
    const { build } = await import('vite');
    const tmp = join(CONSOLE_DIR, `.dist-${process.pid}-${Date.now()}`);
    const started = Date.now();
    try {
      await build({
        configFile: join(CONSOLE_DIR, 'vite.config.ts'),
        root: CONSOLE_DIR,
        logLevel: quiet ? 'error' : 'warn',
        build: { outDir: tmp, emptyOutDir: true },
      });
      writeFileSync(join(tmp, HASH_FILE), `${hash}\n`);
      const old = `${DIST_DIR}.old-${process.pid}`;
      if (existsSync(DIST_DIR)) renameSync(DIST_DIR, old);
      renameSync(tmp, DIST_DIR);
      rmSync(old, { recursive: true, force: true });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    if (!quiet) console.log(`console built into ${relative(process.cwd(), DIST_DIR) || DIST_DIR} in ${Date.now() - started} ms`);
    return true;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  buildConsole({ force })
    .then((built) => {
      if (!built) console.log('console is up to date (console/dist)');
    })
    .catch((err) => {
      console.error(`console build failed: ${err?.message ?? err}`);
      process.exit(1);
    });
}
