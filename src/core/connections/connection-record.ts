// The provider connection as stored: one record behind both contract surfaces. Each surface
// derives its own view from it (src/surfaces/provider-foundation, src/surfaces/provider-identity).
export type ConnectionStatus = 'connected' | 'needs_consent' | 'error' | 'disabled';
type HealthStatus = 'unknown' | 'ok' | 'degraded' | 'down';
type ConsentStatus = 'unknown' | 'required' | 'granted' | 'failed' | 'revoked';
type VerificationStatus = 'unknown' | 'pending' | 'healthy' | 'degraded' | 'blocked' | 'error';
export type ConnectionType = 'platform' | 'dedicated';
/** Which API made the connection (0013_connection_origin.sql says why it matters). */
export type ConnectionOrigin = 'admin' | 'foundation_v1';
export type CredentialKind = 'client_secret' | 'certificate';
export type CredentialSource = 'dedicated_manual' | 'dedicated_imported' | 'legacy_migrated';

const PROVIDERS = ['microsoft'] as const;
type Provider = (typeof PROVIDERS)[number];

export interface ConnectionRecord {
  id: string;
  number: number;
  workspace_id: string;
  tenant_id: number;
  provider: Provider;
  entra_tenant_id: string;
  display_name: string;
  is_default: boolean;
  connection_type: ConnectionType;
  origin: ConnectionOrigin;
  status: ConnectionStatus;
  health_status: HealthStatus;
  consent_status: ConsentStatus;
  /** The Entra tenant GUID Microsoft proved at consent (ID token `tid`); null unless consent is granted through that proof. */
  consented_tenant_id: string | null;
  verification_status: VerificationStatus;
  credential_kind: CredentialKind | null;
  credential_client_id: string | null;
  credential_source: CredentialSource | null;
  credential_fingerprint: string | null;
  credential_updated_at: Date | null;
  migration_review_required: boolean;
  last_health_check_at: Date | null;
  last_error_reason_code: string | null;
  last_error_message: string | null;
  checks_paused_for: string | null;
  next_health_check_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The vault binding of a connection's dedicated credential (one sealed JSON value). */
export const credentialRef = (c: Pick<ConnectionRecord, 'workspace_id' | 'id'>) => ({
  workspaceId: c.workspace_id,
  recordType: 'provider_connection',
  recordId: c.id,
  field: 'credential',
});

/** One active run per connection: every run type shares this scope. */
export const scopeKeyOf = (connectionId: string) => `provider_connection:${connectionId}`;

export const RUN_TYPES = {
  healthCheck: 'microsoft.health_check',
  verification: 'microsoft.verification',
  inventory: 'microsoft.inventory',
  complianceSnapshot: 'microsoft.compliance_snapshot',
} as const;
export type RunKind = keyof typeof RUN_TYPES;

/**
 * Whether the reaper starts a run of this kind again after its worker was lost (src/core/runs/
 * run-reaper.ts). All four only read from Microsoft (a token request and Graph GETs) and write
 * Switchboard's own records: the connection's check state (the later check wins, as with two
 * checks in a row) and inventory pages keyed by the run. A repeat changes nothing outside.
 */
export const RETRY_WHEN_WORKER_LOST: Record<RunKind, boolean> = {
  healthCheck: true,
  verification: true,
  inventory: true,
  complianceSnapshot: true,
};
