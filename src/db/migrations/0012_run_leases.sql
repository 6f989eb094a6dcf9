-- Run leases (issue 15, "Runs that no worker finishes"). A worker holds a running run under a lease
-- it renews with its heartbeats; a queued run names the job that will deliver it, so the reaper
-- (src/core/runs/run-reaper.ts) can tell a run waiting in a backlog from one whose job a dead worker
-- took. The database, not the code, keeps the shape: a running run always has a lease, a queued run
-- always has a job, and a run that has ended never ends again (the reaper and a late worker can
-- race; whichever commits second changes nothing).
ALTER TABLE operation_runs
  ADD COLUMN job_id uuid,
  ADD COLUMN lease_token uuid,
  ADD COLUMN lease_expires_at timestamptz,
  ADD COLUMN attempt integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  ADD COLUMN retry_of bigint REFERENCES operation_runs(id) ON DELETE SET NULL;

-- Runs that are running while this migration applies get a lease from their last heartbeat, so
-- the new reaper treats them exactly as the old one did.
UPDATE operation_runs SET lease_token = gen_random_uuid(), lease_expires_at = coalesce(heartbeat_at, now()) + interval '30 seconds',
  worker_id = coalesce(worker_id, 'unknown')
  WHERE status = 'running';

-- Queued runs get the job that was enqueued for them (the job library's schema exists only once a
-- process has started it, so only when it is there).
DO $$
BEGIN
  IF to_regclass('pgboss.job') IS NOT NULL THEN
    EXECUTE $sql$UPDATE operation_runs r SET job_id = j.id FROM pgboss.job j
      WHERE r.status = 'queued' AND j.name = 'operation-runs' AND j.data->>'runId' = r.id::text$sql$;
  END IF;
END $$;

ALTER TABLE operation_runs ADD CONSTRAINT operation_runs_running_holds_lease
  CHECK (status <> 'running' OR (worker_id IS NOT NULL AND lease_token IS NOT NULL AND lease_expires_at IS NOT NULL));
-- NOT VALID: a queued run left from before this migration without a job is checked by nothing
-- here; the reaper ends it (its job cannot be found). Every new or updated row is checked.
ALTER TABLE operation_runs ADD CONSTRAINT operation_runs_queued_has_job CHECK (status <> 'queued' OR job_id IS NOT NULL) NOT VALID;

-- The only transitions: queued → running, queued → completed, running → completed. A completed
-- run's ending (status, outcome, reason, completion time) is final; a running run keeps its lease
-- token (a new token would let a second worker take over a run the first still holds).
CREATE FUNCTION operation_runs_transitions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'completed' AND (NEW.status, NEW.outcome, NEW.reason_code, NEW.completed_at)
       IS DISTINCT FROM (OLD.status, OLD.outcome, OLD.reason_code, OLD.completed_at) THEN
    RAISE EXCEPTION 'operation run % has already ended', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'running' AND NEW.status = 'queued' THEN
    RAISE EXCEPTION 'operation run % cannot go back to queued', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'running' AND NEW.status = 'running' AND NEW.lease_token IS DISTINCT FROM OLD.lease_token THEN
    RAISE EXCEPTION 'operation run % is held under another lease', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER operation_runs_transitions BEFORE UPDATE ON operation_runs
  FOR EACH ROW EXECUTE FUNCTION operation_runs_transitions();

-- What the reaper scans: expired leases, and queued runs old enough to have been picked up.
DROP INDEX operation_runs_running_heartbeat;
CREATE INDEX operation_runs_running_lease ON operation_runs (lease_expires_at) WHERE status = 'running';
CREATE INDEX operation_runs_queued_created ON operation_runs (created_at) WHERE status = 'queued';
