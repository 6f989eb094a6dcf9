-- Core: workspaces and what lives in them, principals, the vault, the audit log, operation runs.
-- Tenancy is enforced here too: every workspace-owned table has row-level security keyed on
-- `switchboard.workspace_id`, applied to the `switchboard_app` role that request transactions
-- switch to (see src/db/database.ts). The connection's own role (owner) keeps full rights for
-- migrations, workers and cross-workspace vendor work.

DO $$ BEGIN
  CREATE ROLE switchboard_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT switchboard_app TO %I', current_user);
EXCEPTION WHEN duplicate_object OR unique_violation OR invalid_grant_operation THEN NULL;
END $$;

CREATE OR REPLACE FUNCTION switchboard_current_workspace() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('switchboard.workspace_id', true), '')::uuid $$;

CREATE TABLE workspaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, slug)
);
CREATE INDEX tenants_workspace ON tenants (workspace_id);

CREATE TABLE projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  identifier text NOT NULL CHECK (length(identifier) BETWEEN 1 AND 300),
  platform text NOT NULL CHECK (platform IN ('github', 'azure-devops')),
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, identifier)
);

CREATE TABLE members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'operator', 'viewer')),
  -- Set when the member came from somewhere else (a SCIM configuration, an OIDC subject).
  source text,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, email)
);

-- API tokens. workspace_id NULL marks the vendor (operator) token, which spans workspaces.
-- Only the SHA-256 of the token is kept; the token itself is shown once at creation.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid REFERENCES workspaces(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('vendor', 'member', 'application')),
  member_id uuid REFERENCES members(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  token_hash bytea NOT NULL UNIQUE,
  display_prefix text NOT NULL,
  capabilities text[],
  providers text[],
  projects text[],
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'vendor') = (workspace_id IS NULL)),
  CHECK ((kind = 'member') = (member_id IS NOT NULL)),
  CHECK (kind <> 'application' OR capabilities IS NOT NULL)
);
CREATE INDEX api_tokens_workspace ON api_tokens (workspace_id);

-- The vault: one row per sealed secret (envelope encryption, see src/core/vault).
CREATE TABLE vault_secrets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  record_type text NOT NULL,
  record_id text NOT NULL,
  field text NOT NULL,
  key_version integer NOT NULL,
  wrapped_key bytea NOT NULL,
  iv bytea NOT NULL,
  ciphertext bytea NOT NULL,
  auth_tag bytea NOT NULL,
  fingerprint text NOT NULL,
  hint text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, record_type, record_id, field)
);
CREATE INDEX vault_secrets_key_version ON vault_secrets (key_version);

-- The audit log: append-only and hash-chained per workspace ('' is the vendor/system chain).
CREATE TABLE audit_chain_heads (
  chain text PRIMARY KEY,
  seq bigint NOT NULL,
  hash bytea NOT NULL
);

CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain text NOT NULL,
  seq bigint NOT NULL,
  workspace_id uuid REFERENCES workspaces(id) ON DELETE RESTRICT,
  occurred_at timestamptz NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  action text NOT NULL,
  target_type text,
  target_id text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  request_id text,
  metadata jsonb NOT NULL DEFAULT '{}',
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_events_workspace_time ON audit_events (workspace_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_workspace_action ON audit_events (workspace_id, action, id DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Operation runs: the domain record of every piece of work. The two partial unique indexes are
-- the dedupe authority: one active run per identity, one active run per scope.
CREATE TABLE operation_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  tenant_id bigint REFERENCES tenants(id) ON DELETE CASCADE,
  type text NOT NULL,
  scope_key text NOT NULL,
  identity_key text NOT NULL,
  target_type text,
  target_id text,
  inputs jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('queued', 'running', 'completed')),
  outcome text NOT NULL CHECK (outcome IN ('pending', 'succeeded', 'partially_succeeded', 'failed', 'cancelled', 'blocked')),
  reason_code text,
  summary jsonb NOT NULL DEFAULT '{}',
  progress jsonb NOT NULL DEFAULT '{}',
  failure_summary text,
  next_steps jsonb NOT NULL DEFAULT '[]',
  result jsonb,
  initiator_type text NOT NULL,
  initiator_id text,
  worker_id text,
  heartbeat_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'completed') = (outcome <> 'pending')),
  CHECK (status <> 'completed' OR completed_at IS NOT NULL)
);
CREATE UNIQUE INDEX operation_runs_one_active_per_identity ON operation_runs (identity_key) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX operation_runs_one_active_per_scope ON operation_runs (scope_key) WHERE status IN ('queued', 'running');
CREATE INDEX operation_runs_workspace_created ON operation_runs (workspace_id, created_at DESC);
CREATE INDEX operation_runs_target ON operation_runs (target_type, target_id, created_at DESC);
CREATE INDEX operation_runs_running_heartbeat ON operation_runs (heartbeat_at) WHERE status = 'running';

-- Row-level security on every workspace-owned table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenants', 'projects', 'members', 'api_tokens', 'vault_secrets', 'audit_events', 'operation_runs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY workspace_isolation ON %I USING (workspace_id = switchboard_current_workspace()) WITH CHECK (workspace_id = switchboard_current_workspace())', t);
  END LOOP;
END $$;
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON workspaces USING (id = switchboard_current_workspace());

GRANT SELECT ON workspaces TO switchboard_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, projects, members, api_tokens, vault_secrets, operation_runs TO switchboard_app;
GRANT SELECT, INSERT ON audit_events TO switchboard_app;
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO switchboard_app;
