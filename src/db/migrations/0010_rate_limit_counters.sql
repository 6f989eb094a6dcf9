-- Rate-limit and failed-authentication counters shared by every API node on PostgreSQL (issue 15):
-- the table rate-limiter-flexible's RateLimiterPostgres reads and writes (src/http/limiter-store.ts),
-- with exactly the columns and key it would create itself. It is created here so that the service
-- never runs DDL at request time (the limiters are built with `tableCreated: true`).
--   key    `<limiter name>:<counted key>`, e.g. `af_pair:203.0.113.7|scim_configuration:<uuid>`
--   points  points consumed in the current window
--   expire  when the window ends, in milliseconds since the epoch (the writing node's clock)
-- UNLOGGED: the counters are written on every limited request and are worth nothing after a crash
-- (a window is minutes long), so they skip the write-ahead log: no WAL flush per request, at the
-- price of an empty table after a crash or on a promoted replica. The index serves the library's
-- periodic `DELETE … WHERE expire < $1` (rows expired over an hour ago), which would otherwise scan.
-- With Redis (SWITCHBOARD_REDIS_URL) or the embedded database the table stays empty.
CREATE UNLOGGED TABLE rate_limit_counters (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX rate_limit_counters_expire ON rate_limit_counters (expire);
