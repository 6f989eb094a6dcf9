// An operation run: status, outcome, reason code, progress, summary counts, next steps — live
// from its event stream until it completes.
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../lib/api.ts';
import { humanize, when } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { watchRun } from '../lib/run-stream.ts';
import { useSession } from '../lib/session.tsx';
import type { Run } from '../lib/api-types.ts';
import { Badge } from './Badge.tsx';

function RunDetails(props: { run: Run; live: boolean }) {
  const { run, live } = props;
  const { done, total, message } = run.progress ?? {};
  const summary = Object.entries(run.summary ?? {}).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  return (
    <div className="run" data-run-id={run.id} data-status={run.status} data-outcome={run.outcome}>
      <div className="badges">
        <Badge label="status" value={run.status} />
        <Badge label="outcome" value={run.outcome} />
        {run.reason_code ? <Badge label="reason" value={run.reason_code} /> : null}
        {live ? (
          <span className="live" role="status" aria-label="receiving live updates">
            ● live
          </span>
        ) : null}
      </div>
      {run.status !== 'completed' || total ? (
        <div className="progress">
          <progress max={total ?? 1} value={total ? (done ?? 0) : undefined} aria-label={`Progress of run ${run.id}`} />
          <span className="progress-text" aria-live="polite">
            {total ? `${done ?? 0} of ${total}` : run.status}
            {message ? ` — ${message}` : ''}
          </span>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Type</dt>
        <dd>{run.type}</dd>
        <dt>Started</dt>
        <dd>{when(run.started_at ?? run.created_at)}</dd>
        <dt>Completed</dt>
        <dd>{when(run.completed_at)}</dd>
        <dt>Initiator</dt>
        <dd className="mono">{run.initiator.id ?? run.initiator.type}</dd>
        {summary.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{humanize(k)}</dt>
            <dd>{String(v)}</dd>
          </div>
        ))}
      </dl>
      {run.failure_summary ? (
        <p className="failure">
          <strong>What happened:</strong> {run.failure_summary}
        </p>
      ) : null}
      {run.next_steps?.length ? (
        <div className="next-steps">
          <strong>Next steps</strong>
          <ul>
            {run.next_steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** Watches one run; calls onDone once when it completes (to refresh whatever it changed). */
export function RunMonitor(props: { runId: number; title?: string; onDone?(run: Run): void }) {
  const { api } = useSession();
  const [run, setRun] = useState<Run | null>(null);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onDone = useRef(props.onDone);
  onDone.current = props.onDone;

  useEffect(() => {
    const ctl = new AbortController();
    let finished = false;
    const update = (r: Run) => {
      setRun(r);
      if (r.status === 'completed' && !finished) {
        finished = true;
        onDone.current?.(r);
      }
    };
    setLive(true);
    watchRun(api.token, props.runId, update, ctl.signal)
      .catch(async (err) => {
        if (ctl.signal.aborted) return;
        setError(errorText(err));
        // The stream failed (a proxy that buffers, a restart): one plain read still shows the state.
        const r = await api.get<Run>(`/api/v1/operation-runs/${props.runId}`).catch(() => null);
        if (r) update(r);
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLive(false);
      });
    return () => ctl.abort();
  }, [api, props.runId]);

  return (
    <section className="run-monitor" aria-label={props.title ?? `Operation run ${props.runId}`}>
      <h3>
        {props.title ?? 'Operation run'} <Link to={`/runs/${props.runId}`}>#{props.runId}</Link>
      </h3>
      {error ? <p className="notice notice-warning">Live updates stopped: {error}</p> : null}
      {run ? <RunDetails run={run} live={live} /> : <p className="loading">Waiting for the run…</p>}
    </section>
  );
}
