// The workspace's audit log with filters, and the result of verifying its hash chain.
import { type FormEvent, useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { when } from '../lib/format.ts';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { AuditPage, AuditVerify } from '../lib/api-types.ts';
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
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

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
  const loadMore = async () => {
    if (!cursor) return;
    const p = await api.get<AuditPage>(`/api/v1/workspaces/${ws.id}/audit-events`, { query: query(filters, cursor) });
    setMore((m) => [...m, ...p.items]);
    setCursor(p.next_cursor);
  };
  const runVerify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerify(await api.get<AuditVerify>(`/api/v1/workspaces/${ws.id}/audit-events/verify`));
    } catch (err) {
      setVerifyError(err);
    } finally {
      setVerifying(false);
    }
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const items = [...(page.data?.items ?? []), ...more];

  return (
    <>
      <PageTitle title="Audit log">Audit log</PageTitle>
      <p className="lead">Every security-relevant event of {ws.name}, newest first. Rows are hash-chained: verification detects any change.</p>

      <section aria-labelledby="verify-h" className="verify">
        <h2 id="verify-h">Chain verification</h2>
        <button type="button" onClick={() => void runVerify()} disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify chain'}
        </button>
        <ErrorNotice error={verifyError} context="Verification failed to run" />
        {verify ? (
          <div className={`notice ${verify.ok ? 'notice-success' : 'notice-error'}`} role="status" data-verify={verify.ok ? 'ok' : 'broken'}>
            {verify.ok ? (
              <p>
                Chain intact: {verify.events} events verified, no problems found.
              </p>
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

      <ErrorNotice error={page.error} context="Could not load the audit log" />
      {!page.data && page.loading ? <Loading what="audit events" /> : null}
      {page.data ? (
        items.length === 0 ? (
          <p className="empty">No events match these filters.</p>
        ) : (
          <table className="audit" aria-describedby="audit-count">
            <caption id="audit-count">
              {items.length} event{items.length === 1 ? '' : 's'}
              {cursor ? ' (more available)' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Outcome</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="mono">{e.seq}</td>
                  <td>{when(e.occurred_at)}</td>
                  <td className="mono" title={e.actor.type}>
                    {e.actor.id ?? e.actor.type}
                  </td>
                  <td className="mono">{e.action}</td>
                  <td className="mono">{e.target ? `${e.target.type}:${e.target.id ?? ''}` : '—'}</td>
                  <td>
                    <Badge value={e.outcome} />
                  </td>
                  <td className="mono small">{e.request_id ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {cursor ? (
        <button type="button" onClick={() => void loadMore()}>
          Load more
        </button>
      ) : null}
    </>
  );
}
