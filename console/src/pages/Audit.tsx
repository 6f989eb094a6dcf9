// The workspace's audit log with filters, and the result of verifying its hash chain.
import { type FormEvent, useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { when } from '../lib/format.ts';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { AuditPage, AuditVerify } from '../lib/api-types.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

interface Filters {
  actor: string;
  action: string;
  target: string;
  since: string;
  until: string;
}
const EMPTY: Filters = { actor: '', action: '', target: '', since: '', until: '' };

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function Audit() {
  const { api } = useSession();
  const ws = useWorkspace();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [more, setMore] = useState<AuditPage['items']>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const verifying = useAction();
  const paging = useAction();

  const query = (f: Filters, c?: string) => ({
    actor: f.actor.trim() || undefined,
    action: f.action.trim() || undefined,
    target: f.target.trim() || undefined,
    since: toIso(f.since),
    until: toIso(f.until),
    limit: 50,
    cursor: c,
  });
  const page = useAsync(
    async (signal) => {
      const p = await api.get<AuditPage>(`/api/v1/workspaces/${ws.id}/audit-events`, { signal, query: query(filters) });
      setMore([]);
      setCursor(p.next_cursor);
      return p;
    },
    [api, ws.id, filters],
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const loadMore = () =>
    paging.run(async () => {
      if (!cursor) return;
      const p = await api.get<AuditPage>(`/api/v1/workspaces/${ws.id}/audit-events`, { query: query(filters, cursor) });
      setMore((m) => [...m, ...p.items]);
      setCursor(p.next_cursor);
    });
  const runVerify = () => verifying.run(async () => setVerify(await api.get<AuditVerify>(`/api/v1/workspaces/${ws.id}/audit-events/verify`)));
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const items = [...(page.data?.items ?? []), ...more];

  return (
    <>
      <PageTitle title="Audit log">Audit log</PageTitle>
      <p className="lead">Every security-relevant event of {ws.name}, newest first. Rows are hash-chained: verification detects any change.</p>

      <section aria-labelledby="verify-h" className="verify">
        <h2 id="verify-h">Chain verification</h2>
        <button type="button" onClick={() => void runVerify()} disabled={verifying.busy}>
          {verifying.busy ? 'Verifying…' : 'Verify chain'}
        </button>
        <ErrorNotice error={verifying.error} context="Verification failed to run" />
        {verify ? (
          <div className={`notice ${verify.ok ? 'notice-success' : 'notice-error'}`} role="status" data-verify={verify.ok ? 'ok' : 'broken'}>
            {verify.ok ? (
              <p>Chain intact: {verify.events} events verified, no problems found.</p>
            ) : (
              <>
                <p>
                  Chain broken: {verify.problems.length} problem{verify.problems.length === 1 ? '' : 's'} in {verify.events} events.
                </p>
                <ul>
                  {verify.problems.map((p, i) => (
                    <li key={i}>
                      {p.seq === null ? 'chain' : `event ${p.seq}`}: {p.problem}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : null}
      </section>

      <form className="filters" onSubmit={apply} aria-label="Audit filters">
        <div className="field">
          <label htmlFor="f-actor">Actor</label>
          <input id="f-actor" value={draft.actor} onChange={set('actor')} placeholder="member:… or token:…" />
        </div>
        <div className="field">
          <label htmlFor="f-action">Action</label>
          <input id="f-action" value={draft.action} onChange={set('action')} placeholder="tenant.created or token.*" />
        </div>
        <div className="field">
          <label htmlFor="f-target">Target</label>
          <input id="f-target" value={draft.target} onChange={set('target')} placeholder="tenant:42" />
        </div>
        <div className="field">
          <label htmlFor="f-since">Since</label>
          <input id="f-since" type="datetime-local" value={draft.since} onChange={set('since')} />
        </div>
        <div className="field">
          <label htmlFor="f-until">Until</label>
          <input id="f-until" type="datetime-local" value={draft.until} onChange={set('until')} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            Clear
          </button>
        </div>
      </form>

      <DataTable
        rows={page.data ? items : undefined}
        what="audit events"
        loading={page.loading}
        error={page.error}
        errorContext="Could not load the audit log"
        empty="No events match these filters."
        className="audit"
        caption={`${items.length} event${items.length === 1 ? '' : 's'}${cursor ? ' (more available)' : ''}`}
        rowKey={(e) => e.id}
        rowData={(e) => ({ 'data-action': e.action })}
        columns={[
          { header: '#', className: 'mono', cell: (e) => e.seq },
          { header: 'When', cell: (e) => when(e.occurred_at) },
          { header: 'Actor', className: 'mono', title: (e) => e.actor.type, cell: (e) => e.actor.id ?? e.actor.type },
          { header: 'Action', className: 'mono', cell: (e) => e.action },
          { header: 'Target', className: 'mono', cell: (e) => (e.target ? `${e.target.type}:${e.target.id ?? ''}` : '—') },
          { header: 'Outcome', cell: (e) => <Badge value={e.outcome} /> },
          { header: 'Request', className: 'mono small', cell: (e) => e.request_id ?? '—' },
        ]}
      />
      <ErrorNotice error={paging.error} context="Could not load more events" />
      {cursor ? (
        <button type="button" onClick={() => void loadMore()} disabled={paging.busy}>
          Load more
        </button>
      ) : null}
    </>
  );
}
