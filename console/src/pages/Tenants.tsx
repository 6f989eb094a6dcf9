// Tenants of the selected workspace: list and create.
import { type FormEvent, useState } from 'react';
import { ErrorNotice, Loading, Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { when } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { CreateTenant, Tenant } from '../lib/api-types.ts';
import { useAsync } from '../lib/use-async.ts';
import { CreateWorkspace } from './NoWorkspace.tsx';

export function Tenants() {
  const { api, can, me } = useSession();
  const ws = useWorkspace();
  const tenants = useAsync((signal) => api.get<Tenant[]>(`/api/v1/workspaces/${ws.id}/tenants`, { signal }), [api, ws.id]);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Tenant | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const t = await api.post<Tenant>(`/api/v1/workspaces/${ws.id}/tenants`, { name: name.trim(), ...(slug.trim() ? { slug: slug.trim() } : {}) } satisfies CreateTenant);
      setCreated(t);
      setName('');
      setSlug('');
      await tenants.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title="Tenants">Tenants</PageTitle>
      <p className="lead">
        Managed customer tenants of <strong>{ws.name}</strong>. Open a tenant to manage its Microsoft provider connections.
      </p>
      <ErrorNotice error={tenants.error} context="Could not load tenants" />
      {!tenants.data && tenants.loading ? <Loading what="tenants" /> : null}
      {tenants.data ? (
        tenants.data.length === 0 ? (
          <p className="empty">No tenants yet.</p>
        ) : (
          <table className="tenants">
            <caption className="visually-hidden">Tenants</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Id</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {tenants.data.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link to={`/tenants/${t.id}`}>{t.name}</Link>
                  </td>
                  <td className="mono">{t.slug}</td>
                  <td className="mono">{t.id}</td>
                  <td>{when(t.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}

      {can('tenants.manage') ? (
        <form className="inline-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-tenant-h">
          <h2 id="new-tenant-h">New tenant</h2>
          <div className="field">
            <label htmlFor="tenant-name">Tenant name</label>
            <input id="tenant-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="tenant-slug">Slug (optional)</label>
            <input id="tenant-slug" pattern="[a-z0-9][a-z0-9\-]{0,62}" value={slug} onChange={(e) => setSlug(e.target.value)} aria-describedby="slug-help" />
            <p id="slug-help" className="help">
              Lower-case letters, digits and dashes; derived from the name when empty.
            </p>
          </div>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            Create tenant
          </button>
          <ErrorNotice error={error} context="The tenant was not created" />
          {created ? (
            <Notice tone="success">
              Tenant <strong>{created.name}</strong> created (slug <code>{created.slug}</code>).
            </Notice>
          ) : null}
        </form>
      ) : null}
      {me.kind === 'vendor' ? <CreateWorkspace /> : null}
    </>
  );
}
