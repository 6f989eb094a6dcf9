// The console's static file handler on its own, over a build directory this test writes: what
// the browser tests cannot arrange — a symlink out of the build, no build at all, a build swapped
// under a running server — plus the cache policy and the security headers on every kind of answer.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandling } from '../../src/http/error-handler.ts';
import { consoleCsp } from '../../src/surfaces/console/content-security-policy.ts';
import { consoleStaticRoutes } from '../../src/surfaces/console/static-files.ts';

const INDEX = '<!doctype html><script type="module" src="/console/assets/index-abc123.js"></script>';
const SCRIPT = 'console.log("the app");';
const OUTSIDE_SECRET = 'outside-the-build-secret';

let dir: string;
let dist: string;
let app: FastifyInstance;

function writeBuild(into: string, script = SCRIPT) {
  mkdirSync(join(into, 'assets'), { recursive: true });
  writeFileSync(join(into, 'index.html'), INDEX);
  writeFileSync(join(into, 'assets/index-abc123.js'), script);
  writeFileSync(join(into, 'assets/index-abc123.css'), 'body{}');
  writeFileSync(join(into, 'favicon.svg'), '<svg/>');
  writeFileSync(join(into, '.build-hash'), 'stamp-of-the-build\n');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-console-static-'));
  dist = join(dir, 'dist');
  writeFileSync(join(dir, 'secret.txt'), OUTSIDE_SECRET);
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'elsewhere/app.js'), OUTSIDE_SECRET);
  writeBuild(dist);
  symlinkSync(join(dir, 'secret.txt'), join(dist, 'assets/leak.txt'));
  symlinkSync(join(dir, 'elsewhere'), join(dist, 'linked'));
  app = Fastify();
  installErrorHandling(app);
  await app.register(consoleStaticRoutes({ distDir: dist, csp: async () => consoleCsp(['https://issuer.example']) }));
  await app.ready();
});
after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

function assertSecurityHeaders(r: Awaited<ReturnType<typeof get>>, what: string) {
  assert.equal(r.headers['content-security-policy'], consoleCsp(['https://issuer.example']), what);
  assert.equal(r.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(r.headers['x-frame-options'], 'DENY', what);
  assert.equal(r.headers['referrer-policy'], 'no-referrer', what);
}

describe('the console static handler', () => {
  test('hashed assets are immutable for a year and revalidate by ETag; everything else is no-cache', async () => {
    const js = await get('/console/assets/index-abc123.js');
    assert.equal(js.statusCode, 200);
    assert.equal(js.body, SCRIPT);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assertSecurityHeaders(js, 'asset');
    assert.ok(js.headers.etag);
    const again = await get('/console/assets/index-abc123.js', { 'if-none-match': String(js.headers.etag) });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
    assertSecurityHeaders(again, '304');
    assert.equal((await get('/console/assets/index-abc123.css')).headers['content-type'], 'text/css; charset=utf-8');
    for (const url of ['/console/', '/console/index.html', '/console/favicon.svg']) {
      const r = await get(url);
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
      assertSecurityHeaders(r, url);
    }
    const head = await app.inject({ method: 'HEAD', url: '/console/assets/index-abc123.js' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], String(SCRIPT.length));
  });

  test('a path without a file extension is a client-side route: index.html', async () => {
    for (const url of [
      '/console/',
      '/console/tenants/7',
      '/console/assets',
      '/console/assets/',
      '/console/.build-hash',
      '/console/linked',
      '/console//etc/passwd',
    ]) {
      const r = await get(url);
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.body, INDEX, url);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8', url);
    }
    const redirect = await get('/console');
    assert.equal(redirect.statusCode, 302);
    assert.equal(redirect.headers.location, '/console/');
  });

  test('a missing or refused file is a 404 that is not cached and not the app', async () => {
    const attempts = [
      '/console/assets/index-gone.js',
      '/console/assets/leak.txt', // a symlink to a file outside the build
      '/console/linked/app.js', // through a symlinked directory outside the build
      '/console/../secret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/assets/..%2f..%2fsecret.txt',
      '/console/assets%2f..%2f..%2fsecret.txt',
      '/console/%2e%2e%5csecret.txt',
      '/console/....//secret.txt',
      '/console/assets//index-abc123.js',
      '/console/%00favicon.svg',
      '/console/.build-hash.txt',
      '/console/assets/.hidden.js',
    ];
    writeFileSync(join(dist, 'assets/.hidden.js'), 'DOTFILE-CONTENT');
    for (const url of attempts) {
      const r = await get(url);
      assert.equal(r.statusCode, 404, `${url}: ${r.statusCode} ${r.body}`);
      assert.doesNotMatch(r.body, /<html|<script|the app|DOTFILE-CONTENT/, url);
      assert.ok(!r.body.includes(OUTSIDE_SECRET), `${url} served a file outside the build`);
      // `/console/../x` is /x by the time it is sent (URL normalization): not the console's answer.
      if (!new URL(url, 'http://h').pathname.startsWith('/console/')) continue;
      assert.equal(r.headers['cache-control'], 'no-store', url);
      assertSecurityHeaders(r, url);
    }
  });

  test('no build: 503 saying how to build; a build made later is served without a restart, and a swapped build at once', async () => {
    const aside = join(dir, 'dist-aside');
    renameSync(dist, aside);
    try {
      const r = await get('/console/tenants');
      assert.equal(r.statusCode, 503);
      assert.match(r.body, /npm run build:console/);
      assert.equal(r.headers['cache-control'], 'no-store');
      assertSecurityHeaders(r, 'not built');
      assert.equal((await get('/console/assets/index-abc123.js')).statusCode, 404);
    } finally {
      renameSync(aside, dist);
    }
    assert.equal((await get('/console/tenants')).body, INDEX);
    // The build script swaps a whole new directory in (rename), as here.
    const before = await get('/console/assets/index-abc123.js');
    const next = join(dir, 'dist-next');
    writeBuild(next, 'console.log("the new build, longer");');
    rmSync(dist, { recursive: true });
    renameSync(next, dist);
    const after = await get('/console/assets/index-abc123.js', { 'if-none-match': String(before.headers.etag) });
    assert.equal(after.statusCode, 200);
    assert.equal(after.body, 'console.log("the new build, longer");');
  });
});
