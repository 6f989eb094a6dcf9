-- Token lineage and member lifecycle (issue 12): a token is never wider, longer-lived or
-- longer-living than the principal that made it, and members can leave. The service checks
-- every rule first and answers with a stable error; the triggers below hold the same rules for
-- any writer (a bug, a race between a mint and a revocation, a hand-written INSERT).

-- The maker of a token: the token it was minted with (NULL for the vendor, an OIDC session, or a
-- token older than this migration) and the member on whose authority it was made (the member of
-- a member token, inherited down through application tokens; an OIDC session's member).
ALTER TABLE api_tokens ADD COLUMN parent_token_id uuid;
ALTER TABLE api_tokens ADD COLUMN created_by_member_id uuid;

-- Best effort for tokens made before lineage was recorded: `created_by` names the actor.
UPDATE api_tokens t SET created_by_member_id = m.id
FROM members m
WHERE t.created_by LIKE 'member:%' AND m.id::text = substring(t.created_by FROM 8) AND m.workspace_id = t.workspace_id;
UPDATE api_tokens t SET parent_token_id = p.id, created_by_member_id = coalesce(t.created_by_member_id, CASE WHEN p.kind = 'member' THEN p.member_id ELSE p.created_by_member_id END)
FROM api_tokens p
WHERE t.created_by LIKE 'token:%' AND p.id::text = substring(t.created_by FROM 7) AND p.workspace_id = t.workspace_id AND p.id <> t.id;

-- Composite keys: a parent and a maker member are always of the token's own workspace.
CREATE UNIQUE INDEX api_tokens_id_workspace_key ON api_tokens (id, workspace_id);
ALTER TABLE api_tokens
  ADD CONSTRAINT api_tokens_parent_fkey FOREIGN KEY (parent_token_id, workspace_id)
    REFERENCES api_tokens (id, workspace_id) ON DELETE SET NULL (parent_token_id),
  ADD CONSTRAINT api_tokens_created_by_member_fkey FOREIGN KEY (created_by_member_id, workspace_id)
    REFERENCES members (id, workspace_id) ON DELETE SET NULL (created_by_member_id),
  ADD CONSTRAINT api_tokens_parent_not_self CHECK (parent_token_id <> id);
CREATE INDEX api_tokens_parent ON api_tokens (parent_token_id) WHERE parent_token_id IS NOT NULL;
CREATE INDEX api_tokens_created_by_member ON api_tokens (created_by_member_id) WHERE created_by_member_id IS NOT NULL;
CREATE INDEX api_tokens_member ON api_tokens (member_id) WHERE member_id IS NOT NULL;
-- `switchboard vendor-token rotate` replaces the vendor token; there is never more than one live.
CREATE UNIQUE INDEX api_tokens_one_live_vendor ON api_tokens (kind) WHERE kind = 'vendor' AND revoked_at IS NULL;

-- Who disabled a member: SCIM re-enables only the members it disabled itself, never one an
-- owner or admin disabled by hand.
ALTER TABLE members ADD COLUMN disabled_by text CHECK (disabled_by IN ('manual', 'scim'));
UPDATE members SET disabled_by = CASE WHEN source LIKE 'scim:%' THEN 'scim' ELSE 'manual' END WHERE disabled_at IS NOT NULL;

-- Whether a SCIM group mapping may make owners in this workspace; only an owner turns it on.
ALTER TABLE workspaces ADD COLUMN scim_owner_mapping_allowed boolean NOT NULL DEFAULT false;
GRANT UPDATE (scim_owner_mapping_allowed) ON workspaces TO switchboard_app;

-- Member emails: lower-cased and without white space anywhere (Unicode spaces included), so
-- "owner@a.test " from an identity provider is the member owner@a.test, never a look-alike.
CREATE FUNCTION switchboard_fold_email(raw text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(regexp_replace(raw, '^[[:space:]\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+|[[:space:]\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$', '', 'g'))
$$;

-- The member email an identity provider's value stands for: folded, and shaped like an address
-- with no white space inside (else NULL: no member is made from it).
CREATE FUNCTION switchboard_member_email(raw text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN f ~ '^[^@[:space:]\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+@[^@[:space:]\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$'
              AND length(f) <= 320 THEN f END
  FROM (SELECT switchboard_fold_email(raw) AS f) AS folded
$$;

-- Look-alikes made before this migration lose access (their tokens too); they cannot be renamed
-- safely, since the real member may exist.
UPDATE members SET disabled_at = coalesce(disabled_at, now()), disabled_by = coalesce(disabled_by, 'manual')
WHERE email ~ '[[:space:]\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]';
UPDATE api_tokens t SET revoked_at = now()
FROM members m WHERE m.disabled_at IS NOT NULL AND t.revoked_at IS NULL AND (t.member_id = m.id OR t.created_by_member_id = m.id);

CREATE FUNCTION members_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.email IS DISTINCT FROM OLD.email THEN
    IF NEW.email ~ '[[:space:]\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]' THEN
      RAISE EXCEPTION 'a member email carries no white space' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  -- A SCIM-provisioned member becomes an owner only where an owner allowed it.
  IF NEW.role = 'owner' AND NEW.source LIKE 'scim:%'
     AND (TG_OP = 'INSERT' OR OLD.role <> 'owner' OR OLD.source IS DISTINCT FROM NEW.source)
     AND NOT coalesce((SELECT w.scim_owner_mapping_allowed FROM workspaces w WHERE w.id = NEW.workspace_id), false) THEN
    RAISE EXCEPTION 'a SCIM group mapping cannot make an owner in this workspace' USING ERRCODE = 'SBM02';
  END IF;
  IF NEW.disabled_at IS NULL THEN
    NEW.disabled_by := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER members_guard BEFORE INSERT OR UPDATE ON members FOR EACH ROW EXECUTE FUNCTION members_guard();

-- The lineage rules. A new token's parent is locked FOR SHARE, so a revocation of the parent
-- running at the same time either waits for this insert (and then revokes the new child too,
-- see revokeTokenTrees) or has committed first (and this insert sees the parent revoked).
CREATE FUNCTION api_tokens_lineage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
  disabled timestamptz;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
      RAISE EXCEPTION 'a revoked token stays revoked' USING ERRCODE = 'SBT01';
    END IF;
    IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id
       OR NEW.member_id IS DISTINCT FROM OLD.member_id OR NEW.token_hash IS DISTINCT FROM OLD.token_hash
       OR NEW.capabilities IS DISTINCT FROM OLD.capabilities OR NEW.providers IS DISTINCT FROM OLD.providers
       OR NEW.projects IS DISTINCT FROM OLD.projects OR NEW.expires_at IS DISTINCT FROM OLD.expires_at
       -- Lineage may only be forgotten (its row deleted: ON DELETE SET NULL), never rewritten.
       OR (NEW.parent_token_id IS DISTINCT FROM OLD.parent_token_id AND NEW.parent_token_id IS NOT NULL)
       OR (NEW.created_by_member_id IS DISTINCT FROM OLD.created_by_member_id AND NEW.created_by_member_id IS NOT NULL) THEN
      RAISE EXCEPTION 'a token''s grant and lineage cannot be changed; mint a new token' USING ERRCODE = 'SBT01';
    END IF;
    RETURN NEW;
  END IF;

  IF NEW.parent_token_id IS NOT NULL THEN
    SELECT t.kind, t.workspace_id, t.member_id, t.created_by_member_id, t.capabilities, t.providers, t.projects, t.expires_at, t.revoked_at
      INTO p FROM api_tokens t WHERE t.id = NEW.parent_token_id FOR SHARE;
    IF NOT FOUND OR p.workspace_id IS DISTINCT FROM NEW.workspace_id THEN
      RAISE EXCEPTION 'the making token is not of this workspace' USING ERRCODE = 'SBT01';
    END IF;
    IF p.revoked_at IS NOT NULL OR (p.expires_at IS NOT NULL AND p.expires_at <= now()) THEN
      RAISE EXCEPTION 'the making token is revoked or expired' USING ERRCODE = 'SBT01';
    END IF;
    IF p.expires_at IS NOT NULL AND (NEW.expires_at IS NULL OR NEW.expires_at > p.expires_at) THEN
      RAISE EXCEPTION 'a token cannot outlive the token that made it' USING ERRCODE = 'SBT01';
    END IF;
    IF p.providers IS NOT NULL AND (NEW.providers IS NULL OR NOT NEW.providers <@ p.providers) THEN
      RAISE EXCEPTION 'a token cannot reach providers the token that made it cannot' USING ERRCODE = 'SBT01';
    END IF;
    IF p.projects IS NOT NULL AND (NEW.projects IS NULL OR NOT NEW.projects <@ p.projects) THEN
      RAISE EXCEPTION 'a token cannot reach projects the token that made it cannot' USING ERRCODE = 'SBT01';
    END IF;
    -- An application token holds no member of its own: it mints only application tokens, within its capabilities.
    IF p.kind = 'application' AND (NEW.kind <> 'application' OR NOT NEW.capabilities <@ p.capabilities) THEN
      RAISE EXCEPTION 'a token cannot hold capabilities the token that made it does not' USING ERRCODE = 'SBT01';
    END IF;
    -- The member behind a token is derived here, not taken from the caller.
    NEW.created_by_member_id := CASE WHEN p.kind = 'member' THEN p.member_id ELSE p.created_by_member_id END;
  END IF;

  IF NEW.created_by_member_id IS NOT NULL THEN
    SELECT m.disabled_at INTO disabled FROM members m WHERE m.id = NEW.created_by_member_id FOR SHARE;
    IF NOT FOUND OR disabled IS NOT NULL THEN
      RAISE EXCEPTION 'the member making this token is disabled' USING ERRCODE = 'SBM01';
    END IF;
  END IF;
  IF NEW.member_id IS NOT NULL THEN
    SELECT m.disabled_at INTO disabled FROM members m WHERE m.id = NEW.member_id FOR SHARE;
    IF NOT FOUND OR disabled IS NOT NULL THEN
      RAISE EXCEPTION 'no token can be minted for a disabled member' USING ERRCODE = 'SBM01';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER api_tokens_lineage BEFORE INSERT OR UPDATE ON api_tokens FOR EACH ROW EXECUTE FUNCTION api_tokens_lineage();
