// Which Chromium the console's browser tests drive. The system's when there is one (Debian's
// chromium package), otherwise the headless Chromium shipped inside the @sparticuz/chromium dev
// dependency — so `npm ci && npm test` passes on a machine where nothing was installed by hand.
// That package carries Brotli-compressed files (the browser, SwiftShader, the NSS/NSPR and expat
// libraries it links against, a font); they are unpacked once into
// node_modules/.cache/switchboard-chromium/<version>/ (not the package's own /tmp/chromium, which
// parallel test files would race on) and reused until `npm ci` empties node_modules. With its own
// libraries on LD_LIBRARY_PATH it needs only glibc and libgcc_s from the system.
//
// SWITCHBOARD_TEST_CHROMIUM (docs/configuration.md) overrides the choice:
//   unset      /usr/bin/chromium or /usr/bin/chromium-browser if executable, else the bundled one
//   bundled    the bundled one, even when a system Chromium exists (how the fallback is tested)
//   <path>     that executable; an error if it is not one (an explicit choice never falls back)
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '../..');
const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const OVERRIDE = 'SWITCHBOARD_TEST_CHROMIUM';
const PACKAGE = '@sparticuz/chromium';
const DEFAULT_CACHE = join(ROOT, 'node_modules', '.cache', 'switchboard-chromium');

export interface BrowserChoice {
  source: 'system' | 'bundled';
  executablePath: string;
  /** The browser's environment (the bundled one needs its own libraries and font config). */
  env: Record<string, string>;
  /** For messages: which browser and where it came from. */
  description: string;
}

export interface ResolveOptions {
  /** Where a system Chromium is looked for when the override is unset. */
  systemCandidates?: string[];
  /** Where the bundled one is unpacked. */
  cacheRoot?: string;
  /** The machine's architecture and platform (the package ships a Linux x86-64 build only). */
  arch?: string;
  platform?: string;
}

export async function resolveBrowser(env: NodeJS.ProcessEnv = process.env, opts: ResolveOptions = {}): Promise<BrowserChoice> {
  const inherited = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const override = env[OVERRIDE] || undefined;
  if (override && override !== 'bundled') {
    if (!isExecutableFile(override)) throw new Error(`${OVERRIDE}=${override}: not an executable file (give a Chromium binary, "bundled", or leave it unset)`);
    return { source: 'system', executablePath: override, env: inherited, description: `Chromium at ${override} (${OVERRIDE})` };
  }
  const candidates = opts.systemCandidates ?? SYSTEM_CANDIDATES;
  const system = override ? undefined : candidates.find(isExecutableFile);
  if (system) return { source: 'system', executablePath: system, env: inherited, description: `system Chromium at ${system}` };

  const arch = opts.arch ?? process.arch;
  const platform = opts.platform ?? process.platform;
  const why = override ? `${OVERRIDE}=bundled` : `no system Chromium at ${candidates.join(' or ')}`;
  if (platform !== 'linux' || arch !== 'x64') {
    throw new Error(
      `${why}, and the Chromium bundled in ${PACKAGE} is built for linux/x64 only (this is ${platform}/${arch}): install Chromium (e.g. apt-get install chromium) or set ${OVERRIDE} to one`,
    );
  }
  const dir = await unpackBundled(opts.cacheRoot);
  return {
    source: 'bundled',
    executablePath: join(dir, 'chromium'),
    env: {
      ...inherited,
      // The NSS/NSPR/expat libraries the package ships (built for Amazon Linux 2023, glibc 2.34):
      // they load on any newer glibc, so no system package is needed.
      LD_LIBRARY_PATH: [join(dir, 'lib'), env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
    description: `Chromium from the ${PACKAGE} package, unpacked in ${dir} (${why})`,
  };
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function packageDir(): string {
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(PACKAGE));
  } catch {
    throw new Error(`No Chromium: none on the system and the ${PACKAGE} dev dependency is not installed (run npm ci).`);
  }
  // Up from the entry point (its place in the package changes between versions) to the manifest.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE) return dir;
  }
  throw new Error(`${PACKAGE} resolved to ${entry}, outside any ${PACKAGE} package`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Unpacks into a private temporary directory and renames it into place: parallel callers never see half a browser. */
export async function unpackBundled(cacheRoot = DEFAULT_CACHE): Promise<string> {
  const pkg = packageDir();
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(cacheRoot, version);
  if (existsSync(join(target, '.complete'))) return target;
  mkdirSync(cacheRoot, { recursive: true });
  // An unpack killed half-way (SIGKILL skips the finally below) leaves ~210 MB behind: a
  // temporary directory whose process is gone is removed by the next caller.
  for (const name of readdirSync(cacheRoot)) {
    const m = /\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(join(cacheRoot, name), { recursive: true, force: true });
  }
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(tmp);
  try {
    const bin = join(pkg, 'bin');
    // tar-fs is the package's own dependency: resolved from it, as the package resolves it.
    // chown off: the files belong to whoever runs the tests, not to the uid inside the archive.
    const { extract } = createRequire(join(pkg, 'package.json'))('tar-fs') as { extract(dir: string, opts?: { chown?: boolean }): Writable };
    const untar = (file: string) => pipeline(createReadStream(join(bin, file)), createBrotliDecompress(), extract(tmp, { chown: false }));
    await Promise.all([
      pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(tmp, 'chromium'), { mode: 0o755 })),
      untar('swiftshader.tar.br'), // libEGL/libGLESv2/libvulkan next to the binary, where Chromium looks
      untar('al2023.tar.br'), // lib/libnss3.so, libnspr4.so, libexpat.so.1 and friends
      untar('fonts.tar.br'), // fonts/Open_Sans (a bare machine has no fonts at all)
    ]);
    // The package's fonts.conf names /tmp/fonts; ours adds the system's fonts when there are any.
    writeFileSync(
      join(tmp, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(target, 'fonts')}</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    writeFileSync(join(tmp, '.complete'), `${PACKAGE}@${version}\n`);
    try {
      renameSync(tmp, target);
    } catch (err) {
      // Another test file unpacked it first: use theirs.
      if (!existsSync(join(target, '.complete'))) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}
