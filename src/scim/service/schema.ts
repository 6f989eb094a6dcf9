// The configuration's attribute policy and learned extensions, loaded at most once per request
// (inside its first transaction that needs them) and handed to the protocol functions.
import type { Queryable } from '../../db/database.ts';
import type { PatchOptions } from '../protocol/index.ts';
import { loadSchemaSettings, type SchemaSettings } from '../store/schema-settings.ts';
import type { ScimContext } from './context.ts';

export async function schemaFor(q: Queryable, ctx: ScimContext): Promise<SchemaSettings> {
  ctx.schema ??= await loadSchemaSettings(q, ctx.configurationId);
  return ctx.schema;
}

/** Reads need the learned extensions only for paths that name them (always URN-qualified). */
export async function schemaForRead(q: Queryable, ctx: ScimContext): Promise<void> {
  if (ctx.namesExtensions) await schemaFor(q, ctx);
}

export const writeOptions = (s: SchemaSettings): PatchOptions => ({ unknownAttributes: s.policy, learned: s.learned });
