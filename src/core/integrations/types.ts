// The integration as stored (never holding a credential value: those live sealed in the vault).
import type { IntegrationAuthType, IntegrationProvider } from '../../providers/integrations/names.ts';

type VerificationStatus = 'unverified' | 'verified' | 'failed';

/** What may be shown about one secret credential field. */
export interface CredentialHint {
  fingerprint: string;
  /** Last four characters, only for values of at least 12 characters. */
  last4: string | null;
}

export interface IntegrationRow {
  id: string;
  workspace_id: string;
  provider: IntegrationProvider;
  provider_key: string;
  category: string;
  auth_type: IntegrationAuthType;
  is_global: boolean;
  is_default: boolean;
  config: Record<string, unknown>;
  credential_hints: Record<string, CredentialHint>;
  credential_origins: string[];
  revision: number;
  verification_status: VerificationStatus;
  verification_reason_code: string | null;
  verification_message: string | null;
  verified_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** Identifiers of the projects a scoped integration belongs to (empty for a global one). */
  projects: string[];
}

export interface ProjectRow {
  id: string;
  workspace_id: string;
  identifier: string;
  platform: 'github' | 'azure-devops';
  details: Record<string, unknown>;
  created_at: Date;
}

/** Application-token narrowing (null: not narrowed). Members are never narrowed. */
export interface Narrowing {
  providers: readonly string[] | null;
  projects: readonly string[] | null;
}

export const RECORD_TYPE = 'integration';
export const CREDENTIALS_FIELD = 'credentials';
