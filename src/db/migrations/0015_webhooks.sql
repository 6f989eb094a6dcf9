-- Webhooks (issue 16): signed deliveries of what an operator must react to.
--
--   webhooks            a workspace's subscriptions: target URL, event types. The signing secret
--                       (and, during a rotation's grace period, the previous one) is sealed in the
--                       vault (record_type 'webhook', fields 'secret' / 'previous_secret').
--   webhook_events      the outbox. Written by webhook_emit() in the transaction of the change
--                       that causes the event: the triggers below call it from the tables whose
--                       changes are events, so no code path (request, worker, reaper, SCIM) can
--                       change one without writing its event, and an event never exists for a
--                       change that rolled back. One sequence per (workspace, scope).
--   webhook_deliveries  one row per (webhook, event): the delivery state machine the dispatcher
--                       (src/core/webhooks/dispatcher.ts) works under leases.
-- Nothing here holds a secret: payloads are built from non-secret columns only.

-- The event types a subscription may name (src/core/webhooks/event-types.ts keeps the same list;
-- a test compares them).
CREATE FUNCTION webhook_event_types() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['operation_run.started', 'operation_run.completed', 'provider_connection.health_changed',
    'provider_connection.consent_changed', 'integration.verification_failed', 'integration.credentials_rotated',
    'scim.user.provisioned', 'scim.user.deprovisioned', 'scim.user.deleted', 'scim.group.changed', 'audit.chain_problem', 'webhook.paused']::text[]
$$;

CREATE TABLE webhooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2048 AND url ~ '^https?://'),
  events text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 50 AND events <@ webhook_event_types()),
  description text CHECK (length(description) <= 500),
  enabled boolean NOT NULL DEFAULT true,
  -- The vault's fingerprint of the current secret: changes with every rotation.
  secret_fingerprint text NOT NULL,
  -- Until when the previous secret still signs (both signatures are sent); null: no previous secret.
  previous_secret_expires_at timestamptz,
  -- Since when every attempt failed (cleared by a success); past the pause threshold the webhook
  -- is paused: no deliveries are made or sent until it is enabled again (PATCH enabled: true).
  failing_since timestamptz,
  paused_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, workspace_id)
);
CREATE INDEX webhooks_workspace_created ON webhooks (workspace_id, created_at, id);

-- The last sequence number given out per (workspace, scope); the row lock orders writers of one scope.
CREATE TABLE webhook_event_scopes (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  scope_key text NOT NULL,
  last_sequence bigint NOT NULL CHECK (last_sequence >= 1),
  PRIMARY KEY (workspace_id, scope_key)
);

CREATE TABLE webhook_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type = ANY (webhook_event_types())),
  scope_key text NOT NULL CHECK (length(scope_key) BETWEEN 1 AND 300),
  sequence bigint NOT NULL CHECK (sequence >= 1),
  payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, scope_key, sequence),
  UNIQUE (id, workspace_id)
);
CREATE INDEX webhook_events_workspace_created ON webhook_events (workspace_id, created_at);

-- An event is a fact: it is never edited (it goes with its workspace).
CREATE FUNCTION webhook_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'webhook_events rows cannot change' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER webhook_events_immutable BEFORE UPDATE ON webhook_events FOR EACH ROW EXECUTE FUNCTION webhook_events_immutable();

