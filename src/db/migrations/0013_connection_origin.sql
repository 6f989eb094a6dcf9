-- Which API made a connection. The provider-foundation v1 contract has no platform/dedicated
-- concept: a v1 connection is "a connection plus the credentials its client attaches", so the
-- v1 credentials PUT may switch a v1 connection to dedicated without the X-Confirm header that
-- guards the same switch on a connection made through /admin (provider-identity contract).
-- The origin is a fact about the past: fixed at insert, never changed by any writer.
ALTER TABLE provider_connections
  ADD COLUMN origin text NOT NULL DEFAULT 'admin' CHECK (origin IN ('admin', 'foundation_v1'));

CREATE FUNCTION provider_connections_origin_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.origin IS DISTINCT FROM OLD.origin THEN
    RAISE EXCEPTION 'provider_connections.origin cannot change (% -> %)', OLD.origin, NEW.origin
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER provider_connections_origin_fixed BEFORE UPDATE OF origin ON provider_connections
  FOR EACH ROW EXECUTE FUNCTION provider_connections_origin_fixed();
