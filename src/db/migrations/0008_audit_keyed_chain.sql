-- An audit trail the database owner cannot silently rewrite (issue 12).
--
-- * Keyed chain: every new event's `hash` is an HMAC-SHA-256 under an audit key derived from the
--   keyring (never stored here); `key_version` names the keyring version. Rows written before
--   this migration keep key_version NULL: unkeyed SHA-256, verifiable only as a chain's prefix.
-- * The application role appends only through the SECURITY DEFINER functions below; it has no
--   UPDATE, DELETE or TRUNCATE on either audit table, nor any right on the chain heads.
-- * TRUNCATE of the audit tables is refused for every role that is not the table's owner, even
--   one granted TRUNCATE by mistake (the owner's TRUNCATE is what signed checkpoints detect).
-- * Refused accesses are aggregated per (principal, action, minute) in audit_denial_buckets.

ALTER TABLE audit_events ADD COLUMN key_version integer CHECK (key_version >= 1);

REVOKE ALL ON audit_chain_heads FROM switchboard_app, PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM switchboard_app, PUBLIC;
-- SELECT on audit_events stays: the audit-log API reads a workspace's rows under row-level security.

CREATE FUNCTION audit_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Membership in the owning role is what confers owner rights in PostgreSQL.
  IF NOT pg_catalog.pg_has_role(current_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RAISE EXCEPTION '% may only be truncated by its owner', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();

-- Who may write a chain: inside a workspace transaction only that workspace's chain (the same
-- scope row-level security uses); without one, only a role that is a member of the audit table's
-- owner (the service's own connection: migrations, workers, the vendor chain). Called from the
-- SECURITY DEFINER functions, where current_user is the owner: the invoker is the `role` setting
-- (SET ROLE / set_config('role')) or else the session user.
CREATE FUNCTION audit_assert_chain_writable(p_chain text) RETURNS void LANGUAGE plpgsql STABLE AS $$
DECLARE
  ws uuid := switchboard_current_workspace();
  invoker text := CASE current_setting('role') WHEN 'none' THEN session_user::text ELSE current_setting('role') END;
BEGIN
  IF ws IS NOT NULL THEN
    IF p_chain IS DISTINCT FROM ws::text THEN
      RAISE EXCEPTION 'a workspace transaction may only append to its own audit chain' USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSIF NOT pg_catalog.pg_has_role(invoker, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = 'audit_events'::regclass), 'MEMBER') THEN
    RAISE EXCEPTION 'only the service''s own role may append outside a workspace' USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

-- Step 1 of an append: lock the chain's head (concurrent appenders in one workspace queue here,
-- so the chain stays linear) and hand back the next sequence number and the previous MAC. The
-- head itself moves only in audit_commit, so a reservation that is never committed leaves no gap.
CREATE FUNCTION audit_reserve(p_chain text, OUT next_seq bigint, OUT prev_mac bytea)
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  PERFORM audit_assert_chain_writable(p_chain);
  SELECT h.seq + 1, h.hash INTO next_seq, prev_mac FROM audit_chain_heads h WHERE h.chain = p_chain FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (p_chain, 0, decode(repeat('00', 32), 'hex')) ON CONFLICT (chain) DO NOTHING;
    SELECT h.seq + 1, h.hash INTO next_seq, prev_mac FROM audit_chain_heads h WHERE h.chain = p_chain FOR UPDATE;
  END IF;
END $$;

-- Step 2: insert the event and advance the head, only if the head is still where the caller's
-- reservation found it (same sequence, same previous MAC). New events are always keyed.
CREATE FUNCTION audit_commit(
  p_chain text, p_seq bigint, p_prev bytea, p_mac bytea, p_key_version integer,
  p_workspace_id uuid, p_occurred_at timestamptz, p_actor_type text, p_actor_id text, p_action text,
  p_target_type text, p_target_id text, p_outcome text, p_request_id text, p_metadata jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_id bigint;
BEGIN
  PERFORM audit_assert_chain_writable(p_chain);
  IF p_chain IS DISTINCT FROM coalesce(p_workspace_id::text, '') THEN
    RAISE EXCEPTION 'an event belongs to its workspace''s chain' USING ERRCODE = 'check_violation';
  END IF;
  IF p_key_version IS NULL OR length(p_mac) <> 32 THEN
    RAISE EXCEPTION 'new audit events carry a keyed MAC and its key version' USING ERRCODE = 'check_violation';
  END IF;
  UPDATE audit_chain_heads SET seq = p_seq, hash = p_mac WHERE chain = p_chain AND seq = p_seq - 1 AND hash = p_prev;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain head moved: not at seq % with the given previous MAC', p_seq - 1 USING ERRCODE = 'serialization_failure';
  END IF;
  INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, actor_id, action, target_type, target_id, outcome, request_id, metadata, prev_hash, hash, key_version)
  VALUES (p_chain, p_seq, p_workspace_id, p_occurred_at, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id, p_outcome, p_request_id, coalesce(p_metadata, '{}'), p_prev, p_mac, p_key_version)
  RETURNING id INTO v_id;
  RETURN v_id;
END $$;

