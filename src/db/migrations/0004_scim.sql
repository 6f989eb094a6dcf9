-- SCIM provisioning: configurations (one identity-provider connection of a tenant), their bearer
-- tokens (hashed, two-phase rotation), and the users, groups and group memberships each
-- configuration provisions. Every row names its workspace for row-level security, and composite
-- foreign keys tie each row to a configuration of that same workspace, so a bug in code cannot
-- file one workspace's data under another's configuration.

-- Composite keys the foreign keys below reference (tenant/member of the same workspace).
CREATE UNIQUE INDEX IF NOT EXISTS tenants_id_workspace_key ON tenants (id, workspace_id);
CREATE UNIQUE INDEX IF NOT EXISTS members_id_workspace_key ON members (id, workspace_id);

CREATE TABLE scim_configurations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  tenant_id bigint NOT NULL,
  connection_name text NOT NULL CHECK (length(connection_name) BETWEEN 1 AND 200),
  source text NOT NULL CHECK (source IN ('frontegg', 'okta', 'azure-ad', 'other')),
  sync_to_user_management boolean NOT NULL DEFAULT false,
  -- Time of the last provisioning write through this configuration (see src/scim/store/last-sync.ts).
  last_sync_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, workspace_id) REFERENCES tenants (id, workspace_id) ON DELETE CASCADE,
  UNIQUE (id, workspace_id)
);
-- connectionName is unique per tenant; "Okta" and "okta" would only confuse an admin.
CREATE UNIQUE INDEX scim_configurations_name ON scim_configurations (tenant_id, lower(connection_name));
CREATE INDEX scim_configurations_workspace ON scim_configurations (workspace_id, created_at, id);

-- Only the SHA-256 of a token is kept. At most one active and one previous (rotation grace)
-- token per configuration; a previous token always has an end.
CREATE TABLE scim_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  configuration_id uuid NOT NULL,
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  display_prefix text NOT NULL,
  state text NOT NULL CHECK (state IN ('active', 'previous')),
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (configuration_id, workspace_id) REFERENCES scim_configurations (id, workspace_id) ON DELETE CASCADE,
  CHECK (state = 'active' OR expires_at IS NOT NULL)
);
CREATE UNIQUE INDEX scim_tokens_one_active ON scim_tokens (configuration_id) WHERE state = 'active' AND revoked_at IS NULL;
CREATE UNIQUE INDEX scim_tokens_one_previous ON scim_tokens (configuration_id) WHERE state = 'previous' AND revoked_at IS NULL;

CREATE TABLE scim_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  configuration_id uuid NOT NULL,
  user_name text NOT NULL CHECK (length(user_name) BETWEEN 1 AND 1024),
  -- lower(user_name) as a column: under row-level security a qual on lower(user_name) cannot use
  -- an index (lower() is not LEAKPROOF), a qual on this column can (src/scim/protocol/sql-operands.ts).
  user_name_folded text GENERATED ALWAYS AS (lower(user_name)) STORED,
  external_id text,
  active boolean NOT NULL DEFAULT true,
  display_name text,
  resource jsonb NOT NULL CHECK (jsonb_typeof(resource) = 'object'),
  -- The workspace member this user became (syncToUserManagement); cleared if the member goes.
  member_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  FOREIGN KEY (configuration_id, workspace_id) REFERENCES scim_configurations (id, workspace_id) ON DELETE CASCADE,
  FOREIGN KEY (member_id, workspace_id) REFERENCES members (id, workspace_id) ON DELETE SET NULL (member_id),
  UNIQUE (id, configuration_id)
);
-- userName is unique per configuration, ignoring case; the filter compiler emits
-- user_name_folded = lower($n), so this index answers `userName eq "…"`.
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (configuration_id, user_name_folded);
CREATE INDEX scim_users_external_id ON scim_users (configuration_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX scim_users_created ON scim_users (configuration_id, created_at, id);
CREATE INDEX scim_users_member ON scim_users (member_id) WHERE member_id IS NOT NULL;

CREATE TABLE scim_groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  configuration_id uuid NOT NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 1024),
  display_name_folded text GENERATED ALWAYS AS (lower(display_name)) STORED,
  external_id text,
  -- Never holds members: they live in scim_group_members.
  resource jsonb NOT NULL CHECK (jsonb_typeof(resource) = 'object' AND NOT resource ? 'members'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  FOREIGN KEY (configuration_id, workspace_id) REFERENCES scim_configurations (id, workspace_id) ON DELETE CASCADE,
  UNIQUE (id, configuration_id)
);
CREATE UNIQUE INDEX scim_groups_display_name ON scim_groups (configuration_id, display_name_folded);
CREATE INDEX scim_groups_external_id ON scim_groups (configuration_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX scim_groups_created ON scim_groups (configuration_id, created_at, id);

-- One row per membership, so a change to a 10,000-member group touches one row, not the group.
-- user_ref / group_ref exist only to carry the foreign keys: a member is a User or a Group of the
-- same configuration, and goes away with it.
CREATE TABLE scim_group_members (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  configuration_id uuid NOT NULL,
  group_id uuid NOT NULL,
  member_id uuid NOT NULL,
  member_type text NOT NULL CHECK (member_type IN ('User', 'Group')),
  display text,
  user_ref uuid GENERATED ALWAYS AS (CASE WHEN member_type = 'User' THEN member_id END) STORED,
  group_ref uuid GENERATED ALWAYS AS (CASE WHEN member_type = 'Group' THEN member_id END) STORED,
  PRIMARY KEY (group_id, member_id),
  CHECK (group_id <> member_id),
  FOREIGN KEY (configuration_id, workspace_id) REFERENCES scim_configurations (id, workspace_id) ON DELETE CASCADE,
  FOREIGN KEY (group_id, configuration_id) REFERENCES scim_groups (id, configuration_id) ON DELETE CASCADE,
  FOREIGN KEY (user_ref, configuration_id) REFERENCES scim_users (id, configuration_id) ON DELETE CASCADE,
  FOREIGN KEY (group_ref, configuration_id) REFERENCES scim_groups (id, configuration_id) ON DELETE CASCADE
);
CREATE INDEX scim_group_members_member ON scim_group_members (member_id);
-- The cascades above look rows up by these columns.
CREATE INDEX scim_group_members_user_ref ON scim_group_members (user_ref) WHERE user_ref IS NOT NULL;
CREATE INDEX scim_group_members_group_ref ON scim_group_members (group_ref) WHERE group_ref IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['scim_configurations', 'scim_tokens', 'scim_users', 'scim_groups', 'scim_group_members'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY workspace_isolation ON %I USING (workspace_id = switchboard_current_workspace()) WITH CHECK (workspace_id = switchboard_current_workspace())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON scim_configurations, scim_tokens, scim_users, scim_groups, scim_group_members TO switchboard_app;
