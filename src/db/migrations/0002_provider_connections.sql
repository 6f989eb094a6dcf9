-- Provider connections: one record serves both contract surfaces (provider-foundation-v1 shows
-- the UUID `id`, provider-identity the integer `number`). The invariants the contracts state are
-- the database's: one connection per (tenant, provider, Entra tenant), one default per
-- (tenant, provider), a platform connection never holds a credential, "connected" only with
-- consent. Secrets live in vault_secrets (record_type 'provider_connection'), never here.

-- A connection's tenant must belong to the connection's workspace: the composite foreign key
-- below needs a unique key over (id, workspace_id). IF NOT EXISTS: another feature may add it too.
CREATE UNIQUE INDEX IF NOT EXISTS tenants_id_workspace_key ON tenants (id, workspace_id);

CREATE TABLE provider_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  tenant_id bigint NOT NULL,
  provider text NOT NULL CHECK (provider IN ('microsoft')),
  -- Stored lower-case so the uniqueness below is case-insensitive (GUIDs and domains both are).
  entra_tenant_id text NOT NULL CHECK (entra_tenant_id = lower(entra_tenant_id) AND length(entra_tenant_id) BETWEEN 1 AND 253),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  is_default boolean NOT NULL DEFAULT false,
  connection_type text NOT NULL DEFAULT 'platform' CHECK (connection_type IN ('platform', 'dedicated')),
  status text NOT NULL DEFAULT 'needs_consent' CHECK (status IN ('connected', 'needs_consent', 'error', 'disabled')),
  health_status text NOT NULL DEFAULT 'unknown' CHECK (health_status IN ('unknown', 'ok', 'degraded', 'down')),
  consent_status text NOT NULL DEFAULT 'required' CHECK (consent_status IN ('unknown', 'required', 'granted', 'failed', 'revoked')),
  verification_status text NOT NULL DEFAULT 'unknown' CHECK (verification_status IN ('unknown', 'pending', 'healthy', 'degraded', 'blocked', 'error')),
  -- The dedicated credential's public half; the secret half is sealed in the vault.
  credential_kind text CHECK (credential_kind IN ('client_secret', 'certificate')),
  credential_client_id text CHECK (length(credential_client_id) BETWEEN 1 AND 200),
  credential_source text CHECK (credential_source IN ('dedicated_manual', 'dedicated_imported', 'legacy_migrated')),
  -- The vault's fingerprint of the sealed credential: changes with every rotation.
  credential_fingerprint text,
  credential_updated_at timestamptz,
  migration_review_required boolean NOT NULL DEFAULT false,
  last_health_check_at timestamptz,
  last_error_reason_code text,
  last_error_message text CHECK (length(last_error_message) <= 500),
  -- Set to the fingerprint of the credential that failed authentication: periodic checks skip the
  -- connection until its credential differs, so a bad secret is not retried into a lockout.
  checks_paused_for text,
  next_health_check_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, workspace_id) REFERENCES tenants (id, workspace_id) ON DELETE CASCADE,
  CHECK ((credential_kind IS NULL) = (credential_client_id IS NULL)
     AND (credential_kind IS NULL) = (credential_source IS NULL)
     AND (credential_kind IS NULL) = (credential_fingerprint IS NULL)),
  -- Platform connections run as the operator's app registration from configuration.
  CHECK (connection_type = 'dedicated' OR credential_kind IS NULL),
  CHECK (status <> 'connected' OR consent_status = 'granted')
);
CREATE UNIQUE INDEX provider_connections_identity ON provider_connections (tenant_id, provider, entra_tenant_id);
CREATE UNIQUE INDEX provider_connections_one_default ON provider_connections (tenant_id, provider) WHERE is_default;
CREATE INDEX provider_connections_workspace_tenant ON provider_connections (workspace_id, tenant_id, number);
CREATE INDEX provider_connections_due ON provider_connections (next_health_check_at) WHERE status <> 'disabled';

-- Admin-consent `state` values: the signed state names a row here, which makes it single-use
-- (used_at) and bounded in time (expires_at) even if the signature stays valid.
CREATE TABLE consent_states (
  nonce text PRIMARY KEY CHECK (length(nonce) BETWEEN 16 AND 64),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  connection_id uuid NOT NULL REFERENCES provider_connections(id) ON DELETE CASCADE,
  principal_type text NOT NULL,
  principal_id text,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_states_expires ON consent_states (expires_at);
CREATE INDEX consent_states_connection ON consent_states (connection_id);

-- What an inventory run collected, written page by page. Only the newest successful run's items
-- are kept per connection (older ones are deleted when a newer inventory completes).
CREATE TABLE inventory_items (
  run_id bigint NOT NULL REFERENCES operation_runs(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  connection_id uuid NOT NULL REFERENCES provider_connections(id) ON DELETE CASCADE,
  collection text NOT NULL CHECK (collection IN ('users', 'groups', 'managedDevices')),
  external_id text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (run_id, collection, external_id)
);
CREATE INDEX inventory_items_connection ON inventory_items (connection_id, run_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['provider_connections', 'consent_states', 'inventory_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY workspace_isolation ON %I USING (workspace_id = switchboard_current_workspace()) WITH CHECK (workspace_id = switchboard_current_workspace())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON provider_connections, consent_states, inventory_items TO switchboard_app;