-- pending: not tried yet; failed: the last attempt failed and another is due at next_attempt_at;
-- succeeded: a 2xx came back; dead: the retry window passed (visible, redeliverable).
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  webhook_id uuid NOT NULL,
  event_id uuid NOT NULL,
  -- Copied from the event: the dispatcher orders one (webhook, scope) by sequence.
  scope_key text NOT NULL,
  sequence bigint NOT NULL CHECK (sequence >= 1),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_response_code integer CHECK (last_response_code BETWEEN 100 AND 599),
  -- A stable code for the last failure (http_status, timeout, network, private_address_refused, …); never a body.
  last_error text CHECK (length(last_error) <= 100),
  latency_ms integer CHECK (latency_ms >= 0),
  next_attempt_at timestamptz,
  -- Held by a dispatcher while an attempt is in flight; an expired lease (a killed worker) is taken over.
  lease_token uuid,
  leased_until timestamptz,
  -- Retries stop this long after it (configuration): the first attempt, or the last redelivery.
  window_started_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (webhook_id, workspace_id) REFERENCES webhooks (id, workspace_id) ON DELETE CASCADE,
  FOREIGN KEY (event_id, workspace_id) REFERENCES webhook_events (id, workspace_id) ON DELETE CASCADE,
  UNIQUE (webhook_id, event_id),
  CONSTRAINT webhook_deliveries_due_when_open CHECK ((status IN ('pending', 'failed')) = (next_attempt_at IS NOT NULL)),
  CONSTRAINT webhook_deliveries_lease_pair CHECK ((lease_token IS NULL) = (leased_until IS NULL)),
  CONSTRAINT webhook_deliveries_lease_only_open CHECK (status IN ('pending', 'failed') OR lease_token IS NULL),
  CONSTRAINT webhook_deliveries_delivered CHECK ((status = 'succeeded') = (delivered_at IS NOT NULL)),
  CONSTRAINT webhook_deliveries_attempted CHECK (status = 'pending' OR attempts >= 1)
);
CREATE INDEX webhook_deliveries_open ON webhook_deliveries (webhook_id, scope_key, sequence) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (leased_until) WHERE lease_token IS NOT NULL;
CREATE INDEX webhook_deliveries_webhook_created ON webhook_deliveries (webhook_id, created_at DESC, id DESC);

-- Who made the change: request transactions set switchboard.actor_type / actor_id
-- (src/core/access/in-workspace.ts); anything else is the system.
CREATE FUNCTION switchboard_current_actor() RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'type', coalesce(nullif(current_setting('switchboard.actor_type', true), ''), 'system'),
    'id', coalesce(nullif(current_setting('switchboard.actor_id', true), ''), 'switchboard'))
$$;

-- Writes one event and a delivery for every enabled subscription of its type, in the caller's
-- transaction. Nothing is written when no subscription wants the type (the hot paths then pay
-- one indexed lookup). Returns the number of deliveries created.
CREATE FUNCTION webhook_emit(p_workspace uuid, p_type text, p_scope text, p_target jsonb, p_actor jsonb, p_data jsonb) RETURNS integer
  LANGUAGE plpgsql AS $$
DECLARE
  seq bigint;
  eid uuid := gen_random_uuid();
  n integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks WHERE workspace_id = p_workspace AND enabled AND paused_at IS NULL AND p_type = ANY (events)) THEN
    RETURN 0;
  END IF;
  INSERT INTO webhook_event_scopes AS s (workspace_id, scope_key, last_sequence) VALUES (p_workspace, p_scope, 1)
    ON CONFLICT (workspace_id, scope_key) DO UPDATE SET last_sequence = s.last_sequence + 1
    RETURNING last_sequence INTO seq;
  INSERT INTO webhook_events (id, workspace_id, type, scope_key, sequence, payload)
    VALUES (eid, p_workspace, p_type, p_scope, seq,
      coalesce(p_data, '{}') || jsonb_build_object('event_id', eid, 'workspace_id', p_workspace, 'scope', p_scope, 'sequence', seq,
        'target', p_target, 'actor', coalesce(p_actor, switchboard_current_actor())));
  INSERT INTO webhook_deliveries (workspace_id, webhook_id, event_id, scope_key, sequence, next_attempt_at)
    SELECT p_workspace, w.id, eid, p_scope, seq, now() FROM webhooks w
    WHERE w.workspace_id = p_workspace AND w.enabled AND w.paused_at IS NULL AND p_type = ANY (w.events);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

-- Sources -------------------------------------------------------------------------------------

-- Operation runs: started (queued → running) and completed (any outcome, blocked runs included).
-- Scope: the run's target (a connection's runs arrive in order), else the run itself.
CREATE FUNCTION webhook_events_from_runs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text;
  run jsonb;
