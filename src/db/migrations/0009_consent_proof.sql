-- Admin consent proven by Microsoft (issue 12): a platform connection is `granted` only with the
-- Entra tenant (directory GUID) that Microsoft's verified ID token named, and one Entra tenant is
-- bound to at most one workspace for platform connections. The application decides what counts
-- as proof (src/core/connections/consent-service.ts); the database guarantees that no two
-- workspaces ever hold a granted platform connection to the same Entra tenant, whatever the code.
-- See docs/decisions-microsoft.md, "Consent proven by Microsoft".

-- The tenant Microsoft proved, as a GUID; set by a proven consent, cleared whenever consent is
-- not granted (trigger below). For a connection named by GUID it can only be that GUID.
ALTER TABLE provider_connections ADD COLUMN consented_tenant_id text
  CHECK (consented_tenant_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$');

-- One row per Entra tenant that some workspace's platform connection holds consent for. The app
-- role may read its own workspace's rows; every write goes through the SECURITY DEFINER trigger.
CREATE TABLE entra_tenant_bindings (
  entra_tenant_id text PRIMARY KEY CHECK (entra_tenant_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  bound_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entra_tenant_bindings_workspace ON entra_tenant_bindings (workspace_id);
ALTER TABLE entra_tenant_bindings ENABLE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON entra_tenant_bindings USING (workspace_id = switchboard_current_workspace());
GRANT SELECT ON entra_tenant_bindings TO switchboard_app;

CREATE INDEX provider_connections_platform_consented ON provider_connections (consented_tenant_id, workspace_id)
  WHERE connection_type = 'platform' AND consent_status = 'granted';

-- Consents recorded before this migration were asserted by the caller (admin_consent=True in the
-- query), not proven. Where exactly one workspace holds granted platform connections to a tenant
-- named by GUID, that is kept and bound (the ordinary case). Where several workspaces do — the
-- signature of the takeover this migration closes — or the tenant is named by a domain (whose
-- GUID was never proven), consent must be granted again through the proven flow.
UPDATE provider_connections p SET consented_tenant_id = p.entra_tenant_id
FROM (
  SELECT entra_tenant_id FROM provider_connections
  WHERE connection_type = 'platform' AND consent_status = 'granted'
    AND entra_tenant_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  GROUP BY entra_tenant_id HAVING count(DISTINCT workspace_id) = 1
) sole
WHERE p.entra_tenant_id = sole.entra_tenant_id AND p.connection_type = 'platform' AND p.consent_status = 'granted';

UPDATE provider_connections SET
  consent_status = 'required',
  status = CASE WHEN status = 'disabled' THEN status ELSE 'needs_consent' END,
  last_error_reason_code = 'ext.microsoft.consent_unproven',
  last_error_message = 'Admin consent must be granted again: consent recorded before consent was proven by Microsoft could not be attributed to this workspace alone.',
  updated_at = now()
WHERE connection_type = 'platform' AND consent_status = 'granted' AND consented_tenant_id IS NULL;

INSERT INTO entra_tenant_bindings (entra_tenant_id, workspace_id)
SELECT DISTINCT consented_tenant_id, workspace_id FROM provider_connections
WHERE connection_type = 'platform' AND consent_status = 'granted';

ALTER TABLE provider_connections
  ADD CONSTRAINT provider_connections_consented_tenant_named
    CHECK (consented_tenant_id IS NULL
      OR entra_tenant_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      OR consented_tenant_id = entra_tenant_id),
  ADD CONSTRAINT provider_connections_platform_consent_proven
    CHECK (connection_type <> 'platform' OR consent_status <> 'granted' OR consented_tenant_id IS NOT NULL);

-- Serializes everything that reads or changes one tenant's binding (xact-scoped, so a check and
-- the update that follows it in one transaction see no binding appear in between).
CREATE FUNCTION switchboard_entra_binding_lock(p_tenant text) RETURNS void
  LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(hashtextextended('switchboard:entra_tenant_binding:' || p_tenant, 0)) $$;

-- A proof belongs to the app and the state it was made for: it does not survive consent leaving
-- `granted` or the connection changing type (the other app's consent proves nothing).
CREATE FUNCTION provider_connections_consent_proof() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.consent_status <> 'granted' OR (TG_OP = 'UPDATE' AND NEW.connection_type IS DISTINCT FROM OLD.connection_type) THEN
    NEW.consented_tenant_id := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER provider_connections_consent_proof BEFORE INSERT OR UPDATE ON provider_connections
  FOR EACH ROW EXECUTE FUNCTION provider_connections_consent_proof();

-- Keeps entra_tenant_bindings in step with the granted platform connections. It runs as the
-- owner (the app role cannot see other workspaces' bindings, let alone write them): a connection
-- reaching `granted` takes the binding or, when another workspace holds it, fails with a unique
-- violation; the binding is released when its workspace has no granted platform connection to
-- the tenant any more (deleted, switched to dedicated, consent reset or revoked).
CREATE FUNCTION provider_connections_entra_binding() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  holder uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.connection_type = 'platform' AND NEW.connection_type = 'platform'
     AND OLD.consent_status = 'granted' AND NEW.consent_status = 'granted'
     AND OLD.consented_tenant_id IS NOT DISTINCT FROM NEW.consented_tenant_id AND OLD.workspace_id = NEW.workspace_id THEN
    RETURN NULL; -- nothing that decides the binding changed (health checks, renames, ...)
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.connection_type = 'platform' AND NEW.consent_status = 'granted' THEN
    PERFORM switchboard_entra_binding_lock(NEW.consented_tenant_id);
    INSERT INTO entra_tenant_bindings (entra_tenant_id, workspace_id) VALUES (NEW.consented_tenant_id, NEW.workspace_id)
      ON CONFLICT (entra_tenant_id) DO NOTHING;
    SELECT workspace_id INTO holder FROM entra_tenant_bindings WHERE entra_tenant_id = NEW.consented_tenant_id;
    IF holder IS DISTINCT FROM NEW.workspace_id THEN
      RAISE EXCEPTION 'Entra tenant % is bound to another workspace', NEW.consented_tenant_id
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'entra_tenant_bindings_pkey';
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.connection_type = 'platform' AND OLD.consent_status = 'granted' AND OLD.consented_tenant_id IS NOT NULL THEN
    PERFORM switchboard_entra_binding_lock(OLD.consented_tenant_id);
    DELETE FROM entra_tenant_bindings b
    WHERE b.entra_tenant_id = OLD.consented_tenant_id AND b.workspace_id = OLD.workspace_id
      AND NOT EXISTS (
        SELECT 1 FROM provider_connections p
        WHERE p.consented_tenant_id = OLD.consented_tenant_id AND p.workspace_id = OLD.workspace_id
          AND p.connection_type = 'platform' AND p.consent_status = 'granted');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER provider_connections_entra_binding AFTER INSERT OR UPDATE OR DELETE ON provider_connections
  FOR EACH ROW EXECUTE FUNCTION provider_connections_entra_binding();

-- The one cross-workspace question the app may ask: is this tenant bound to a workspace other
-- than the current one? (Used for the 409 on create and switch, and before recording a proven
-- consent.) It takes the tenant's lock, so the answer holds until the transaction ends.
CREATE FUNCTION switchboard_entra_tenant_bound_elsewhere(p_tenant text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM switchboard_entra_binding_lock(lower(p_tenant));
  RETURN EXISTS (
    SELECT 1 FROM entra_tenant_bindings
    WHERE entra_tenant_id = lower(p_tenant) AND workspace_id IS DISTINCT FROM switchboard_current_workspace());
END $$;
REVOKE ALL ON FUNCTION switchboard_entra_tenant_bound_elsewhere(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION switchboard_entra_tenant_bound_elsewhere(text) TO switchboard_app;
-- Only the owner's functions above take the lock.
REVOKE ALL ON FUNCTION switchboard_entra_binding_lock(text) FROM PUBLIC;
