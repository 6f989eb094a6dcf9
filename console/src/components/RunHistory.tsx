// Past runs of one target (a provider connection, an integration): outcome, reason code and the
// next steps the service recorded, newest first.
import { when } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { RunList } from '../lib/api-types.ts';
import { useAsync } from '../lib/use-async.ts';
import { Badge } from './Badge.tsx';
import { DataTable } from './DataTable.tsx';

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
      <DataTable
        rows={runs.data?.items}
        what="runs"
        loading={runs.loading}
        error={runs.error}
        errorContext="Could not load the run history"
        empty="No runs yet."
        className="runs"
        rowKey={(r) => r.id}
        rowData={(r) => ({ 'data-run-id': r.id })}
        columns={[
          { header: 'Run', cell: (r) => <Link to={`/runs/${r.id}`}>#{r.id}</Link> },
          { header: 'Type', cell: (r) => r.type },
          { header: 'Outcome', cell: (r) => <Badge value={r.status === 'completed' ? r.outcome : r.status} /> },
          { header: 'Reason', className: 'mono', cell: (r) => r.reason_code ?? '—' },
          { header: 'Started', cell: (r) => when(r.started_at ?? r.created_at) },
          {
            header: 'Next steps',
            cell: (r) => (
              <>
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
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
