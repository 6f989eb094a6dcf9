// A schema for "one of these strings" (a union of string literals), typed as that union. TypeBox
// derives a Union's TypeScript type from a tuple of schemas; `Type.Union(list.map(Type.Literal))`
// hands it an array, which makes the type `never` (and with it every response type derived from
// the schema). The JSON Schema is the same anyOf of consts either way.
import { type TLiteral, type TUnion, Type } from 'typebox';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

export const literalUnion = <const T extends readonly string[]>(values: T, options?: Parameters<typeof Type.Union>[1]) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as TUnion<Literals<T>>;
