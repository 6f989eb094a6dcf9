// Tenants of the selected workspace: list and create.
import { useState } from 'react';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNotice, Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { when } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { CreateTenant, Tenant, TenantPage } from '../lib/api-types.ts';
import { listAll } from '../lib/api.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { CreateWorkspace } from './NoWorkspace.tsx';

export function Tenants() {
  const { api, can, me } = useSession();
  const ws = useWorkspace();
  const tenants = useAsync((signal) => listAll<TenantPage>(api, `/api/v1/workspaces/${ws.id}/tenants`, signal), [api, ws.id]);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [created, setCreated] = useState<Tenant | null>(null);
  const create = useAction();

  const submit = create.submit(async () => {
    setCreated(null);
    const t = await api.post<Tenant>(`/api/v1/workspaces/${ws.id}/tenants`, {
      name: name.trim(),
      ...(slug.trim() ? { slug: slug.trim() } : {}),
    } satisfies CreateTenant);
    setCreated(t);
    setName('');
    setSlug('');
    await tenants.reload();
  });

  return (
    <>
      <PageTitle title="Tenants">Tenants</PageTitle>
      <p className="lead">
        Managed customer tenants of <strong>{ws.name}</strong>. Open a tenant to manage its Microsoft provider connections.
      </p>
      <DataTable
        rows={tenants.data}
        what="tenants"
        loading={tenants.loading}
        error={tenants.error}
        errorContext="Could not load tenants"
        empty="No tenants yet."
        className="tenants"
        caption="Tenants"
        captionHidden
        rowKey={(t) => t.id}
        columns={[
          { header: 'Name', cell: (t) => <Link to={`/tenants/${t.id}`}>{t.name}</Link> },
          { header: 'Slug', className: 'mono', cell: (t) => t.slug },
          { header: 'Id', className: 'mono', cell: (t) => t.id },
          { header: 'Created', cell: (t) => when(t.created_at) },
        ]}
      />

      {can('tenants.manage') ? (
        <form className="inline-form" onSubmit={submit} aria-labelledby="new-tenant-h">
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
          <button type="submit" className="primary" disabled={create.busy || !name.trim()}>
            Create tenant
          </button>
          <ErrorNotice error={create.error} context="The tenant was not created" />
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
