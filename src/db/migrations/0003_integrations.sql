-- Integrations store (contracts/integrations.yaml): credentials for outside services, global or
-- scoped to registered projects, at most one default per provider category. The invariants the
-- contract states are enforced here, so they hold with several API nodes:
--   * provider / auth type are the contract's names; the category is derived by the database
--     (the five AI providers share 'ai', both Azure DevOps spellings share 'azure-devops');
--   * only a global integration can be default, one default per (workspace, category);
--   * an integration is global XOR scoped to at least one project (a deferred check, so the
--     integration row and its project links can be written in one transaction);
--   * at most one project-scoped integration per (project, provider) — the resolution
--     "project-scoped first, else the category default" never has to choose between two;
--   * provider, auth type and scope never change after creation.
-- The credentials themselves live in the vault (one sealed JSON blob per integration,
-- record_type 'integration', field 'credentials'); this table only keeps what may be shown.

-- Lets the link table reference a project together with its workspace (no cross-workspace links).
ALTER TABLE projects ADD CONSTRAINT projects_id_workspace UNIQUE (id, workspace_id);

CREATE TABLE integrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN (
    'github', 'azuredevops', 'jfrog', 'gitlab', 'npm', 'github_packages', 'jira', 'azure-devops',
    'ai_anthropic', 'ai_openai', 'ai_google', 'ai_github_copilot', 'ai_amazon_bedrock',
    'datadog', 'newrelic', 'splunk')),
  -- One name per real provider: the contract's two spellings of Azure DevOps are one provider.
  provider_key text GENERATED ALWAYS AS (CASE provider WHEN 'azuredevops' THEN 'azure-devops' ELSE provider END) STORED,
  category text GENERATED ALWAYS AS (CASE
    WHEN provider IN ('ai_anthropic', 'ai_openai', 'ai_google', 'ai_github_copilot', 'ai_amazon_bedrock') THEN 'ai'
    WHEN provider = 'azuredevops' THEN 'azure-devops'
    ELSE provider END) STORED,
  auth_type text NOT NULL CHECK (auth_type IN (
    'pat', 'oauth', 'app', 'basic', 'basic_auth', 'oauth_client_credentials', 'service_principal', 'api_key', 'bearer')),
  is_global boolean NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  config jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
  -- Per secret field: {"<field>": {"fingerprint": "...", "last4": "abcd" | null}}, computed at seal time.
  credential_hints jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(credential_hints) = 'object'),
  -- The origins (scheme://host:port) the credential was stored for; outbound calls carrying it
  -- anywhere else are refused, even if operator base URLs change later.
  credential_origins text[] NOT NULL CHECK (cardinality(credential_origins) >= 1),
  -- Bumped whenever credentials or config change, so a verification result for an older
  -- revision is never recorded as current.
  revision integer NOT NULL DEFAULT 1,
  verification_status text NOT NULL DEFAULT 'unverified' CHECK (verification_status IN ('unverified', 'verified', 'failed')),
  verification_reason_code text,
  verification_message text,
  verified_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT integrations_default_is_global CHECK (NOT is_default OR is_global),
  CONSTRAINT integrations_verification_consistent CHECK ((verification_status = 'unverified') = (verified_at IS NULL)),
  UNIQUE (id, workspace_id, provider_key)
);
CREATE UNIQUE INDEX integrations_one_default_per_category ON integrations (workspace_id, category) WHERE is_default;
CREATE INDEX integrations_workspace_created ON integrations (workspace_id, created_at, id);
CREATE INDEX integrations_workspace_provider ON integrations (workspace_id, provider, created_at, id);

CREATE TABLE integration_projects (
  integration_id uuid NOT NULL,
  project_id uuid NOT NULL,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  provider_key text NOT NULL,
  PRIMARY KEY (integration_id, project_id),
  -- Carrying provider_key through the foreign key keeps it equal to the integration's.
  FOREIGN KEY (integration_id, workspace_id, provider_key) REFERENCES integrations (id, workspace_id, provider_key) ON DELETE CASCADE,
  -- NO ACTION (not CASCADE): a project still used by an integration cannot be removed under it.
  FOREIGN KEY (project_id, workspace_id) REFERENCES projects (id, workspace_id),
  CONSTRAINT integration_projects_one_per_project_provider UNIQUE (project_id, provider_key)
);
CREATE INDEX integration_projects_workspace ON integration_projects (workspace_id);

-- Global XOR at least one project. Deferred to commit so the row and its links go in together;
-- also fires when a link is removed, so the last project of a scoped integration cannot go.
CREATE FUNCTION integrations_scope_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  iid uuid;
  global boolean;
  linked boolean;
BEGIN
  -- Separate branches: PL/pgSQL resolves a record's fields when the statement is planned.
  IF TG_TABLE_NAME = 'integrations' THEN
    iid := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    iid := OLD.integration_id;
  ELSE
    iid := NEW.integration_id;
  END IF;
  SELECT is_global INTO global FROM integrations WHERE id = iid;
  IF NOT FOUND THEN RETURN NULL; END IF; -- the integration itself was deleted
  linked := EXISTS (SELECT 1 FROM integration_projects WHERE integration_id = iid);
  IF global AND linked THEN
    RAISE EXCEPTION 'a global integration cannot be scoped to projects' USING ERRCODE = 'check_violation', CONSTRAINT = 'integrations_scope';
  END IF;
  IF NOT global AND NOT linked THEN
    RAISE EXCEPTION 'a project-scoped integration needs at least one project' USING ERRCODE = 'check_violation', CONSTRAINT = 'integrations_scope';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER integrations_scope AFTER INSERT OR UPDATE OF is_global ON integrations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION integrations_scope_check();
CREATE CONSTRAINT TRIGGER integration_projects_scope AFTER INSERT OR DELETE ON integration_projects
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION integrations_scope_check();

-- The contract's immutable fields.
CREATE FUNCTION integrations_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.provider IS DISTINCT FROM OLD.provider OR NEW.auth_type IS DISTINCT FROM OLD.auth_type
     OR NEW.is_global IS DISTINCT FROM OLD.is_global OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id THEN
    RAISE EXCEPTION 'provider, authType and scope of an integration cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'integrations_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER integrations_immutable BEFORE UPDATE ON integrations FOR EACH ROW EXECUTE FUNCTION integrations_immutable();

ALTER TABLE integrations ENABLE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON integrations
  USING (workspace_id = switchboard_current_workspace()) WITH CHECK (workspace_id = switchboard_current_workspace());
ALTER TABLE integration_projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON integration_projects
  USING (workspace_id = switchboard_current_workspace()) WITH CHECK (workspace_id = switchboard_current_workspace());

GRANT SELECT, INSERT, UPDATE, DELETE ON integrations TO switchboard_app;
-- Links are never updated: scope is immutable (rows go with their integration).
GRANT SELECT, INSERT, DELETE ON integration_projects TO switchboard_app;