-- Refused accesses, aggregated: one row per (chain, principal, action, minute). The first denial
-- of a bucket is audited at once; a sweep writes one summary row per closed bucket holding more.
CREATE TABLE audit_denial_buckets (
  chain text NOT NULL,
  workspace_id uuid REFERENCES workspaces(id) ON DELETE CASCADE,
  actor_type text NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  minute timestamptz NOT NULL,
  count integer NOT NULL CHECK (count >= 1),
  first_request_id text,
  PRIMARY KEY (chain, actor_type, actor_id, action, minute),
  CHECK (chain = coalesce(workspace_id::text, ''))
);
CREATE INDEX audit_denial_buckets_minute ON audit_denial_buckets (minute);
REVOKE ALL ON audit_denial_buckets FROM switchboard_app, PUBLIC;
CREATE TRIGGER audit_denial_buckets_no_truncate BEFORE TRUNCATE ON audit_denial_buckets
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();

-- Does any of these ids name a record of another workspace? Over the id-bearing records the
-- routes take in their paths. Only a yes/no ever leaves this function, and only to the service.
CREATE FUNCTION audit_ids_elsewhere(p_workspace uuid, p_uuids uuid[], p_ints bigint[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = ANY (p_uuids) AND id <> p_workspace)
      OR EXISTS (SELECT 1 FROM provider_connections WHERE id = ANY (p_uuids) AND workspace_id <> p_workspace)
      OR EXISTS (SELECT 1 FROM integrations WHERE id = ANY (p_uuids) AND workspace_id <> p_workspace)
      OR EXISTS (SELECT 1 FROM api_tokens WHERE id = ANY (p_uuids) AND workspace_id IS DISTINCT FROM p_workspace)
      OR EXISTS (SELECT 1 FROM members WHERE id = ANY (p_uuids) AND workspace_id <> p_workspace)
      OR EXISTS (SELECT 1 FROM scim_configurations WHERE id = ANY (p_uuids) AND workspace_id <> p_workspace)
      OR EXISTS (SELECT 1 FROM projects WHERE id = ANY (p_uuids) AND workspace_id <> p_workspace)
      OR EXISTS (SELECT 1 FROM tenants WHERE id = ANY (p_ints) AND workspace_id <> p_workspace)
      OR EXISTS (SELECT 1 FROM operation_runs WHERE id = ANY (p_ints) AND workspace_id <> p_workspace)
      OR EXISTS (SELECT 1 FROM provider_connections WHERE number = ANY (p_ints) AND workspace_id <> p_workspace)
$$;

-- Counts one refused access in the caller's own bucket (the chain of the transaction's workspace,
-- or the vendor chain outside one) and returns the bucket's count: 1 means "audit it now".
-- With probe ids (a 404 on an id-bearing route) it counts only when an id exists in another
-- workspace, and returns 0 otherwise: a plain miss is not an attempt on someone else's record.
CREATE FUNCTION audit_note_denial(p_actor_type text, p_actor_id text, p_action text, p_request_id text, p_probe_uuids uuid[], p_probe_ints bigint[])
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  ws uuid := switchboard_current_workspace();
  v_chain text := coalesce(ws::text, '');
  v_count integer;
BEGIN
  PERFORM audit_assert_chain_writable(v_chain);
  IF p_probe_uuids IS NOT NULL OR p_probe_ints IS NOT NULL THEN
    IF ws IS NULL OR NOT audit_ids_elsewhere(ws, coalesce(p_probe_uuids, '{}'), coalesce(p_probe_ints, '{}')) THEN
      RETURN 0;
    END IF;
  END IF;
  INSERT INTO audit_denial_buckets AS b (chain, workspace_id, actor_type, actor_id, action, minute, count, first_request_id)
  VALUES (v_chain, ws, p_actor_type, coalesce(p_actor_id, ''), p_action, date_trunc('minute', now()), 1, p_request_id)
  ON CONFLICT (chain, actor_type, actor_id, action, minute) DO UPDATE SET count = b.count + 1
  RETURNING b.count INTO v_count;
  RETURN v_count;
END $$;

-- A fixed search_path (pg_catalog first, then the schema the tables were created in, pg_temp
-- last) on every function a role other than the owner runs, so no object another role creates can
-- stand in for ours. The two helpers are called only from inside those functions (no one else may
-- execute them) and run with their path; without a SET clause of their own they cost no extra GUC
-- save and restore per append (appends are on the audited-read hot path).
DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'audit_refuse_truncate()', 'audit_reserve(text)',
    'audit_commit(text, bigint, bytea, bytea, integer, uuid, timestamptz, text, text, text, text, text, text, text, jsonb)',
    'audit_note_denial(text, text, text, text, uuid[], bigint[])'
  ] LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, %I, pg_temp', f, current_schema());
  END LOOP;
  -- Only the service's roles call these (a trigger function is checked when the trigger is made).
  FOREACH f IN ARRAY ARRAY[
    'audit_assert_chain_writable(text)', 'audit_reserve(text)', 'audit_ids_elsewhere(uuid, uuid[], bigint[])',
    'audit_commit(text, bigint, bytea, bytea, integer, uuid, timestamptz, text, text, text, text, text, text, text, jsonb)',
    'audit_note_denial(text, text, text, text, uuid[], bigint[])'
  ] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION audit_reserve(text) TO switchboard_app;
GRANT EXECUTE ON FUNCTION audit_commit(text, bigint, bytea, bytea, integer, uuid, timestamptz, text, text, text, text, text, text, text, jsonb) TO switchboard_app;
GRANT EXECUTE ON FUNCTION audit_note_denial(text, text, text, text, uuid[], bigint[]) TO switchboard_app;
