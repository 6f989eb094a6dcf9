// Reads the environment against the configuration schema (schema.ts): each leaf that names a
// variable is parsed by its type (integer, number, true/false, one of a list, JSON, text), checked
// against its schema, and placed at its path; an unset or empty variable takes the leaf's default.
// The first bad value stops with a ConfigError of one line that names the variable and says what
// it must be. A group with `presentWhen` exists only when that variable is set.
import { type TObject, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { VariableOptions } from './schema.ts';

export class ConfigError extends Error {
  readonly code = 'config.invalid';
}

export interface Variable {
  /** Where it lands in the config object, e.g. ['scim', 'maxResults']. */
  path: string[];
  schema: TSchema & VariableOptions & { default?: unknown };
  /** Absent from the config object when unset (no default). */
  optional: boolean;
}

const isGroup = (s: TSchema): s is TObject => Type.IsObject(s) && typeof (s as { env?: unknown }).env !== 'string';

/** Every variable of the schema, in the schema's order. */
export function variablesOf(schema: TObject, path: string[] = []): Variable[] {
  const required = new Set((schema as { required?: string[] }).required ?? []);
  return Object.entries(schema.properties).flatMap(([key, child]) =>
    isGroup(child) ? variablesOf(child, [...path, key]) : [{ path: [...path, key], schema: child as Variable['schema'], optional: !required.has(key) }],
  );
}

const orList = (values: readonly unknown[]) => {
  const quoted = values.map((v) => `"${String(v)}"`);
  return quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
};

/** What a leaf's value must be, in words. */
function expected(schema: TSchema): string {
  const s = schema as { minimum?: number; maximum?: number; enum?: unknown[] };
  if (Type.IsInteger(schema)) return `an integer >= ${s.minimum ?? 0}${s.maximum !== undefined ? ` and <= ${s.maximum}` : ''}`;
  if (Type.IsNumber(schema)) return `a number >= ${s.minimum ?? 0}${s.maximum !== undefined ? ` and <= ${s.maximum}` : ''}`;
  if (Type.IsBoolean(schema)) return 'true or false';
  if (Type.IsEnum(schema)) return orList(s.enum!);
  return 'a JSON object';
}

const decodePointer = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The first error of a JSON value, as `NAME: "key" must be …` (one line, the value's own text only where it is not a secret). */
function jsonProblem(env: string, schema: TSchema, value: unknown): string | null {
  const errors = Value.Errors(schema, value).filter((e) => e.keyword !== 'boolean' && e.keyword !== 'anyOf');
  const e = errors[0];
  if (!e) return null;
  const at = decodePointer(e.instancePath);
  const where = at.length ? `${env}: "${at.join('.')}"` : env;
  if (e.keyword === 'additionalProperties') {
    const known = Object.keys((schema as TObject).properties ?? {});
    const unknown = (e.params as { additionalProperties: string[] }).additionalProperties[0];
    return `${env}: "${unknown}" is not a known key (known: ${known.join(', ')})`;
  }
  if (e.keyword === 'enum') {
    const got = at.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], value);
    return `${where} must be ${orList((e.params as { allowedValues: unknown[] }).allowedValues)}, got ${JSON.stringify(got)}`;
  }
  if (e.keyword === 'type') {
    const type = (e.params as { type: string }).type;
    return `${where} must be ${type === 'object' ? 'a JSON object' : `a ${type}`}`;
  }
  return at.length ? `${where} ${e.message}` : `${env}: ${e.message}`;
}

function parseValue(v: Variable, raw: string): unknown {
  const { schema } = v;
  const env = schema.env;
  let value: unknown = raw;
  if (Type.IsInteger(schema) || Type.IsNumber(schema)) value = Number(raw);
  else if (Type.IsBoolean(schema)) value = /^(1|true|yes|on)$/i.test(raw) ? true : /^(0|false|no|off)$/i.test(raw) ? false : raw;
  else if (Type.IsObject(schema) || Type.IsRecord(schema) || (schema as { type?: string }).type === 'object') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ConfigError(`${env} must be valid JSON`);
    }
    const problem = jsonProblem(env, schema, value);
    if (problem) throw new ConfigError(problem);
    return value;
  }
  if (!Value.Check(schema, value)) throw new ConfigError(`${env} must be ${expected(schema)}, got "${raw}"`);
  return value;
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown) {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

/**
 * The configuration the environment gives, before the defaults that depend on other variables
 * (those leaves are left unset here when their variable is).
 */
export function readEnvironment(schema: TObject, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const given = (name: string) => env[name] !== undefined && env[name] !== '';
  const absentGroups = collectAbsentGroups(schema, given);
  for (const v of variablesOf(schema)) {
    const group = absentGroups.find((g) => g.path.every((k, i) => v.path[i] === k));
    if (group) continue;
    const name = v.schema.env;
    if (given(name)) setAt(out, v.path, parseValue(v, env[name]!));
    else if (v.schema.default !== undefined) setAt(out, v.path, structuredClone(v.schema.default));
    else if (!v.optional && !v.schema.computed) {
      // A variable without a default, e.g. the OIDC audience (required when the issuer is set).
      const owner = presentWhenOf(schema, v.path.slice(0, -1));
      throw new ConfigError(`${name} is required${owner ? ` with ${owner}` : ''}`);
    }
  }
  return out;
}

function presentWhenOf(schema: TObject, path: string[]): string | undefined {
  let node: TSchema = schema;
  for (const key of path) node = (node as TObject).properties[key];
  return (node as { presentWhen?: string }).presentWhen;
}

function collectAbsentGroups(schema: TObject, given: (name: string) => boolean, path: string[] = []): Array<{ path: string[] }> {
  return Object.entries(schema.properties).flatMap(([key, child]) => {
    if (!isGroup(child)) return [];
    const when = (child as { presentWhen?: string }).presentWhen;
    if (when && !given(when)) return [{ path: [...path, key] }];
    return collectAbsentGroups(child, given, [...path, key]);
  });
}
