// The one place error codes become HTTP statuses. Exact codes first, then the code's last
// segment, so a new `thing.not_found` needs no entry here.
const EXACT: Record<string, number> = {
  'auth.unauthenticated': 401,
  'auth.invalid_token': 401,
  'access.forbidden': 403,
  'access.confirmation_required': 400,
  'access.owner_required': 403,
  'member.disabled': 409,
  'member.last_owner': 409,
  'member.role_managed_by_scim': 409,
  'token.narrowing_exceeded': 403,
  'token.expiry_exceeded': 400,
  'token.for_other_member': 403,
  'token.maker_not_member': 403,
  'token.lineage_invalid': 403,
  scope_busy: 409,
  rate_limited: 429,
  'auth.too_many_failures': 429,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'database.unavailable': 503,
  'vault.unavailable': 503,
  // A key-encryption key that cannot be had now (its KMS down past the cache): fail closed, retry later.
  'vault.key_unavailable': 503,
  'vault.kms_unreachable': 503,
  'audit.write_failed': 503,
  'consent.invalid_state': 403,
  // integrations.yaml: application tokens may not create or change integrations (its 401).
  'auth.application_token_not_permitted': 401,
  // integrations.yaml documents 200/403/404 for credentials: an unscoped read by an application token is a 403.
  'integrations.filter_required': 403,
};

const BY_SUFFIX: Record<string, number> = {
  not_found: 404,
  already_exists: 409,
  conflict: 409,
  duplicate: 409,
  invalid: 400,
  malformed_json: 400,
  validation_failed: 400,
  immutable: 400,
  forbidden: 403,
  precondition_failed: 412,
};

export function statusForCode(code: string): number {
  if (EXACT[code]) return EXACT[code];
  const suffix = code.slice(code.lastIndexOf('.') + 1);
  return BY_SUFFIX[suffix] ?? 400;
}
