// Serves the built console (console/dist) at /console without a static-file plugin: a file under
// the dist directory or, for any other path, index.html (client-side routes). Hashed assets are
// cached for a year; index.html is revalidated every time so a new build shows up at once.
// Paths are resolved and checked to stay inside the dist directory (no traversal, no symlinks
// out, no dotfiles).
import { createHash } from 'node:crypto';
import { open, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { securityHeaders } from './content-security-policy.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface StaticOptions {
  distDir: string;
  /** The CSP for console responses (it names the OIDC token endpoint once discovery has answered). */
  csp: () => Promise<string>;
}

interface Found {
  path: string;
  size: number;
  mtimeMs: number;
}

async function regularFile(root: string, rel: string): Promise<Found | null> {
  // Reject before touching the disk: NUL bytes, backslashes, dot segments and dotfiles.
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const parts = rel.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.' || p.startsWith('.'))) return null;
  const candidate = resolve(root, ...parts);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return null; // a symlink pointing outside
    const s = await stat(real);
    if (!s.isFile() || s.size > MAX_FILE_BYTES) return null;
    return { path: real, size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

const etagOf = (f: Found) => `"${createHash('sha1').update(`${f.path}|${f.size}|${f.mtimeMs}`).digest('base64url').slice(0, 20)}"`;

async function readAll(path: string, size: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(buf, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

export function consoleStaticRoutes(opts: StaticOptions): FastifyPluginAsyncTypebox {
  let root: string | null = null;
  const rootDir = async () => {
    if (root) return root;
    try {
      root = await realpath(resolve(opts.distDir));
    } catch {
      return null; // not built (yet): looked up again on the next request
    }
    return root;
  };

  async function send(req: FastifyRequest, reply: FastifyReply, f: Found, cache: string) {
    const etag = etagOf(f);
    reply.headers({ ...securityHeaders(await opts.csp()), 'cache-control': cache, etag });
    reply.type(TYPES[extname(f.path).toLowerCase()] ?? 'application/octet-stream');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    const body = await readAll(f.path, f.size);
    return reply.status(200).send(body);
  }

  /** `rest`: the path after /console/ (the route's wildcard). */
  async function serve(rest: string, req: FastifyRequest, reply: FastifyReply) {
    const dir = await rootDir();
    if (!dir) {
      reply.headers(securityHeaders(await opts.csp())).header('cache-control', 'no-store');
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The console is not built. Run "npm run build:console" (npm start does it when console/dist is missing or stale).\n');
    }
    const rel = rest.replace(/^\/+/, '');
    const file = rel ? await regularFile(dir, rel) : null;
    if (file && rel !== 'index.html') return send(req, reply, file, rel.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    // A path that names a file (has an extension) and is missing is a 404, not the app: a stale
    // page asking for an old chunk must fail loudly instead of parsing HTML as JavaScript.
    if (extname(rel) && rel !== 'index.html') {
      reply.headers(securityHeaders(await opts.csp())).header('cache-control', 'no-store');
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found\n');
    }
    const index = await regularFile(dir, 'index.html');
    if (!index) {
      root = null;
      return reply.status(503).type('text/plain; charset=utf-8').send('The console build is incomplete: run "npm run build:console".\n');
    }
    return send(req, reply, index, REVALIDATE);
  }

  return async (app) => {
    const config = { auth: false as const };
    app.get('/console', { config, schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/', 302));
    app.get('/console/*', { config, schema: { hide: true, params: Type.Object({ '*': Type.String() }) } }, (req, reply) => serve(req.params['*'], req, reply));
  };
}
