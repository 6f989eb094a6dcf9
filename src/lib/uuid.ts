// The UUID shape (any version, either case), in one place. Ids from URLs, headers, tokens and
// cursors are checked against it before they reach a query or are inlined into SQL, so a malformed
// id is the same "not found" as a missing one and never a database error.
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');

/** A string is only tested (no narrowing); anything else is narrowed to string when it is one. */
export function isUuid(value: string): boolean;
export function isUuid(value: unknown): value is string;
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
