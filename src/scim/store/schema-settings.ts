// A configuration's attribute policy and learned extension schemas (migration 0014), read inside
// the request's transaction and written back in the same transaction as the resource that taught
// them. Keys are (resource type, schema, attribute): concurrent writers learning different
// attributes merge; the same attribute learned twice keeps the later definition.
import type { Queryable } from '../../db/database.ts';
import { type LearnedAttribute, LearnedSchemas, type UnknownAttributePolicy } from '../protocol/index.ts';

export interface SchemaSettings {
  policy: UnknownAttributePolicy;
  learned: LearnedSchemas;
}

export async function loadSchemaSettings(q: Queryable, configurationId: string): Promise<SchemaSettings> {
  const [row] = await q.query<{ unknown_attribute_policy: UnknownAttributePolicy; learned_schemas: Record<string, LearnedAttribute> }>(
    'SELECT unknown_attribute_policy, learned_schemas FROM scim_configurations WHERE id = $1',
    [configurationId],
  );
  return schemaSettingsFrom(row?.unknown_attribute_policy, row?.learned_schemas);
}

/** Settings from the two columns, wherever they were read (here, or the token guard: http/auth.ts). */
export function schemaSettingsFrom(
  policy: UnknownAttributePolicy | null | undefined,
  learned: Record<string, LearnedAttribute> | null | undefined,
): SchemaSettings {
  return { policy: policy ?? 'ignore', learned: new LearnedSchemas(learned ?? {}) };
}

/** Stores what this request learned (nothing when it learned nothing: no write, no row lock). */
export async function storeLearned(q: Queryable, configurationId: string, learned: LearnedSchemas): Promise<void> {
  if (learned.added.size === 0) return;
  await q.query('UPDATE scim_configurations SET learned_schemas = learned_schemas || $2::jsonb WHERE id = $1', [
    configurationId,
    JSON.stringify(Object.fromEntries(learned.added)),
  ]);
  learned.added.clear();
}
