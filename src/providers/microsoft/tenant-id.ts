import { MicrosoftProviderError } from './errors.ts';
import { isUuid } from '../../lib/uuid.ts';

// The Entra tenant id goes into URL paths, so only a GUID or a DNS name is accepted: anything
// else (slashes, dots-only, spaces) could redirect the request to another authority path.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function isGuid(value: string): boolean {
  return isUuid(value);
}

export function assertEntraTenantId(value: string): void {
  if (typeof value !== 'string' || !(isUuid(value) || DOMAIN.test(value))) {
    throw new MicrosoftProviderError({
      reasonCode: 'missing_configuration',
      message: 'The Entra tenant id must be a GUID or a verified domain name.',
      nextSteps: ["Set the connection's Entra tenant id to the directory (tenant) ID shown in the Entra admin center."],
    });
  }
}
