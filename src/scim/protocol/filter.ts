// SCIM filtering entry points: parse (filter-parse.ts), compile to SQL (filter-sql.ts),
// sort (sort.ts), and evaluate in memory (filter-eval.ts) for PATCH value filters.

import { compileFilter, type CompiledSql, type CompileOptions } from './filter-sql.ts';
import { parseFilter, type FilterLimits } from './filter-parse.ts';
import type { ResourceType } from './schemas.ts';

export {
  parseFilter,
  type FilterLimits,
  type ValuePathNode,
} from './filter-parse.ts';
export { compileFilter, type CompiledSql, type CompileOptions } from './filter-sql.ts';
export { compileSort } from './sort.ts';

/** parseFilter + compileFilter: the `filter` query parameter straight to a WHERE fragment. */
export function filterToSql(
  filter: string,
  resourceType: ResourceType,
  firstParamIndex = 1,
  options: CompileOptions & { limits?: FilterLimits } = {},
): CompiledSql {
  return compileFilter(parseFilter(filter, options.limits), resourceType, firstParamIndex, options);
}
