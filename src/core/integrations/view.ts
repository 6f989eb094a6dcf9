// The integration as every list/get/create/update response shows it: metadata, config and, per
// secret credential field, a fingerprint and last four characters — never a credential value.
import type { IntegrationRow, ProjectRow } from './types.ts';
import { iso } from '../../lib/iso-date.ts';

/** What every view of an integration shows, the credentials endpoint's included. */
function metadataOf(r: IntegrationRow) {
  return {
    id: r.id,
    provider: r.provider,
    authType: r.auth_type,
    category: r.category,
    isGlobal: r.is_global,
    isDefault: r.is_default,
    projects: r.projects ?? [],
    config: r.config ?? {},
  };
}

export function integrationView(r: IntegrationRow) {
  return {
    ...metadataOf(r),
    credentials: r.credential_hints ?? {},
    credentialOrigins: r.credential_origins,
    verification: {
      status: r.verification_status,
      reasonCode: r.verification_reason_code,
      message: r.verification_message,
      checkedAt: iso(r.verified_at),
    },
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

type IntegrationView = ReturnType<typeof integrationView>;

/** The credentials endpoint's item: the one place a decrypted credential leaves the service. */
export function releasedView(r: IntegrationRow, credentials: Record<string, unknown>, resolvedBy: string | null) {
  return { ...metadataOf(r), credentials, resolvedBy };
}

export function projectView(p: ProjectRow) {
  const details = p.details ?? {};
  return {
    id: p.id,
    identifier: p.identifier,
    platform: p.platform,
    ...(typeof details.name === 'string' ? { name: details.name } : {}),
    ...(typeof details.description === 'string' ? { description: details.description } : {}),
    ...(typeof details.repositoryUrl === 'string' ? { repositoryUrl: details.repositoryUrl } : {}),
    createdAt: iso(p.created_at)!,
  };
}