BEGIN
  IF NEW.status = 'running' AND TG_OP = 'UPDATE' AND OLD.status = 'queued' THEN
    kind := 'operation_run.started';
  ELSIF NEW.status = 'completed' AND (TG_OP = 'INSERT' OR OLD.status <> 'completed') THEN
    kind := 'operation_run.completed';
  ELSE
    RETURN NULL;
  END IF;
  run := jsonb_build_object('id', NEW.id::text, 'type', NEW.type, 'status', NEW.status, 'outcome', NEW.outcome,
    'reason_code', NEW.reason_code, 'failure_summary', NEW.failure_summary, 'tenant_id', NEW.tenant_id::text,
    'target', CASE WHEN NEW.target_type IS NULL THEN NULL ELSE jsonb_build_object('type', NEW.target_type, 'id', NEW.target_id) END,
    'started_at', NEW.started_at, 'completed_at', NEW.completed_at);
  PERFORM webhook_emit(NEW.workspace_id, kind,
    CASE WHEN NEW.target_type IS NULL THEN 'operation_run:' || NEW.id ELSE NEW.target_type || ':' || NEW.target_id END,
    jsonb_build_object('type', 'operation_run', 'id', NEW.id::text),
    jsonb_build_object('type', NEW.initiator_type, 'id', NEW.initiator_id),
    CASE WHEN kind = 'operation_run.completed'
      THEN jsonb_build_object('run', run, 'outcome', NEW.outcome, 'reason', NEW.reason_code)
      ELSE jsonb_build_object('run', run) END);
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_events_from_runs AFTER INSERT OR UPDATE OF status ON operation_runs
  FOR EACH ROW EXECUTE FUNCTION webhook_events_from_runs();

-- Provider connections: health (down and recovered, every change) and consent.
CREATE FUNCTION webhook_events_from_connections() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  conn jsonb := jsonb_build_object('id', NEW.id, 'tenant_id', NEW.tenant_id::text, 'provider', NEW.provider,
    'entra_tenant_id', NEW.entra_tenant_id, 'display_name', NEW.display_name, 'connection_type', NEW.connection_type, 'status', NEW.status);
  target jsonb := jsonb_build_object('type', 'provider_connection', 'id', NEW.id);
  scope text := 'provider_connection:' || NEW.id;
BEGIN
  IF NEW.health_status IS DISTINCT FROM OLD.health_status THEN
    PERFORM webhook_emit(NEW.workspace_id, 'provider_connection.health_changed', scope, target, NULL,
      jsonb_build_object('connection', conn, 'from', OLD.health_status, 'to', NEW.health_status,
        'change', CASE WHEN NEW.health_status = 'down' THEN 'down' WHEN OLD.health_status IN ('down', 'degraded') AND NEW.health_status = 'ok' THEN 'recovered' ELSE NEW.health_status END,
        'reason_code', NEW.last_error_reason_code));
  END IF;
  IF NEW.consent_status IS DISTINCT FROM OLD.consent_status THEN
    PERFORM webhook_emit(NEW.workspace_id, 'provider_connection.consent_changed', scope, target, NULL,
      jsonb_build_object('connection', conn, 'from', OLD.consent_status, 'to', NEW.consent_status));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_events_from_connections AFTER UPDATE OF health_status, consent_status ON provider_connections
  FOR EACH ROW EXECUTE FUNCTION webhook_events_from_connections();

-- Integrations: a verification that failed, credentials replaced (field names only, never hints).
CREATE FUNCTION webhook_events_from_integrations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  integ jsonb := jsonb_build_object('id', NEW.id, 'provider', NEW.provider, 'category', NEW.category, 'auth_type', NEW.auth_type, 'revision', NEW.revision);
  target jsonb := jsonb_build_object('type', 'integration', 'id', NEW.id);
  scope text := 'integration:' || NEW.id;
BEGIN
  IF NEW.credential_hints IS DISTINCT FROM OLD.credential_hints THEN
    PERFORM webhook_emit(NEW.workspace_id, 'integration.credentials_rotated', scope, target, NULL,
      jsonb_build_object('integration', integ, 'fields', (SELECT coalesce(jsonb_agg(k ORDER BY k), '[]') FROM jsonb_object_keys(NEW.credential_hints) k)));
  END IF;
  IF NEW.verification_status = 'failed' AND (OLD.verification_status <> 'failed' OR NEW.verified_at IS DISTINCT FROM OLD.verified_at) THEN
    PERFORM webhook_emit(NEW.workspace_id, 'integration.verification_failed', scope, target, NULL,
      jsonb_build_object('integration', integ, 'reason_code', NEW.verification_reason_code, 'previous_status', OLD.verification_status));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_events_from_integrations AFTER UPDATE ON integrations
  FOR EACH ROW EXECUTE FUNCTION webhook_events_from_integrations();

