// Who may read /metrics: anyone when SWITCHBOARD_METRICS_TOKEN is unset (a scraper inside the
// cluster, a local operator), otherwise only a request bearing that token. The metrics name run
// types, SCIM configuration ids and traffic volumes: a service listening beyond loopback without a
// token says so at start (runtime.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { AppError } from '../core/errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Throws `auth.unauthenticated` (401) unless `authorization` is `Bearer <token>`; nothing to check without a token. */
export function metricsAccess(token: string | undefined): (authorization: string | undefined) => void {
  if (!token) return () => {};
  const expected = digest(`Bearer ${token}`);
  return (authorization) => {
    // Compared as digests: constant time whatever was sent.
    if (authorization === undefined || !timingSafeEqual(digest(authorization), expected))
      throw new AppError('auth.unauthenticated', 'a bearer token (SWITCHBOARD_METRICS_TOKEN) is required for /metrics');
  };
}

/** Whether a listen address is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}
