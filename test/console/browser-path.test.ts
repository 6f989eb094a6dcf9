// The browser the console tests use when the machine has no Chromium of its own: the one shipped
// in the @sparticuz/chromium dev dependency. The last suite here always forces it
// (SWITCHBOARD_TEST_CHROMIUM=bundled), so every run of the suite — on CI too, where a system
// Chromium may be installed — proves the fallback unpacks, launches and renders the real console.
import assert from 'node:assert/strict';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setupWorkspace } from '../helpers/api.ts';
import { OVERRIDE, resolveBrowser, unpackBundled } from './browser-path.ts';
import { openConsole, signIn, startConsoleEnv, type ConsoleEnv } from './helpers.ts';

const NONE = ['/nonexistent/chromium'];

describe('choosing the browser', () => {
  test('a system Chromium that exists is used as it is, with the environment unchanged', async () => {
    const c = await resolveBrowser({ PATH: '/usr/bin' }, { systemCandidates: ['/nonexistent/chromium', process.execPath] });
    assert.equal(c.source, 'system');
    assert.equal(c.executablePath, process.execPath);
    assert.deepEqual(c.env, { PATH: '/usr/bin' });
  });

  test('a candidate that is not an executable file (a device, a directory) does not count', async () => {
    const c = await resolveBrowser({ PATH: '/usr/bin' }, { systemCandidates: ['/dev/null', '/usr/bin'] });
    assert.equal(c.source, 'bundled');
  });

  test('without a system Chromium, the bundled one is unpacked with its libraries and fonts', async () => {
    const c = await resolveBrowser({ PATH: '/usr/bin', LD_LIBRARY_PATH: '/opt/x' }, { systemCandidates: NONE });
    assert.equal(c.source, 'bundled');
    accessSync(c.executablePath, constants.X_OK);
    const dir = join(c.executablePath, '..');
    for (const f of ['lib/libnss3.so', 'lib/libnspr4.so', 'lib/libexpat.so.1', 'libGLESv2.so', 'fonts.conf', '.complete'])
      assert.ok(existsSync(join(dir, f)), f);
    assert.ok(
      readdirSync(join(dir, 'fonts'), { recursive: true }).some((f) => String(f).endsWith('.ttf')),
      'a font ships with it',
    );
    assert.equal(c.env.LD_LIBRARY_PATH, `${join(dir, 'lib')}:/opt/x`, 'its libraries first, the caller’s kept');
    assert.equal(c.env.FONTCONFIG_FILE, join(dir, 'fonts.conf'));
    assert.match(readFileSync(c.env.FONTCONFIG_FILE, 'utf8'), new RegExp(`<dir>${join(dir, 'fonts')}</dir>`));
    assert.match(c.description, /@sparticuz\/chromium.*no system Chromium at \/nonexistent\/chromium/);
  });

  test(`${OVERRIDE}=bundled takes the bundled one even when a system Chromium exists`, async () => {
    const c = await resolveBrowser({ [OVERRIDE]: 'bundled' }, { systemCandidates: [process.execPath] });
    assert.equal(c.source, 'bundled');
    assert.match(c.description, new RegExp(`${OVERRIDE}=bundled`));
  });

  test(`${OVERRIDE}=<path> uses that file, and refuses one that is not an executable instead of falling back`, async () => {
    const c = await resolveBrowser({ [OVERRIDE]: process.execPath }, { systemCandidates: NONE });
    assert.equal(c.source, 'system');
    assert.equal(c.executablePath, process.execPath);
    await assert.rejects(resolveBrowser({ [OVERRIDE]: '/nonexistent/chromium' }), new RegExp(`${OVERRIDE}=/nonexistent/chromium: not an executable file`));
  });

  test('on a machine the bundled build does not fit, the error says to install Chromium', async () => {
    await assert.rejects(
      resolveBrowser({}, { systemCandidates: NONE, arch: 'arm64', platform: 'linux' }),
      /built for linux\/x64 only \(this is linux\/arm64\): install Chromium/,
    );
  });

  test('parallel unpacks into an empty cache end with one complete copy; a dead unpack’s leftovers are removed', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'sb-chromium-'));
    try {
      // pid 2147483646 cannot be running (above any pid_max): its half-unpacked directory is stale.
      mkdirSync(join(cache, '0.0.0.tmp-2147483646-deadbeef'));
      const mine = join(cache, `0.0.0.tmp-${process.pid}-cafebabe`); // a live process's: kept
      mkdirSync(mine);
      const [a, b] = await Promise.all([unpackBundled(cache), unpackBundled(cache)]);
      assert.equal(a, b);
      assert.ok(existsSync(join(a, '.complete')));
      assert.deepEqual(readdirSync(cache).sort(), [basename(mine), basename(a)].sort(), 'the version directory and the live one remain');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('the bundled Chromium drives the console', () => {
  let env: ConsoleEnv;
  const previous = process.env[OVERRIDE];
  before(async () => {
    process.env[OVERRIDE] = 'bundled';
    env = await startConsoleEnv();
  });
  after(async () => {
    if (previous === undefined) delete process.env[OVERRIDE];
    else process.env[OVERRIDE] = previous;
    await env?.close();
  });

  test('sign in and see the tenants page, with no console error', async () => {
    assert.equal(env.chromium.source, 'bundled');
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string };
    assert.equal(env.browser.version().split('.')[0], pkg.version.split('.')[0], 'the browser driven is the package’s build');
    const ws = await setupWorkspace(env.vendor, 'Bundled Browser Co');
    const cp = await openConsole(env);
    await signIn(cp, ws.ownerToken);
    await cp.page.getByRole('heading', { name: 'Tenants', level: 1 }).waitFor();
    await cp.done();
  });
});
