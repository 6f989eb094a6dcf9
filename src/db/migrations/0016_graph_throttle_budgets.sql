-- Microsoft Graph throttle budgets (issue 15, "Microsoft Graph fairness"). Graph throttles per
-- application and tenant, so every run type on every worker that calls Graph as one app in one
-- Entra tenant draws on one budget here (src/core/connections/graph-budgets.ts):
--   - a token bucket that paces requests ahead of time: `tokens` was the level at `refilled_at`,
--     refilled at the caller's rate up to its burst;
--   - `blocked_until`: Graph answered 429/503 with Retry-After; nobody sends before then.
-- The database's clock decides (clock_timestamp()), so nodes whose clocks differ still agree; a
-- caller is told how long to wait, never a time to compare with its own clock.
-- UNLOGGED like the rate-limit counters (0010): written on every Graph request and worth nothing
-- after a crash (a Retry-After is seconds to minutes; Graph says it again if it still applies).
CREATE UNLOGGED TABLE graph_throttle_budgets (
  client_id text NOT NULL,
  -- The tenant GUID the app's token was issued for (lower case), or the connection's tenant name.
  entra_tenant_id text NOT NULL CHECK (entra_tenant_id = lower(entra_tenant_id)),
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL,
  blocked_until timestamptz,
  -- What happened to the budget, for operators: times Graph throttled it, times a caller waited.
  throttled bigint NOT NULL DEFAULT 0,
  waits bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (client_id, entra_tenant_id)
);

-- Before one request on the budget: wait_ms 0 when it may go now (a token was taken), else how
-- long to wait before asking again, and whether that is Graph's Retry-After (blocked) or the pace.
-- blocked_until: the last Retry-After's end, past or not (shown in runs' progress). p_rate <= 0 turns pacing off (only Retry-After holds).
-- One statement, so the row lock is held inside the server only (no round trip while locked).
CREATE FUNCTION graph_throttle_take(p_client text, p_tenant text, p_rate double precision, p_burst double precision)
RETURNS TABLE (wait_ms double precision, blocked boolean, blocked_until timestamptz) LANGUAGE plpgsql AS $$
DECLARE
  b graph_throttle_budgets%ROWTYPE;
  t timestamptz;
  level double precision;
BEGIN
  INSERT INTO graph_throttle_budgets (client_id, entra_tenant_id, tokens, refilled_at)
    VALUES (p_client, p_tenant, greatest(p_burst, 1), clock_timestamp()) ON CONFLICT DO NOTHING;
  SELECT * INTO b FROM graph_throttle_budgets g WHERE g.client_id = p_client AND g.entra_tenant_id = p_tenant FOR UPDATE;
  t := clock_timestamp(); -- after the lock: the time the answer is true at
  IF b.blocked_until > t THEN
    UPDATE graph_throttle_budgets g SET waits = g.waits + 1 WHERE g.client_id = p_client AND g.entra_tenant_id = p_tenant;
    RETURN QUERY SELECT extract(epoch FROM b.blocked_until - t)::double precision * 1000, true, b.blocked_until;
    RETURN;
  END IF;
  IF p_rate <= 0 THEN
    RETURN QUERY SELECT 0::double precision, false, b.blocked_until;
    RETURN;
  END IF;
  level := least(greatest(p_burst, 1), b.tokens + p_rate * greatest(0, extract(epoch FROM t - b.refilled_at)::double precision));
  IF level >= 1 THEN
    UPDATE graph_throttle_budgets g SET tokens = level - 1, refilled_at = greatest(t, b.refilled_at)
      WHERE g.client_id = p_client AND g.entra_tenant_id = p_tenant;
    RETURN QUERY SELECT 0::double precision, false, b.blocked_until;
  ELSE
    UPDATE graph_throttle_budgets g SET waits = g.waits + 1 WHERE g.client_id = p_client AND g.entra_tenant_id = p_tenant;
    RETURN QUERY SELECT (1 - level) / p_rate * 1000, false, b.blocked_until;
  END IF;
END $$;

-- Graph answered 429/503 with Retry-After: nobody on the budget sends before now + p_ms. A later
-- end wins over an earlier one (two callers throttled together). The bucket restarts from one
-- token at the end of the block, so what queued up goes out at the pace, not in a burst.
CREATE FUNCTION graph_throttle_block(p_client text, p_tenant text, p_ms double precision)
RETURNS timestamptz LANGUAGE sql AS $$
  INSERT INTO graph_throttle_budgets AS g (client_id, entra_tenant_id, tokens, refilled_at, blocked_until, throttled)
    VALUES (p_client, p_tenant, 1, clock_timestamp() + p_ms * interval '1 millisecond', clock_timestamp() + p_ms * interval '1 millisecond', 1)
  ON CONFLICT (client_id, entra_tenant_id) DO UPDATE SET
    blocked_until = greatest(g.blocked_until, excluded.blocked_until),
    tokens = CASE WHEN g.blocked_until >= excluded.blocked_until THEN g.tokens ELSE 1 END,
    refilled_at = CASE WHEN g.blocked_until >= excluded.blocked_until THEN g.refilled_at ELSE excluded.refilled_at END,
    throttled = g.throttled + 1
  RETURNING blocked_until
$$;
