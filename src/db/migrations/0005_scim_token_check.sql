-- The SCIM endpoint's per-request token check, for a token whose configuration this node already
-- knows (src/scim/http/auth.ts): it runs in the same round trip as BEGIN and the workspace scope,
-- after the scope (so row-level security confines it too), and raises instead of returning
-- nothing, so that the statements pipelined behind it run in an aborted transaction and fail.
-- Returns the configuration's syncToUserManagement, which may have changed since.
CREATE FUNCTION scim_require_live_token(p_hash bytea, p_configuration uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  sync boolean;
BEGIN
  SELECT c.sync_to_user_management INTO sync
  FROM scim_tokens t JOIN scim_configurations c ON c.id = t.configuration_id
  WHERE t.token_hash = p_hash AND t.configuration_id = p_configuration
    AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now());
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the SCIM token is not live' USING ERRCODE = 'SB401';
  END IF;
  RETURN sync;
END $$;
