// A JSON body's nesting is limited where it is parsed: JSON.parse copes with any depth, but the
// code after it does not — ajv, JSON.stringify when a value is stored, the SCIM patch engine all
// recurse, and a body of 5,000 nested objects overflowed the stack there (a 500). So every JSON
// body parser of the service (src/app.ts, src/scim/http/plugin.ts) runs this one check first.
import type { FastifyBodyParser, FastifyRequest } from 'fastify';

export const DEFAULT_MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether JSON text nests objects/arrays deeper than `max` levels (`{}` is one level). One pass,
 * a counter and no recursion, so the check itself cannot overflow; brackets inside strings do
 * not count. It does not validate: malformed text is left to the parser that runs after it.
 */
export function exceedsJsonDepth(text: string, max: number): boolean {
  if (text.length <= max) return false; // each level takes at least one character
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

export const tooDeepMessage = (max: number) => `the request body is nested more than ${max} levels deep`;

/**
 * Wraps a string body parser (Fastify's own JSON parser, which keeps its prototype-poisoning
 * protection) with the depth check; `tooDeep` builds the error in the caller's format.
 */
export function depthLimited(parse: FastifyBodyParser<string>, maxDepth: number, tooDeep: () => Error): FastifyBodyParser<string> {
  return (req: FastifyRequest, body: string, done) => {
    if (exceedsJsonDepth(body, maxDepth)) {
      done(tooDeep(), undefined);
      return;
    }
    parse(req, body, done);
  };
}
