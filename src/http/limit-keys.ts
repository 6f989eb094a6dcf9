// What the limits count by. A client is its IPv4 address, or its IPv6 /64 (one subscriber gets a
// whole /64, so counting single IPv6 addresses would give one attacker 2^64 budgets); an
// IPv4-mapped IPv6 address (::ffff:a.b.c.d, how a dual-stack socket reports an IPv4 peer) counts
// as that IPv4 address. A failed authentication is counted against what it attacked: the SCIM
// configuration named in the path, the API token named by its public prefix, or the issuer a JWT
// claims — so one customer's rotated-away token hammering its own configuration never slows
// another customer's configuration behind the same egress address.
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { TOKEN_PREFIX, looksLikeApiToken } from '../core/identity/api-token.ts';
import { isUuid } from '../lib/uuid.ts';

/** The counting key of a client address: IPv4 as is, IPv6 as its /64 ("2001:db8:1:2::/64"). */
export function clientKey(address: string): string {
  const ip = address.split('%', 1)[0]; // a zone index (fe80::1%eth0) names an interface, not a client
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return boundKey(address || 'unknown');
  const h = hextets(ip);
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) return `${h[6] >> 8}.${h[6] & 255}.${h[7] >> 8}.${h[7] & 255}`;
  return `${h
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted quad folded in). */
function hextets(ip: string): number[] {
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [Number.parseInt(g, 16)];
          const [a, b, c, d] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const gap = ip.indexOf('::');
  if (gap < 0) return groups(ip);
  const head = groups(ip.slice(0, gap));
  const tail = groups(ip.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** What a failed authentication attacked. `id` is public: it may be written to the audit trail. */
export interface FailureTarget {
  type: 'scim_configuration' | 'api_token' | 'jwt_issuer' | 'other';
  id: string;
}

const OTHER: FailureTarget = { type: 'other', id: 'other' };

/** The SCIM endpoint: the configuration its path names (whatever the credential looks like). */
export function scimTarget(configurationId: string | undefined): FailureTarget {
  return configurationId && isUuid(configurationId) ? { type: 'scim_configuration', id: configurationId.toLowerCase() } : OTHER;
}

/** Every other surface: the presented bearer credential's public part. */
export function credentialTarget(authorization: string | undefined): FailureTarget {
  const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!m) return OTHER;
  const token = m[1];
  // The display prefix every API token has (api-token.ts): shown in token listings, never secret.
  if (looksLikeApiToken(token)) return { type: 'api_token', id: token.slice(0, TOKEN_PREFIX.length + 6) };
  const parts = token.split('.');
  if (parts.length === 3) {
    const iss = unverifiedIssuer(parts[1]);
    if (iss !== null) return { type: 'jwt_issuer', id: iss };
  }
  return OTHER;
}

/** Largest JWT payload segment decoded to read `iss` (a real one is a few hundred bytes). */
const MAX_PAYLOAD_CHARS = 8192;

/** The `iss` a JWT claims, unverified (it only names what is being attacked), bounded in length. */
function unverifiedIssuer(payload: string): string | null {
  if (payload.length > MAX_PAYLOAD_CHARS) return null;
  try {
    const iss = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown })?.iss;
    return typeof iss === 'string' && iss !== '' ? boundKey(iss) : null;
  } catch {
    return null;
  }
}

const PRINTABLE = /^[\x21-\x7e]+$/;

/**
 * A key part of bounded length and plain characters: short printable text as is, anything else
 * as a digest (counters' keys are at most 255 characters in the PostgreSQL store, and keys end up
 * in audit rows and logs).
 */
export function boundKey(value: string, max = 128): string {
  if (value.length <= max && PRINTABLE.test(value)) return value;
  return `sha256:${createHash('sha256').update(value).digest('base64url').slice(0, 32)}`;
}
