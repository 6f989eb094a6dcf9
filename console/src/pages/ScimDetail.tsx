// One SCIM configuration: its provisioning URL, last sync, the users and groups provisioned into
// it, sync-to-members, token rotation (new token shown once) and deletion.
import { useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.tsx';
import { CopyField } from '../components/CopyButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TokenOnce } from '../components/TokenOnce.tsx';
import { when } from '../lib/format.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { ScimConfiguration, ScimGroups, ScimToken, ScimUsers, UpdateScimConfiguration } from '../lib/api-types.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { SCIM_BASE } from './ScimList.tsx';

export function ScimDetail(props: { id: string }) {
  const { api, can } = useSession();
  const config = useAsync((signal) => api.get<ScimConfiguration>(`${SCIM_BASE}/${encodeURIComponent(props.id)}`, { signal }), [api, props.id]);
  const directory = useAsync(
    async (signal) => {
      const [users, groups] = await Promise.all([
        api.get<ScimUsers>(`/console/api/scim-configurations/${encodeURIComponent(props.id)}/users`, { signal, query: { limit: 100 } }),
        api.get<ScimGroups>(`/console/api/scim-configurations/${encodeURIComponent(props.id)}/groups`, { signal, query: { limit: 100 } }),
      ]);
      return { users, groups };
    },
    [api, props.id],
  );
  const [token, setToken] = useState<ScimToken | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const c = config.data;
  if (!c) {
    return (
      <>
        <PageTitle title="SCIM configuration">SCIM configuration</PageTitle>
        <ErrorNotice error={config.error} />
        {config.loading ? <Loading what="the configuration" /> : null}
        <p>
          <Link to="/scim">Back to SCIM</Link>
        </p>
      </>
    );
  }
  const headers = { 'frontegg-tenant-id': c.tenantId };
  const act = (work: () => Promise<void>) => {
    setNotice(null);
    return action.run(work);
  };
  const rotate = () =>
    act(async () => {
      setToken(await api.post<ScimToken>(`${SCIM_BASE}/${c.id}/rotate`, undefined, { headers }));
    });
  const completeRotation = () =>
    setConfirm({
      title: 'Stop the previous token now?',
      tone: 'danger',
      confirmLabel: 'Stop the previous token',
      body: <p>The identity provider must already use the new token: requests with the previous one fail from now on.</p>,
      action: async () => {
        await api.post(`${SCIM_BASE}/${c.id}/rotate/complete`, undefined, { headers });
        setNotice('The previous token no longer works.');
      },
    });
  const toggleSync = () =>
    act(async () => {
      await api.patch(`${SCIM_BASE}/${c.id}`, { syncToUserManagement: !c.syncToUserManagement } satisfies UpdateScimConfiguration, { headers });
      await config.reload();
    });
  const remove = () =>
    setConfirm({
      title: `Delete ${c.connectionName}?`,
      tone: 'danger',
      confirmLabel: 'Delete configuration',
      body: <p>Its tokens stop working and every user and group it provisioned is removed (members it created are disabled). This cannot be undone.</p>,
      action: async () => {
        await api.del(`${SCIM_BASE}/${c.id}`, { headers });
        navigate('/scim');
      },
    });

  const d = directory.data;
  return (
    <>
      <p className="crumbs">
        <Link to="/scim">SCIM</Link> /
      </p>
      <PageTitle title={c.connectionName}>{c.connectionName}</PageTitle>
      <p className="lead">
        <Badge value={c.source} label="source" /> <Badge value={c.syncToUserManagement ? 'on' : 'off'} label="sync to members" />
      </p>
      <dl className="facts">
        <dt>Last sync</dt>
        <dd data-last-sync={c.lastSync ?? ''}>{c.lastSync ? when(c.lastSync) : 'never'}</dd>
        <dt>Created</dt>
        <dd>{when(c.createdAt)}</dd>
        <dt>Tenant id</dt>
        <dd className="mono">{c.tenantId}</dd>
      </dl>
      <CopyField id="scim-base" label="Provisioning URL" value={c.baseUrl} />
      <ErrorNotice error={action.error} context="The action failed" />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {token ? <TokenOnce token={token} onDismiss={() => setToken(null)} /> : null}
      {can('scim.manage') ? (
        <section aria-labelledby="scim-actions-h">
          <h2 id="scim-actions-h">Token and settings</h2>
          <div className="button-row">
            <button type="button" onClick={() => void rotate()}>
              Rotate token
            </button>
            <button type="button" className="warning" onClick={completeRotation}>
              Complete rotation…
            </button>
            <button type="button" onClick={() => void toggleSync()}>
              {c.syncToUserManagement ? 'Stop syncing to members' : 'Sync users to members'}
            </button>
            <button type="button" className="danger" onClick={remove}>
              Delete…
            </button>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="users-h">
        <h2 id="users-h">Provisioned users {d ? `(${d.users.total})` : ''}</h2>
        <DataTable
          rows={d?.users.items}
          what="provisioned users"
          loading={directory.loading}
          error={directory.error}
          errorContext="Could not load provisioned users and groups"
          empty="No users provisioned yet."
          className="scim-users"
          rowKey={(u) => u.id}
          columns={[
            { header: 'User name', className: 'mono', cell: (u) => u.userName },
            { header: 'Display name', cell: (u) => u.displayName ?? '—' },
            {
              header: 'Active',
              cell: (u) => (
                <>
                  <Badge value={u.active ? 'active' : 'inactive'} />
                  {u.member ? <Badge value="member" title="provisioned as a workspace member" /> : null}
                </>
              ),
            },
            { header: 'External id', className: 'mono small', cell: (u) => u.externalId ?? '—' },
            { header: 'Updated', cell: (u) => when(u.updatedAt) },
          ]}
        />
      </section>
      <section aria-labelledby="groups-h">
        <h2 id="groups-h">Provisioned groups {d ? `(${d.groups.total})` : ''}</h2>
        <DataTable
          rows={d?.groups.items}
          what="provisioned groups"
          loading={directory.loading}
          empty="No groups provisioned yet."
          className="scim-groups"
          rowKey={(g) => g.id}
          columns={[
            { header: 'Group', cell: (g) => g.displayName },
            { header: 'Members', cell: (g) => g.members },
            { header: 'External id', className: 'mono small', cell: (g) => g.externalId ?? '—' },
            { header: 'Updated', cell: (g) => when(g.updatedAt) },
          ]}
        />
        <button type="button" onClick={() => void Promise.all([directory.reload(), config.reload()])}>
          Refresh
        </button>
      </section>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}
