// One tenant: its provider connections with their status, consent, verification and health,
// and the form to add one (platform by default; dedicated after a confirmation).
import { type FormEvent, useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.tsx';
import { ConnectionBadges } from '../components/ConnectionBadges.tsx';
import { type CredentialDraft, CredentialFields, credentialBody, credentialComplete, emptyCredential } from '../components/CredentialFields.tsx';
import { Badge } from '../components/Badge.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useSession, useWorkspace } from '../lib/session.tsx';
import type { Connection, Connections, CreateConnection, TenantPage } from '../lib/api-types.ts';
import { listAll } from '../lib/api.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

export function useTenant(tenantId: number) {
  const { api } = useSession();
  const ws = useWorkspace();
  return useAsync(
    async (signal) => {
      const list = await listAll<TenantPage>(api, `/api/v1/workspaces/${ws.id}/tenants`, signal);
      return list.find((t) => t.id === tenantId) ?? null;
    },
    [api, ws.id, tenantId],
  );
}

export function TenantDetail(props: { tenantId: number }) {
  const { api, can } = useSession();
  const tenant = useTenant(props.tenantId);
  const connections = useAsync(
    (signal) => api.get<Connections>(`/console/api/tenants/${props.tenantId}/provider-connections`, { signal }),
    [api, props.tenantId],
  );

  if (tenant.data === null) {
    return (
      <>
        <PageTitle title="Tenant not found">Tenant not found</PageTitle>
        <p>
          This workspace has no tenant {props.tenantId}. <Link to="/tenants">Back to tenants</Link>
        </p>
      </>
    );
  }
  const t = tenant.data;
  return (
    <>
      <p className="crumbs">
        <Link to="/tenants">Tenants</Link> /
      </p>
      <PageTitle title={t?.name ?? 'Tenant'}>{t?.name ?? 'Tenant'}</PageTitle>
      <ErrorNotice error={tenant.error} />
      {t ? (
        <p className="lead">
          Slug <code>{t.slug}</code> · id <code>{t.id}</code>
        </p>
      ) : null}
      <section aria-labelledby="conn-h">
        <h2 id="conn-h">Provider connections</h2>
        <DataTable
          rows={connections.data}
          what="connections"
          loading={connections.loading}
          error={connections.error}
          errorContext="Could not load the connections"
          empty="No provider connections yet."
          className="connections"
          rowKey={(c) => c.uuid}
          rowData={(c) => ({ 'data-connection': c.uuid })}
          columns={[
            {
              header: 'Connection',
              cell: (c) => (
                <>
                  <Link to={`/tenants/${props.tenantId}/connections/${c.uuid}`}>{c.display_name}</Link>
                  {c.is_default ? <Badge value="default" /> : null}
                </>
              ),
            },
            { header: 'Entra tenant', className: 'mono', cell: (c) => c.entra_tenant_id },
            { header: 'Type', cell: (c) => <Badge value={c.connection_type} /> },
            { header: 'State', cell: (c) => <ConnectionBadges c={c} /> },
          ]}
        />
      </section>
      {can('providers.manage') ? <NewConnection tenantId={props.tenantId} /> : null}
    </>
  );
}

function NewConnection(props: { tenantId: number }) {
  const { api, can } = useSession();
  const [displayName, setDisplayName] = useState('');
  const [entraTenantId, setEntraTenantId] = useState('');
  const [type, setType] = useState<'platform' | 'dedicated'>('platform');
  const [isDefault, setIsDefault] = useState(true);
  const [cred, setCred] = useState<CredentialDraft>(emptyCredential);
  const [withCredential, setWithCredential] = useState(true);
  const save = useAction();
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);

  const create = async (confirmed: boolean) => {
    const body = {
      provider: 'microsoft',
      display_name: displayName.trim(),
      entra_tenant_id: entraTenantId.trim(),
      is_default: isDefault,
      connection_type: type,
      ...(type === 'dedicated' && withCredential ? { dedicated_credential: credentialBody(cred) } : {}),
    } satisfies CreateConnection;
    const c = await api.post<Connection>(`/admin/tenants/${props.tenantId}/provider-connections`, body, {
      headers: confirmed ? { 'x-confirm': 'dedicated' } : {},
    });
    setCred(emptyCredential());
    navigate(`/tenants/${props.tenantId}/connections/${c.uuid}`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.clearError();
    if (type === 'dedicated') {
      setConfirm({
        title: 'Create a dedicated connection?',
        tone: 'warning',
        confirmLabel: 'Create dedicated connection',
        body: (
          <p>
            A dedicated connection uses the customer's own app registration instead of the platform app. It raises what this connection can do with its own
            credential and needs the <code>providers.manage_dedicated</code> capability. The action is audited.
          </p>
        ),
        action: () => create(true),
      });
      return;
    }
    void save.run(() => create(false));
  };

  const ready = displayName.trim() && entraTenantId.trim() && (type === 'platform' || !withCredential || credentialComplete(cred));
  return (
    <>
      <form className="inline-form" onSubmit={submit} aria-labelledby="new-conn-h">
        <h2 id="new-conn-h">New Microsoft connection</h2>
        <div className="field">
          <label htmlFor="conn-name">Display name</label>
          <input id="conn-name" required maxLength={200} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="conn-entra">Entra tenant id or verified domain</label>
          <input
            id="conn-entra"
            required
            maxLength={253}
            className="mono"
            value={entraTenantId}
            onChange={(e) => setEntraTenantId(e.target.value)}
            placeholder="contoso.onmicrosoft.com"
          />
        </div>
        <fieldset className="radios">
          <legend>Connection type</legend>
          <label>
            <input type="radio" name="conn-type" value="platform" checked={type === 'platform'} onChange={() => setType('platform')} /> Platform (the operator's
            multi-tenant app; consent by the customer's administrator)
          </label>
          <label>
            <input
              type="radio"
              name="conn-type"
              value="dedicated"
              checked={type === 'dedicated'}
              onChange={() => setType('dedicated')}
              disabled={!can('providers.manage_dedicated')}
            />{' '}
            Dedicated (the customer's own app registration){can('providers.manage_dedicated') ? '' : ' — needs providers.manage_dedicated'}
          </label>
        </fieldset>
        {type === 'dedicated' ? (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={withCredential} onChange={(e) => setWithCredential(e.target.checked)} /> Attach the credential now
            </label>
            {withCredential ? <CredentialFields idPrefix="new-conn" value={cred} onChange={setCred} /> : null}
          </>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> Default connection of this tenant
        </label>
        <button type="submit" className="primary" disabled={save.busy || !ready}>
          Create connection
        </button>
        <ErrorNotice error={save.error} context="The connection was not created" />
      </form>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}
