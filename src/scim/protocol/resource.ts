// Turns a POST/PUT body into the canonical stored resource, with the same coercions and
// leniency as PATCH: canonical attribute names, "True"/"False" booleans, manager as a bare id,
// read-only attributes (id, meta, groups) dropped, password never kept.

import { invalidValue } from './errors.ts';
import { isPlainObject } from './lenient.ts';
import type { MemberRef } from './members.ts';
import { PatchEngine, ensureSchemas, requiredAttribute, type JsonObject, type PatchOptions } from './patch.ts';
import type { ResourceType } from './schemas.ts';
import { getKey } from './values.ts';

export interface NormalizedResource {
  /** Canonical resource JSON for the `resource` column (no id, meta or group members). */
  resource: JsonObject;
  /** Groups: the members the body lists; undefined when the body has no members (or null). */
  members?: MemberRef[];
}

export function normalizeResource(body: unknown, resourceType: ResourceType, options: PatchOptions = {}): NormalizedResource {
  if (!isPlainObject(body)) throw invalidValue(`A ${resourceType} must be a JSON object.`);
  const engine = new PatchEngine({}, resourceType, options);
  engine.applyObject('replace', body, undefined);
  const required = requiredAttribute(resourceType);
  const value = getKey(engine.resource, required);
  if (typeof value !== 'string' || value.trim() === '') throw invalidValue(`"${required}" is required.`);
  ensureSchemas(engine.resource, resourceType, options.learned);
  const out: NormalizedResource = { resource: engine.resource };
  if (resourceType === 'Group' && engine.members.touched) out.members = engine.members.result().add;
  return out;
}

/** Values the storage keeps in their own columns, read from a canonical resource. */
export interface ResourceColumns {
  userName?: string;
  displayName: string | null;
  externalId: string | null;
  active?: boolean;
}

export function columnsOf(resource: JsonObject, resourceType: ResourceType): ResourceColumns {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const cols: ResourceColumns = {
    displayName: str(resource.displayName),
    externalId: str(resource.externalId),
  };
  if (resourceType === 'User') {
    cols.userName = str(resource.userName) ?? '';
    // RFC 7643 leaves active unset by default; an account provisioned without it is active.
    cols.active = typeof resource.active === 'boolean' ? resource.active : true;
  }
  return cols;
}
