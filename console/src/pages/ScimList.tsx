// SCIM provisioning configurations of the workspace's tenants: list and create (token shown once).
import { useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TokenOnce } from '../components/TokenOnce.tsx';
import { when } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { CreateScimConfiguration, ScimConfiguration, ScimToken, Tenant, TenantPage } from '../lib/api-types.ts';
import { listAll } from '../lib/api.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

export const SCIM_BASE = '/directory/resources/v1/configurations/scim2';
type Source = CreateScimConfiguration['source'];
// One label per source the server accepts (a new one fails the typecheck until it has a label).
const SOURCES: Record<Source, string> = {
  'azure-ad': 'Microsoft Entra ID',
  okta: 'Okta',
  frontegg: 'Frontegg',
  other: 'Other SCIM 2.0 client',
};
const isSource = (v: string): v is Source => Object.hasOwn(SOURCES, v);

export function ScimList() {
  const { api, can } = useSession();
  const ws = useWorkspace();
  const data = useAsync(
    async (signal) => {
      // The contract's list of all configurations is vendor only: the console reads this workspace's through its own route.
      const [tenants, configs] = await Promise.all([
        listAll<TenantPage>(api, `/api/v1/workspaces/${ws.id}/tenants`, signal),
        api.get<ScimConfiguration[]>('/console/api/scim-configurations', { signal, query: { workspace_id: ws.id } }),
      ]);
      return { tenants, configs };
    },
    [api, ws.id],
  );
  const [token, setToken] = useState<ScimToken | null>(null);
  const tenantName = (id: string) => data.data?.tenants.find((t) => String(t.id) === id)?.name ?? id;

  return (
    <>
      <PageTitle title="SCIM">SCIM provisioning</PageTitle>
      <p className="lead">Each configuration is a SCIM 2.0 endpoint an identity provider (Entra ID, Okta, …) provisions users and groups into.</p>
      {token ? (
        <TokenOnce
          token={token}
          onDismiss={() => {
            setToken(null);
            void data.reload();
          }}
        />
      ) : null}
      <DataTable
        rows={data.data?.configs}
        what="SCIM configurations"
        loading={data.loading}
        error={data.error}
        errorContext="Could not load SCIM configurations"
        empty="No SCIM configurations yet."
        className="scim"
        rowKey={(c) => c.id}
        rowData={(c) => ({ 'data-scim': c.id })}
        columns={[
          { header: 'Connection', cell: (c) => <Link to={`/scim/${c.id}`}>{c.connectionName}</Link> },
          { header: 'Tenant', cell: (c) => tenantName(c.tenantId) },
          { header: 'Source', cell: (c) => c.source },
          { header: 'Sync to members', cell: (c) => <Badge value={c.syncToUserManagement ? 'on' : 'off'} label="sync" /> },
          { header: 'Last sync', cell: (c) => (c.lastSync ? when(c.lastSync) : 'never') },
        ]}
      />
      {can('scim.manage') && data.data ? (
        <NewScim
          tenants={data.data.tenants}
          onCreated={(t) => {
            setToken(t);
            void data.reload();
          }}
        />
      ) : null}
    </>
  );
}

function NewScim(props: { tenants: Tenant[]; onCreated(t: ScimToken): void }) {
  const { api } = useSession();
  const [tenantId, setTenantId] = useState(props.tenants[0] ? String(props.tenants[0].id) : '');
  const [source, setSource] = useState<Source>('azure-ad');
  const [name, setName] = useState('');
  const [sync, setSync] = useState(false);
  const create = useAction();
  const submit = create.submit(async () => {
    const created = await api.post<ScimToken>(
      SCIM_BASE,
      { source, ...(name.trim() ? { connectionName: name.trim() } : {}), syncToUserManagement: sync } satisfies CreateScimConfiguration,
      { headers: { 'frontegg-tenant-id': tenantId } },
    );
    setName('');
    props.onCreated(created);
  });
  if (!props.tenants.length) return <p className="empty">Create a tenant first: SCIM configurations belong to a tenant.</p>;
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="new-scim-h">
      <h2 id="new-scim-h">New SCIM configuration</h2>
      <div className="field">
        <label htmlFor="scim-tenant">Tenant</label>
        <select id="scim-tenant" value={tenantId} onChange={(e) => setTenantId(e.target.value)}>
          {props.tenants.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="scim-source">Identity provider</label>
        <select id="scim-source" value={source} onChange={(e) => isSource(e.target.value) && setSource(e.target.value)}>
          {Object.entries(SOURCES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="scim-name">Connection name (optional)</label>
        <input id="scim-name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={sync} onChange={(e) => setSync(e.target.checked)} /> Sync provisioned users to workspace members
      </label>
      <button type="submit" className="primary" disabled={create.busy || !tenantId}>
        Create SCIM configuration
      </button>
      <ErrorNotice error={create.error} context="The configuration was not created" />
    </form>
  );
}
