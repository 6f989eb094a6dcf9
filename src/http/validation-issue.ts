// A request that failed its route schema, as the contracts' 400 names it: the field (a dotted
// path inside the request part, array positions left out: `credentials`, `projects`, `config.site`)
// and a message built from the field's name and the schema's keyword and limits — never from the
// submitted value. The one error handler (error-handler.ts) puts both on the 400.
import type { FastifySchemaValidationError } from 'fastify';

export interface FieldIssue {
  field: string;
  message: string;
}

/** A field name comes from the request (an unknown property's name): never longer than this. */
const MAX_FIELD = 100;

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : type === 'null' ? 'null' : `a ${type}`);

function typeNames(t: unknown): string {
  const names = Array.isArray(t) ? t.map(String) : String(t).split(',');
  return names.map(article).join(' or ');
}

/** JSON pointer segments (RFC 6901 escapes undone), without array positions. */
function pathOf(instancePath: string): string[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .filter((s) => !/^\d+$/.test(s));
}

const clip = (field: string) => (field.length > MAX_FIELD ? field.slice(0, MAX_FIELD) : field);

function messageFor(e: FastifySchemaValidationError, field: string, siblings: FastifySchemaValidationError[]): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `${field} is required`;
    case 'additionalProperties':
      return `${field} is not a recognised field`;
    case 'type':
      return `${field} must be ${typeNames(p.type)}`;
    case 'enum':
      return `${field} must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const': {
      // A union of literals fails every branch: name them all.
      const allowed = siblings.filter((s) => s.keyword === 'const' && s.instancePath === e.instancePath).map((s) => String(s.params.allowedValue));
      return allowed.length > 1 ? `${field} must be one of ${allowed.join(', ')}` : `${field} must be ${allowed[0]}`;
    }
    case 'minLength':
      return p.limit === 1 ? `${field} must not be empty` : `${field} must be at least ${p.limit} characters long`;
    case 'maxLength':
      return `${field} must be at most ${p.limit} characters long`;
    case 'minItems':
      return `${field} must have at least ${p.limit} items`;
    case 'maxItems':
      return `${field} must have at most ${p.limit} items`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `${field} must be ${p.comparison} ${p.limit}`;
    case 'format':
      return `${field} must be a valid ${p.format}`;
    default:
      return `${field} is not valid`;
  }
}

/**
 * The first failure of a request part (`body`, `querystring`, `params`, `headers`). The
 * validators stop at the first failing keyword (allErrors off); a union reports each branch
 * first, so the first error is the most specific one.
 */
export function validationIssue(errors: readonly FastifySchemaValidationError[], part = 'body'): FieldIssue {
  const e = errors[0];
  if (!e) return { field: part, message: `the ${part} is not valid` };
  const path = pathOf(e.instancePath);
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') path.push(e.params.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') path.push(e.params.additionalProperty);
  const field = clip(path.length ? path.join('.') : part);
  return { field, message: messageFor(e, field, errors as FastifySchemaValidationError[]) };
}
