// One provider connection: its badges and facts, the admin-consent link, operations with live
// progress, connection type and dedicated credential (behind confirmations), and run history.
import { type FormEvent, useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.tsx';
import { ConnectionBadges } from '../components/ConnectionBadges.tsx';
import { CopyField } from '../components/CopyButton.tsx';
import { type CredentialDraft, CredentialFields, credentialBody, credentialComplete, emptyCredential } from '../components/CredentialFields.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { RunHistory } from '../components/RunHistory.tsx';
import { RunMonitor } from '../components/RunView.tsx';
import { ApiError } from '../lib/api.ts';
import { when } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { ConnectionTypeRequest, Connections, ConsentLink, RunRef, ScopeBusy, UpdateConnection, VerificationStarted } from '../lib/api-types.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { useTenant } from './TenantDetail.tsx';

const OPERATIONS = [
  { key: 'health-check', label: 'Run health check' },
  { key: 'verification', label: 'Verify connection' },
  { key: 'inventory', label: 'Collect inventory' },
  { key: 'compliance-snapshot', label: 'Take compliance snapshot' },
] as const;

export function ConnectionDetail(props: { tenantId: number; connectionId: string }) {
  const { api, can } = useSession();
  const tenant = useTenant(props.tenantId);
  const conn = useAsync(
    async (signal) => {
      const list = await api.get<Connections>(`/console/api/tenants/${props.tenantId}/provider-connections`, { signal });
      return list.find((c) => c.uuid === props.connectionId) ?? null;
    },
    [api, props.tenantId, props.connectionId],
  );
  const [runId, setRunId] = useState<number | null>(null);
  const [runNote, setRunNote] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const action = useAction();
  const [link, setLink] = useState<ConsentLink | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [cred, setCred] = useState<CredentialDraft>(emptyCredential);
  const [notice, setNotice] = useState<string | null>(null);
  const c = conn.data;

  if (conn.data === null) {
    return (
      <>
        <PageTitle title="Connection not found">Connection not found</PageTitle>
        <p>
          <Link to={`/tenants/${props.tenantId}`}>Back to the tenant</Link>
        </p>
      </>
    );
  }
  if (!c) {
    return (
      <>
        <PageTitle title="Connection">Connection</PageTitle>
        <ErrorNotice error={conn.error} />
        {conn.loading ? <Loading what="the connection" /> : null}
      </>
    );
  }

  const refresh = async () => {
    await conn.reload();
    setHistoryKey((k) => k + 1);
  };
  const act = (work: () => Promise<void>) => {
    setNotice(null);
    return action.run(work);
  };

  const start = (op: (typeof OPERATIONS)[number]['key']) =>
    act(async () => {
      setRunNote(null);
      try {
        if (op === 'verification') {
          const r = await api.post<VerificationStarted>(`/admin/provider-connections/${c.id}/verification`);
          setRunNote(
            r.status === 'deduped'
              ? 'A verification was already running: showing it.'
              : r.status === 'scope_busy'
                ? 'Another operation is active on this connection: showing it.'
                : null,
          );
          setRunId(r.operation_run_id);
        } else {
          const r = await api.post<RunRef>(`/tenants/${props.tenantId}/provider-connections/${c.uuid}/operations/${op}`);
          setRunId(r.id);
        }
        setHistoryKey((k) => k + 1);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'scope_busy') {
          const active = (err.details as Partial<ScopeBusy>).active_run;
          setRunNote(`Another operation (${active?.type ?? 'unknown'}) is active on this connection: showing it.`);
          if (active) setRunId(active.id);
          return;
        }
        throw err;
      }
    });

  const generateLink = () => act(async () => setLink(await api.post<ConsentLink>(`/admin/provider-connections/${c.id}/admin-consent-link`)));

  const confirmHeader = { 'x-confirm': String(c.id) };
  const switchType = () =>
    setConfirm(
      c.connection_type === 'platform'
        ? {
            title: 'Switch to dedicated mode?',
            tone: 'warning',
            confirmLabel: 'Switch to dedicated',
            body: (
              <p>
                <strong>{c.display_name}</strong> will use the customer's own app registration. Consent and verification are reset, and runs are blocked until a
                credential is attached. Needs <code>providers.manage_dedicated</code>; the change is audited.
              </p>
            ),
            action: async () => {
              await api.put(`/admin/provider-connections/${c.id}/connection-type`, { connection_type: 'dedicated' } satisfies ConnectionTypeRequest, {
                headers: confirmHeader,
              });
              await refresh();
              setNotice('Switched to dedicated. Attach the credential below.');
            },
          }
        : {
            title: 'Switch back to the platform app?',
            tone: 'danger',
            confirmLabel: 'Switch to platform and delete the credential',
            body: (
              <p>
                The dedicated credential of <strong>{c.display_name}</strong> is deleted and consent must be granted again for the platform app.
              </p>
            ),
            action: async () => {
              await api.put(`/admin/provider-connections/${c.id}/connection-type`, { connection_type: 'platform' } satisfies ConnectionTypeRequest, {
                headers: confirmHeader,
              });
              await refresh();
              setNotice('Switched to the platform app.');
            },
          },
    );

  const deleteCredential = () =>
    setConfirm({
      title: 'Delete the dedicated credential?',
      tone: 'danger',
      confirmLabel: 'Delete credential',
      body: (
        <p>
          The credential of <strong>{c.display_name}</strong> is destroyed and cannot be recovered. Runs are blocked until a new one is attached.
        </p>
      ),
      action: async () => {
        await api.del(`/admin/provider-connections/${c.id}/dedicated-credential`, { headers: confirmHeader });
        await refresh();
        setNotice('The dedicated credential was deleted.');
      },
    });

  const saveCredential = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api.put(`/admin/provider-connections/${c.id}/dedicated-credential`, credentialBody(cred));
      setCred(emptyCredential());
      await refresh();
      setNotice('The credential was saved. Run a verification to check it.');
    });
  };

  const setDefault = () =>
    act(async () => {
      await api.patch(`/tenants/${props.tenantId}/provider-connections/${c.uuid}`, { is_default: true } satisfies UpdateConnection);
      await refresh();
    });
  const toggleDisabled = () =>
    act(async () => {
      await api.patch(`/tenants/${props.tenantId}/provider-connections/${c.uuid}`, {
        status: c.status === 'disabled' ? 'connected' : 'disabled',
      } satisfies UpdateConnection);
      await refresh();
    });

  return (
    <>
      <p className="crumbs">
        <Link to="/tenants">Tenants</Link> / <Link to={`/tenants/${props.tenantId}`}>{tenant.data?.name ?? `Tenant ${props.tenantId}`}</Link> /
      </p>
      <PageTitle title={c.display_name}>{c.display_name}</PageTitle>
      <p className="lead">
        <ConnectionBadges c={c} /> <Badge value={c.connection_type} /> {c.is_default ? <Badge value="default" /> : null}
      </p>
      <dl className="facts">
        <dt>Entra tenant</dt>
        <dd className="mono">{c.entra_tenant_id}</dd>
        <dt>Application (client) id</dt>
        <dd className="mono">{c.effective_app_id ?? '—'}</dd>
        <dt>Credential</dt>
        <dd>
          {c.connection_type === 'platform'
            ? 'platform app (operator)'
            : c.credential_kind
              ? `${c.credential_kind.replace('_', ' ')} (${c.credential_source ?? 'dedicated'})`
              : 'none attached'}
        </dd>
        <dt>Last health check</dt>
        <dd>{when(c.last_health_check_at)}</dd>
        <dt>Last error</dt>
        <dd>{c.last_error_reason_code ? `${c.last_error_reason_code}: ${c.last_error_message ?? ''}` : '—'}</dd>
        <dt>Connection number</dt>
        <dd className="mono">{c.id}</dd>
      </dl>
      {c.migration_review_required ? <Notice tone="warning">This connection was migrated and needs a review of its identity.</Notice> : null}
      <ErrorNotice error={action.error} context="The action failed" />
      {notice ? <Notice tone="success">{notice}</Notice> : null}

      <section aria-labelledby="consent-h">
        <h2 id="consent-h">Admin consent</h2>
        <p>
          A Global Administrator of the customer's tenant opens this link and approves the {c.connection_type === 'platform' ? 'platform' : 'dedicated'} app.
          The link is single-use and expires.
        </p>
        {can('providers.manage') ? (
          <button type="button" onClick={() => void generateLink()}>
            Generate consent link
          </button>
        ) : null}
        {link ? (
          <div className="consent-link">
            <CopyField id="consent-url" label="Consent link" value={link.url} />
            <p className="help">
              For app <code>{link.client_id}</code> · expires {when(link.expires_at)} ·{' '}
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                open in a new tab
              </a>
            </p>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="ops-h">
        <h2 id="ops-h">Operations</h2>
        <div className="button-row">
          {OPERATIONS.map((o) => (
            <button key={o.key} type="button" onClick={() => void start(o.key)} disabled={!can('providers.run')}>
              {o.label}
            </button>
          ))}
        </div>
        {runNote ? <Notice>{runNote}</Notice> : null}
        {runId ? <RunMonitor key={runId} runId={runId} title="Current run" onDone={() => void refresh()} /> : null}
      </section>

      {can('providers.manage') ? (
        <section aria-labelledby="settings-h">
          <h2 id="settings-h">Settings</h2>
          <div className="button-row">
            {!c.is_default ? (
              <button type="button" onClick={() => void setDefault()}>
                Make default
              </button>
            ) : null}
            <button type="button" onClick={() => void toggleDisabled()}>
              {c.status === 'disabled' ? 'Enable connection' : 'Disable connection'}
            </button>
            {can('providers.manage_dedicated') ? (
              <button type="button" className="warning" onClick={switchType}>
                {c.connection_type === 'platform' ? 'Switch to dedicated…' : 'Switch to platform…'}
              </button>
            ) : null}
          </div>
        </section>
      ) : null}

      {c.connection_type === 'dedicated' && can('providers.manage_dedicated') ? (
        <section aria-labelledby="cred-h">
          <h2 id="cred-h">Dedicated credential</h2>
          <form onSubmit={saveCredential} className="inline-form">
            <CredentialFields idPrefix="rotate" value={cred} onChange={setCred} />
            <button type="submit" className="primary" disabled={!credentialComplete(cred)}>
              {c.credential_kind ? 'Rotate credential' : 'Attach credential'}
            </button>
          </form>
          {c.credential_kind ? (
            <button type="button" className="danger" onClick={deleteCredential}>
              Delete credential…
            </button>
          ) : null}
        </section>
      ) : null}

      <RunHistory targetType="provider_connection" targetId={c.uuid} refreshKey={historyKey} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}
