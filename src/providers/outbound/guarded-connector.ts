// The address check has to happen where the socket is opened, not before the request: a hostname
// checked with one DNS answer and connected with another (DNS rebinding) would slip through.
// So the connector resolves names itself through `lookup`, refuses any answer the policy denies,
// and checks the peer address of the connected socket once more.
import dns from 'node:dns';
import { isIP } from 'node:net';
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import { buildConnector } from 'undici';
import type { AddressDenial, AddressPolicy } from './address-policy.ts';
import { stripBrackets } from './address-policy.ts';
import { OutboundError } from './errors.ts';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

// One fixed message for a refused destination, whichever way it was refused (resolved to a private
// address, did not resolve, peer address after connect): never the address or the name, so the
// answer says nothing about the internal network (see AddressPolicy.unresolved).
function denialError(denial: AddressDenial): OutboundError {
  return denial === 'insecure_scheme'
    ? new OutboundError('insecure_scheme', 'plain http is only allowed to allowed private-network destinations')
    : new OutboundError('private_address_refused', 'the destination is not a public address this service may reach');
}

function guardedLookup(policy: AddressPolicy, protocol: string) {
  return (hostname: string, options: LookupOptions | number, callback: LookupCallback): void => {
    const base: LookupOptions = typeof options === 'number' ? { family: options } : { ...options };
    const wantAll = typeof options === 'object' && options.all === true;
    const listed = policy.hostAllowed(hostname);
    dns.lookup(hostname, { ...base, all: true } as LookupAllOptions, (err, addresses) => {
      if (err || addresses.length === 0) {
        // The default mode answers a name that does not resolve exactly like one that resolves to
        // a private address: both end here, after the lookup and before any connection.
        const hidden = policy.unresolved();
        if (hidden) return callback(denialError(hidden), []);
        return callback(err ?? new OutboundError('network', 'the hostname did not resolve'), []);
      }
      for (const entry of addresses) {
        const denial = policy.check(entry.address, protocol, listed);
        if (denial) return callback(denialError(denial), []);
      }
      if (wantAll) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export function createGuardedConnector(policy: AddressPolicy, connectTimeoutMs: number): buildConnector.connector {
  const byProtocol = new Map<string, buildConnector.connector>();
  for (const protocol of ['http:', 'https:']) {
    byProtocol.set(protocol, buildConnector({ lookup: guardedLookup(policy, protocol), timeout: connectTimeoutMs } as buildConnector.BuildOptions));
  }
  return (options, callback) => {
    const connect = byProtocol.get(options.protocol);
    if (!connect) return callback(new OutboundError('unsupported_scheme', 'only http and https are supported'), null);
    const host = stripBrackets(options.hostname);
    const listed = policy.hostAllowed(host);
    // Literal IP hosts never go through lookup, so they are checked here before any packet is sent.
    if (isIP(host)) {
      const denial = policy.check(host, options.protocol, listed);
      if (denial) return callback(denialError(denial), null);
    }
    connect(options, (err, socket) => {
      if (err || !socket) return callback(err ?? new OutboundError('network', 'connection failed'), null);
      const peer = socket.remoteAddress;
      const denial = peer ? policy.check(peer, options.protocol, listed) : 'private_address_refused';
      if (denial) {
        socket.destroy();
        return callback(denialError(denial), null);
      }
      callback(null, socket);
    });
  };
}
