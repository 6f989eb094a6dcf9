// Serves the built console (console/dist) at /console. @fastify/static sends the files
// (`reply.sendFile`: ETags and conditional GET, ranges, HEAD, its checks against `..`,
// non-canonical paths and dotfiles). What is ours is the console's policy around it: a path
// without a file extension is a client-side route and gets index.html; hashed assets/ are cached
// for a year, everything else is revalidated so a new build shows up at once; every answer
// carries the CSP and the other security headers; a refused path or a symlink out of the build
// answers like a missing file (404); without a build, a 503 says how to make one.
import { realpath, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { securityHeaders } from './content-security-policy.ts';

// What Vite emits. JavaScript as text/javascript (RFC 9239), not the older application/javascript.
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

export interface StaticOptions {
  distDir: string;
  /** The CSP for console responses (it names the OIDC token endpoint once discovery has answered). */
  csp: () => Promise<string>;
}

/** Thrown by the file check when a file resolves (through a symlink) outside the build. */
class OutsideBuild extends Error {}

/** @fastify/static's refusals (non-canonical or `..` path: 403; NUL byte: 400) and ours. */
const refused = (err: FastifyError) => err instanceof OutsideBuild || err.statusCode === 403 || err.statusCode === 400;

export function consoleStaticRoutes(opts: StaticOptions): FastifyPluginAsyncTypebox {
  const root = resolve(opts.distDir);

  return async (app) => {
    await app.register(fastifyStatic, {
      root,
      serve: false, // our route below decides what a path means; the plugin only sends files
      index: false,
      dotfiles: 'ignore',
      cacheControl: false,
      contentType: false,
      // console/dist may be missing when the service starts (built later, or answered with 503)
      suppressWarning: true,
      // Checked on the file @fastify/send is about to open: after symlinks, still inside the build
      // (the build directory is swapped on every build, so it is resolved each time).
      onFile: async (path: string) => {
        const [real, base] = await Promise.all([realpath(path), realpath(root)]);
        if (!real.startsWith(base + sep)) throw new OutsideBuild('the file is outside the console build');
      },
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header('cache-control', relative(root, path).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);
        reply.header('content-type', TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
      },
    });

    async function serve(req: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) {
      // Set before sending so that a 404 and a 503 carry them too; a file sent overrides cache-control.
      reply.headers({ ...securityHeaders(await opts.csp()), 'cache-control': 'no-store' });
      const rel = (req.params['*'] ?? '').replace(/^\/+/, '');
      // A path that names a file (has an extension) is that file or a 404, never the app: a stale
      // page asking for an old chunk must fail loudly instead of parsing HTML as JavaScript.
      if (extname(rel)) return reply.sendFile(rel);
      const index = await stat(join(root, 'index.html')).catch(() => null);
      if (!index?.isFile()) {
        return reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('The console is not built. Run "npm run build:console" (npm start does it when console/dist is missing or stale).\n');
      }
      return reply.sendFile('index.html');
    }

    const config = { auth: false as const };
    const schema = { hide: true };
    app.get('/console', { config, schema }, async (_req, reply) => reply.redirect('/console/', 302));
    app.get('/console/*', {
      config,
      schema,
      errorHandler(err, req, reply) {
        if (refused(err)) return reply.callNotFound();
        return app.errorHandler(err, req, reply);
      },
      handler: serve,
    });
  };
}
