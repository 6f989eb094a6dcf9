// meta.version as an ETag (W/"<version>") and If-Match (RFC 7644 §3.14). Writes are optimistic:
// UPDATE … WHERE version = <the version read>, retried on a concurrent change unless the client
// pinned a version, so two writers can never lose each other's update.
import { ScimError } from '../protocol/index.ts';

/** undefined: no If-Match header; '*': any existing version; else the versions the client accepts. */
export type IfMatch = undefined | '*' | number[];

export function parseIfMatch(header: string | string[] | undefined): IfMatch {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '') return undefined;
  if (text.trim() === '*') return '*';
  return text.split(',').map((tag) => {
    const m = /^\s*(?:W\/)?"?([^"]*)"?\s*$/i.exec(tag);
    const n = m && /^\d{1,9}$/.test(m[1]) ? Number(m[1]) : -1;
    return n; // -1 never matches a version
  });
}

function preconditionFailed(): ScimError {
  return new ScimError(412, undefined, 'The resource has been modified: its version does not match If-Match.');
}

export function checkIfMatch(ifMatch: IfMatch, version: number): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  if (!ifMatch.includes(version)) throw preconditionFailed();
}

/** True when an If-None-Match header names the current version (GET → 304). */
export function matchesIfNoneMatch(header: string | string[] | undefined, version: number): boolean {
  const parsed = parseIfMatch(header);
  return parsed === '*' || (Array.isArray(parsed) && parsed.includes(version));
}

const ATTEMPTS = 3;

/**
 * Runs read-modify-write `step` until its conditional write lands. `step` returns undefined when
 * the write found the row at another version; with an If-Match the next read reports the 412.
 * The first read takes no lock; a retry reads with FOR UPDATE, so a hot row (many writers on one
 * group) costs at most one wasted attempt instead of a retry storm.
 */
export async function optimistic<T>(step: (lock: boolean) => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const result = await step(i > 0);
    if (result !== undefined) return result;
  }
  throw new ScimError(409, undefined, 'The resource is being changed concurrently; retry the request.');
}

/**
 * Runs a whole transaction again when PostgreSQL broke a deadlock by aborting it (40P01). A
 * membership-only PATCH locks the group row last and an attribute PATCH first, so two of them
 * adding the same member to one group at once can deadlock; each transaction re-reads everything,
 * so running it again is safe.
 */
export async function retryOnDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt < 2 && (err as { code?: string })?.code === '40P01') continue;
      throw err;
    }
  }
}