-- SCIM users: provisioned (created, or active again), deprovisioned (active → false), deleted.
-- The actor is the SCIM configuration (the identity provider's client).
CREATE FUNCTION webhook_events_from_scim_users() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  usr jsonb;
  kind text;
BEGIN
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.active AND NOT OLD.active) THEN
    kind := 'scim.user.provisioned';
  ELSIF TG_OP = 'UPDATE' AND OLD.active AND NOT NEW.active THEN
    kind := 'scim.user.deprovisioned';
  ELSIF TG_OP = 'DELETE' THEN
    kind := 'scim.user.deleted';
  ELSE
    RETURN NULL;
  END IF;
  usr := jsonb_build_object('id', r.id, 'configuration_id', r.configuration_id, 'user_name', r.user_name, 'external_id', r.external_id,
    'active', r.active, 'member_id', r.member_id);
  PERFORM webhook_emit(r.workspace_id, kind, 'scim_user:' || r.id, jsonb_build_object('type', 'scim_user', 'id', r.id),
    jsonb_build_object('type', 'scim_configuration', 'id', r.configuration_id), jsonb_build_object('user', usr));
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_events_from_scim_users AFTER INSERT OR UPDATE OF active OR DELETE ON scim_users
  FOR EACH ROW EXECUTE FUNCTION webhook_events_from_scim_users();

CREATE FUNCTION webhook_events_from_scim_groups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.display_name IS NOT DISTINCT FROM OLD.display_name AND NEW.external_id IS NOT DISTINCT FROM OLD.external_id THEN
    RETURN NULL;
  END IF;
  PERFORM webhook_emit(r.workspace_id, 'scim.group.changed', 'scim_group:' || r.id, jsonb_build_object('type', 'scim_group', 'id', r.id),
    jsonb_build_object('type', 'scim_configuration', 'id', r.configuration_id),
    jsonb_build_object('change', CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END,
      'group', jsonb_build_object('id', r.id, 'configuration_id', r.configuration_id, 'display_name', r.display_name, 'external_id', r.external_id)));
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_events_from_scim_groups AFTER INSERT OR UPDATE OR DELETE ON scim_groups
  FOR EACH ROW EXECUTE FUNCTION webhook_events_from_scim_groups();

-- Membership: one event per group and statement (a 10,000-member PATCH is one event), with counts.
-- A group that went away in the same statement already said so itself.
CREATE FUNCTION webhook_events_from_scim_members() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  g record;
BEGIN
  FOR g IN
    SELECT c.group_id, c.workspace_id, c.configuration_id, grp.display_name, grp.external_id, count(*) AS n
    FROM changed c JOIN scim_groups grp ON grp.id = c.group_id
    GROUP BY c.group_id, c.workspace_id, c.configuration_id, grp.display_name, grp.external_id
  LOOP
    PERFORM webhook_emit(g.workspace_id, 'scim.group.changed', 'scim_group:' || g.group_id, jsonb_build_object('type', 'scim_group', 'id', g.group_id),
      jsonb_build_object('type', 'scim_configuration', 'id', g.configuration_id),
      jsonb_build_object('change', 'members',
        'group', jsonb_build_object('id', g.group_id, 'configuration_id', g.configuration_id, 'display_name', g.display_name, 'external_id', g.external_id),
        'members_added', CASE WHEN TG_OP = 'INSERT' THEN g.n ELSE 0 END,
        'members_removed', CASE WHEN TG_OP = 'DELETE' THEN g.n ELSE 0 END));
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_events_from_scim_members_added AFTER INSERT ON scim_group_members
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_from_scim_members();
CREATE TRIGGER webhook_events_from_scim_members_removed AFTER DELETE ON scim_group_members
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_from_scim_members();

-- Row-level security, as on every workspace-owned table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['webhooks', 'webhook_event_scopes', 'webhook_events', 'webhook_deliveries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY workspace_isolation ON %I USING (workspace_id = switchboard_current_workspace()) WITH CHECK (workspace_id = switchboard_current_workspace())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks TO switchboard_app;
GRANT SELECT, INSERT, UPDATE ON webhook_event_scopes TO switchboard_app;
GRANT SELECT, INSERT ON webhook_events TO switchboard_app;
-- Redelivery resets a delivery; rows go with their webhook.
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO switchboard_app;
