// Turns TypeBox's validation errors into one "field + message" answer for a 400. Messages are
// built from the field name and the schema, never from the submitted value.
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';

export interface FieldIssue {
  field: string;
  message: string;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

// Missing fields first, then unknown ones, then wrong values: the most actionable answer wins.
const PRIORITY: Record<string, number> = { required: 0, additionalProperties: 1, boolean: 1, type: 2 };

function propertySchema(root: TSchema, name: string): Record<string, unknown> | undefined {
  const properties = (root as { properties?: Record<string, Record<string, unknown>> }).properties;
  return properties?.[name];
}

function describe(root: TSchema, name: string): string {
  const schema = propertySchema(root, name);
  if (!schema) return 'valid';
  if (typeof schema.description === 'string') return schema.description;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  if (Array.isArray(schema.anyOf)) {
    const values = schema.anyOf.map((s: { const?: unknown }) => s.const).filter((v: unknown) => v !== undefined);
    if (values.length) return `one of ${values.join(', ')}`;
  }
  if (schema.type === 'boolean') return 'a boolean';
  if (schema.type === 'number' || schema.type === 'integer') return 'a number';
  return 'a non-empty string';
}

export function firstIssue(schema: TSchema, value: unknown, prefix: string): FieldIssue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { field: prefix, message: `${prefix} must be an object` };
  }
  const errors = [...Value.Errors(schema, value)] as unknown as SchemaError[];
  if (errors.length === 0) return undefined;
  errors.sort((a, b) => (PRIORITY[a.keyword] ?? 3) - (PRIORITY[b.keyword] ?? 3));
  const error = errors[0];
  if (error.keyword === 'required') {
    const missing = (error.params.requiredProperties as string[] | undefined)?.[0] ?? '';
    const field = `${prefix}.${missing}`;
    return { field, message: `${field} is required` };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params.additionalProperties as string[] | undefined)?.[0] ?? '';
    const field = `${prefix}.${extra}`;
    return { field, message: `${field} is not a recognised field here` };
  }
  const name = error.instancePath.split('/')[1] ?? '';
  const field = name ? `${prefix}.${name}` : prefix;
  if (error.keyword === 'boolean') return { field, message: `${field} is not a recognised field here` };
  return { field, message: `${field} must be ${describe(schema, name)}` };
}
