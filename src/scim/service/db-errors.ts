// Database errors that are really protocol answers: a unique index refusing a second userName
// (or group displayName) is SCIM's 409 uniqueness.
import { isUniqueViolation } from '../../core/errors.ts';
import { ScimError } from '../protocol/index.ts';

export function asUniqueness(err: unknown, attribute: 'userName' | 'displayName'): unknown {
  if (isUniqueViolation(err)) return new ScimError(409, 'uniqueness', `${attribute} is already in use (compared without case).`);
  return err;
}
