// Coercions for what the big identity providers actually send, shared by filter, PATCH and
// resource normalisation: Entra ID sends booleans as "True"/"False" and ops as "Replace"/"Add".

export type PatchOpName = 'add' | 'replace' | 'remove';

/** `add`/`Add`/`ADD` → `add`; anything else → undefined. */
export function normalizeOp(op: unknown): PatchOpName | undefined {
  if (typeof op !== 'string') return undefined;
  const lower = op.trim().toLowerCase();
  return lower === 'add' || lower === 'replace' || lower === 'remove' ? lower : undefined;
}

/** true/false, and the strings "true"/"True"/"FALSE" (trimmed); anything else → undefined. */
export function coerceBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** The `attributes`/`excludedAttributes` query value: comma-separated, or already a list. */
export function splitAttributeList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const parts = typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(','));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own key of `obj` equal to `name` ignoring case (SCIM attribute names are case-insensitive). */
export function findKey(obj: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return key;
  return undefined;
}
