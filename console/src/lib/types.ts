// Response shapes the console reads. They mirror the service's routes (see /openapi.json).
export interface Me {
  kind: 'vendor' | 'member' | 'application';
  workspace_id: string | null;
  role: string | null;
  capabilities: string[];
  actor: string;
}
export interface Workspace {
  id: string;
  name: string;
  created_at: string;
}
export interface Tenant {
  id: number;
  workspace_id: string;
  name: string;
  slug: string;
  created_at: string;
}
export interface Run {
  id: number;
  workspace_id: string;
  tenant_id: number | null;
  type: string;
  status: 'queued' | 'running' | 'completed';
  outcome: string;
  reason_code: string | null;
  target: { type: string; id: string | null } | null;
  summary: Record<string, unknown>;
  progress: { done?: number; total?: number; message?: string };
  failure_summary: string | null;
  next_steps: string[];
  initiator: { type: string; id: string | null };
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
}
export interface RunRef {
  id: number;
  type: string;
  status: string;
  outcome: string;
  reason_code: string | null;
  view_url: string | null;
}
export interface Connection {
  id: number;
  uuid: string;
  tenant_id: number;
  provider: string;
  entra_tenant_id: string;
  display_name: string;
  connection_type: 'platform' | 'dedicated';
  consent_status: string;
  verification_status: string;
  health_status: string;
  status: string;
  is_default: boolean;
  effective_app_id?: string;
  credential_source?: string;
  credential_kind?: 'client_secret' | 'certificate';
  migration_review_required: boolean;
  last_health_check_at: string | null;
  last_error_reason_code: string | null;
  last_error_message: string | null;
}
export interface AuditEvent {
  id: number;
  seq: number;
  occurred_at: string;
  actor: { type: string; id: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  outcome: string;
  request_id: string | null;
  metadata: Record<string, unknown>;
}
export interface Integration {
  id: string;
  provider: string;
  authType: string;
  category: string;
  isGlobal: boolean;
  isDefault: boolean;
  projects: string[];
  config: Record<string, unknown>;
  credentials: Record<string, { fingerprint: string; last4: string | null }>;
  credentialOrigins: string[];
  verification: { status: string; reasonCode: string | null; message: string | null; checkedAt: string | null };
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface Project {
  id: string;
  identifier: string;
  platform: string;
  name?: string;
  createdAt: string;
}
export interface ShapeField {
  name: string;
  label: string;
  required: boolean;
  secret: boolean;
  input: 'text' | 'password' | 'textarea' | 'url' | 'select';
  options?: string[];
  pattern?: string;
  maxLength?: number;
  description?: string;
}
export interface AuthTypeShape {
  authType: string;
  credentials: ShapeField[];
  config: ShapeField[];
}
export interface ProviderShape {
  provider: string;
  displayName: string;
  category: string;
  authTypes: AuthTypeShape[];
}
export interface ScimConfiguration {
  id: string;
  tenantId: string;
  connectionName: string;
  source: string;
  syncToUserManagement: boolean;
  lastSync: string | null;
  createdAt: string;
  baseUrl: string;
}
export interface ScimToken {
  id: string;
  connectionName: string;
  token: string;
  baseUrl: string;
  previousTokenExpiresAt?: string | null;
}
export interface ConsoleConfig {
  oidc: { issuer: string; clientId: string | null; authorizationEndpoint: string | null; tokenEndpoint: string | null; scopes: string; error?: string } | null;
}
