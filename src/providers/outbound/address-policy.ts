// Which IP addresses an outbound call may reach. Base URLs come from users, so without this a
// stored "Jira URL" could point the server at its own loopback services, the cloud metadata
// endpoint or the internal network (SSRF). node:net's BlockList does the range matching,
// including IPv4-mapped IPv6 addresses against IPv4 rules.
import { BlockList, isIP } from 'node:net';

/** Ranges that are not the public internet (RFC 6890 special-purpose registries). */
const NON_PUBLIC_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT (also Alibaba Cloud metadata 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

const NON_PUBLIC_V6: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback ::1 and the deprecated IPv4-compatible block
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, ...)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local (AWS IPv6 metadata fd00:ec2::254 lives here)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

/**
 * Refused even when private networks are allowed, and whatever the operator's allow-list says:
 * all of link-local (cloud metadata lives there on every provider, and a list of known addresses
 * misses the next one) plus the metadata endpoints that sit in other ranges.
 */
const ALWAYS_REFUSED: Array<[string, number, 'ipv4' | 'ipv6']> = [
  ['169.254.0.0', 16, 'ipv4'], // link-local: 169.254.169.254 (AWS, GCP, Azure, ...), 169.254.170.2 (ECS)
  ['fe80::', 10, 'ipv6'], // link-local
  ['100.100.100.200', 32, 'ipv4'], // Alibaba Cloud metadata (in CGNAT space)
  ['fd00:ec2::254', 128, 'ipv6'], // AWS IPv6 metadata (in unique-local space)
];

const nonPublic = new BlockList();
for (const [net, prefix] of NON_PUBLIC_V4) nonPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of NON_PUBLIC_V6) nonPublic.addSubnet(net, prefix, 'ipv6');

const alwaysRefused = new BlockList();
for (const [net, prefix, type] of ALWAYS_REFUSED) alwaysRefused.addSubnet(net, prefix, type);

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Expands an IPv6 address to its eight 16-bit groups (zone id dropped); undefined if not IPv6. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%')[0];
  if (isIP(text) !== 6) return undefined;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1].split('.').map(Number);
    text = text.slice(0, -tail[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array(rest === undefined ? 0 : missing).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16));
}

/**
 * The IPv4 address an IPv6 address carries, if any: IPv4-compatible (::/96, deprecated),
 * IPv4-mapped (::ffff:0:0/96; BlockList matches those itself, checked here too for clarity),
 * IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16).
 */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g) return undefined;
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(6) && (g[6] !== 0 || g[7] > 1)) return quad(g[6], g[7]); // not :: or ::1 themselves
  if (zeroUpTo(5) && g[5] === 0xffff) return quad(g[6], g[7]);
  if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return quad(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0) return quad(g[6], g[7]);
  if (g[0] === 0x2002) return quad(g[1], g[2]);
  return undefined;
}

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** True when the address is loopback, private, link-local, unique-local, CGNAT, metadata, reserved... */
export function isNonPublicAddress(address: string): boolean {
  const ip = stripBrackets(address).split('%')[0];
  if (!isIP(ip)) return true; // not an address at all: refuse rather than guess
  if (nonPublic.check(ip, family(ip))) return true;
  const inner = embeddedIpv4(ip);
  return inner !== undefined && nonPublic.check(inner, 'ipv4');
}

/** True for link-local (169.254.0.0/16, fe80::/10) and cloud metadata addresses, in any IPv6 wrapping. */
export function isAlwaysRefusedAddress(address: string): boolean {
  const ip = stripBrackets(address).split('%')[0];
  if (!isIP(ip)) return false;
  if (alwaysRefused.check(ip, family(ip))) return true;
  const inner = embeddedIpv4(ip);
  return inner !== undefined && alwaysRefused.check(inner, 'ipv4');
}

export interface AddressPolicyOptions {
  /** Allow loopback/private/unique-local/CGNAT destinations (link-local and cloud metadata stay refused). */
  allowPrivateNetworks?: boolean;
  /**
   * Operator allow-list: hostnames (exact, case-insensitive), IP addresses or CIDR ranges ("10.20.0.0/16").
   * It never reopens link-local or metadata addresses.
   */
  allowedHosts?: string[];
  /** Allow plain http:// to public addresses. Off by default: credentials would cross the internet in clear text. */
  allowInsecureHttp?: boolean;
}

export type AddressDenial = 'private_address_refused' | 'insecure_scheme';

export interface AddressPolicy {
  /** Whether a hostname is on the operator allow-list (skips address checks for it). */
  hostAllowed(hostname: string): boolean;
  /**
   * Why connecting to `address` over `protocol` is refused, or undefined when it is allowed.
   * `hostListed` means the hostname itself is on the allow-list, which exempts it from the range check.
   */
  check(address: string, protocol: string, hostListed?: boolean): AddressDenial | undefined;
  /**
   * What a name that did not resolve is answered with. In the default mode it is the private-address
   * refusal itself, so a caller cannot tell an internal name (resolves to a private address) from
   * one that does not exist — no DNS oracle. With private networks allowed those are reachable
   * anyway, and a failed lookup is an ordinary network failure (undefined).
   */
  unresolved(): AddressDenial | undefined;
}

export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const entry of options.allowedHosts ?? []) {
    const [net, prefix] = entry.split('/');
    const ip = stripBrackets(net);
    if (isIP(ip)) {
      if (prefix === undefined) ranges.addAddress(ip, family(ip));
      else ranges.addSubnet(ip, Number(prefix), family(ip));
    } else {
      hosts.add(entry.toLowerCase());
    }
  }
  const listed = (ip: string) => ranges.check(ip, family(ip));
  return {
    hostAllowed: (hostname) => hosts.has(stripBrackets(hostname).toLowerCase()),
    check(address, protocol, hostListed = false) {
      const ip = stripBrackets(address).split('%')[0];
      if (isAlwaysRefusedAddress(ip)) return 'private_address_refused';
      const isPrivate = isNonPublicAddress(ip);
      if (isPrivate && !hostListed && !(isIP(ip) && listed(ip)) && !options.allowPrivateNetworks) return 'private_address_refused';
      if (protocol === 'http:' && !isPrivate && !options.allowInsecureHttp) return 'insecure_scheme';
      return undefined;
    },
    unresolved: () => (options.allowPrivateNetworks ? undefined : 'private_address_refused'),
  };
}
