// Refinements shared by several providers: URL fields must parse as a base URL we can call.
import { parseBaseUrl } from './url.ts';
import type { Refinement } from './types.ts';

/** Each named field (when present) must be an http(s) base URL without user info, query or fragment. */
export function urlFields(where: 'credentials' | 'config', fields: string[]): Refinement {
  return (credentials, config) => {
    const source = where === 'credentials' ? credentials : (config ?? {});
    for (const field of fields) {
      const value = source[field];
      if (value === undefined) continue;
      if (!parseBaseUrl(value).ok) {
        return { field: `${where}.${field}`, message: `${where}.${field} must be an http(s) URL without user info, query or fragment` };
      }
    }
    return undefined;
  };
}

function allOf(...refinements: Refinement[]): Refinement {
  return (credentials, config) => {
    for (const refine of refinements) {
      const issue = refine(credentials, config);
      if (issue) return issue;
    }
    return undefined;
  };
}
