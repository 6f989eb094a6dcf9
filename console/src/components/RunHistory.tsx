// Past runs of one target (a provider connection, an integration): outcome, reason code and the
// next steps the service recorded, newest first.
import { when } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { RunList } from '../lib/api-types.ts';
import { useAsync } from '../lib/use-async.ts';
import { Badge } from './Badge.tsx';
import { ErrorNotice, Loading } from './Notice.tsx';

export function RunHistory(props: { targetType: string; targetId: string; refreshKey: number; heading?: string }) {
  const { api } = useSession();
  const ws = useWorkspace();
  const runs = useAsync(
    (signal) =>
      api.get<RunList>(`/console/api/workspaces/${ws.id}/operation-runs`, {
        signal,
        query: { target_type: props.targetType, target_id: props.targetId, limit: 20 },
      }),
    [api, ws.id, props.targetType, props.targetId, props.refreshKey],
  );
  return (
    <section aria-labelledby="run-history-h">
      <h2 id="run-history-h">{props.heading ?? 'Run history'}</h2>
      <ErrorNotice error={runs.error} context="Could not load the run history" />
      {!runs.data && runs.loading ? <Loading what="runs" /> : null}
      {runs.data && runs.data.items.length === 0 ? <p className="empty">No runs yet.</p> : null}
      {runs.data && runs.data.items.length > 0 ? (
        <table className="runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Type</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason</th>
              <th scope="col">Started</th>
              <th scope="col">Next steps</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((r) => (
              <tr key={r.id} data-run-id={r.id}>
                <td>
                  <Link to={`/runs/${r.id}`}>#{r.id}</Link>
                </td>
                <td>{r.type}</td>
                <td>
                  <Badge value={r.status === 'completed' ? r.outcome : r.status} />
                </td>
                <td className="mono">{r.reason_code ?? '—'}</td>
                <td>{when(r.started_at ?? r.created_at)}</td>
                <td>
                  {r.failure_summary ? <div className="failure">{r.failure_summary}</div> : null}
                  {r.next_steps.length ? (
                    <ul className="compact">
                      {r.next_steps.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  ) : r.failure_summary ? null : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
