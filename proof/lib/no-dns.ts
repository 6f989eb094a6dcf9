// Proof suites send traffic only to this machine. Fuzzed bodies can carry host names (a Jira site,
// a Splunk host, an Azure DevOps organization); resolving one would send a DNS query off the
// machine before any address policy could refuse it. This replaces name resolution in the current
// process: IP literals and `localhost` resolve as themselves, every other name fails as unknown.
import dns from 'node:dns';
import { isIP } from 'node:net';

let installed = false;
export const refusedLookups: string[] = [];

export function installLoopbackOnlyDns(): void {
  if (installed) return;
  installed = true;
  const fake = (hostname: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (err: NodeJS.ErrnoException | null, address?: unknown, family?: number) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    process.nextTick(() => {
      const literal = isIP(String(hostname).replace(/^\[|\]$/g, ''));
      if (literal) {
        const address = String(hostname).replace(/^\[|\]$/g, '');
        return all ? cb(null, [{ address, family: literal }]) : cb(null, address, literal);
      }
      if (hostname === 'localhost') return all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
      refusedLookups.push(hostname);
      cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (proof suites resolve no names)`), { code: 'ENOTFOUND', hostname }));
    });
  };
  (dns as unknown as { lookup: unknown }).lookup = fake;
  (dns.promises as unknown as { lookup: unknown }).lookup = (hostname: string, options?: unknown) =>
    new Promise((resolve, reject) =>
      fake(hostname, options ?? {}, (err: Error | null, address?: unknown, family?: number) =>
        err ? reject(err) : resolve(Array.isArray(address) ? address : { address, family }),
      ),
    );
}
