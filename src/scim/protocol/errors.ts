// SCIM protocol errors (RFC 7644 §3.12). Thrown by the pure protocol functions and turned
// into the wire body by toScimErrorBody; the HTTP layer only copies `status` onto the reply.

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
] as const;

export type ScimType = (typeof SCIM_TYPES)[number];

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  /** Stable machine code: the scimType when there is one, else `scim_<status>`. */
  readonly code: string;

  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.code = scimType ?? `scim_${status}`;
  }
}

export function invalidFilter(detail: string): ScimError {
  return new ScimError(400, 'invalidFilter', detail);
}
export function invalidPath(detail: string): ScimError {
  return new ScimError(400, 'invalidPath', detail);
}
export function invalidValue(detail: string): ScimError {
  return new ScimError(400, 'invalidValue', detail);
}
export function noTarget(detail: string): ScimError {
  return new ScimError(400, 'noTarget', detail);
}
export function mutability(detail: string): ScimError {
  return new ScimError(400, 'mutability', detail);
}
export function invalidSyntax(detail: string): ScimError {
  return new ScimError(400, 'invalidSyntax', detail);
}

function isScimError(err: unknown): err is ScimError {
  return err instanceof ScimError;
}

/**
 * The RFC 7644 error body. Anything that is not a ScimError becomes a bare 500 whose detail
 * is fixed text: an unexpected error's message may carry internals (SQL, values) we must not echo.
 */
export function toScimErrorBody(err: unknown): ScimErrorBody {
  if (err instanceof ScimError) {
    const body: ScimErrorBody = { schemas: [SCIM_ERROR_SCHEMA], status: String(err.status), detail: err.detail };
    if (err.scimType) body.scimType = err.scimType;
    return body;
  }
  return { schemas: [SCIM_ERROR_SCHEMA], status: '500', detail: 'Internal server error.' };
}
