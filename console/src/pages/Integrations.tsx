// The integrations store of the workspace: credentials for outside services (never shown back:
// fingerprint and last four only), defaults per category, verification runs, projects and
// platform health.
import { useMemo, useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNotice, Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { RunHistory } from '../components/RunHistory.tsx';
import { RunMonitor } from '../components/RunView.tsx';
import { ShapeFields, shapeComplete, shapeValues } from '../components/ShapeFields.tsx';
import { ApiError } from '../lib/api.ts';
import { shortFingerprint, when } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import type {
  CreateIntegration,
  CreateProject,
  Integration,
  IntegrationShapes,
  Project,
  ProviderShape,
  UpdateIntegration,
  VerifyStarted,
} from '../lib/api-types.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { PlatformHealth } from './PlatformHealth.tsx';

export function Integrations() {
  const { api, me, can } = useSession();
  if (me.kind === 'vendor') {
    return (
      <>
        <PageTitle title="Integrations">Integrations</PageTitle>
        <Notice tone="warning">
          The integrations store acts in the signed-in member's own workspace, so the vendor token cannot open it. Sign in with a token of an owner of this
          workspace to manage its integrations.
        </Notice>
      </>
    );
  }
  return <IntegrationsStore api={api} canManage={can('integrations.manage')} canView={can('integrations.view')} />;
}

function IntegrationsStore(props: { api: ReturnType<typeof useSession>['api']; canManage: boolean; canView: boolean }) {
  const { api, canManage } = props;
  const shapes = useAsync((signal) => api.get<IntegrationShapes>('/console/api/integration-shapes', { signal }), [api]);
  const list = useAsync((signal) => (props.canView ? api.get<Integration[]>('/sfp/api/integrations', { signal }) : Promise.resolve([])), [api, props.canView]);
  const projects = useAsync((signal) => api.get<Project[]>('/sfp/api/projects', { signal }), [api]);
  const [verifyRun, setVerifyRun] = useState<{ id: number; integration: string } | null>(null);
  const [rotating, setRotating] = useState<Integration | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const action = useAction();
  const [historyKey, setHistoryKey] = useState(0);
  const byProvider = useMemo(() => new Map((shapes.data?.providers ?? []).map((p) => [p.provider, p])), [shapes.data]);

  const verify = (i: Integration) =>
    action.run(async () => {
      try {
        const r = await api.post<VerifyStarted>(`/sfp/api/integrations/${i.id}/verify`);
        setVerifyRun({ id: r.run.id, integration: i.id });
      } catch (err) {
        // 409: a verification is already running for it — watch that one.
        const running = err instanceof ApiError && err.status === 409 ? (err.details as Partial<VerifyStarted>).run : undefined;
        if (running?.id) {
          setVerifyRun({ id: running.id, integration: i.id });
          return;
        }
        throw err;
      }
    });
  const makeDefault = (i: Integration) =>
    action.run(async () => {
      await api.patch(`/sfp/api/integrations/${i.id}`, { isDefault: true } satisfies UpdateIntegration);
      await list.reload();
    });
  const remove = (i: Integration) =>
    setConfirm({
      title: 'Delete this integration?',
      tone: 'danger',
      confirmLabel: 'Delete integration and credential',
      body: (
        <p>
          The {byProvider.get(i.provider)?.displayName ?? i.provider} integration and its encrypted credential are destroyed. Anything that reads it will stop
          working. This cannot be undone.
        </p>
      ),
      action: async () => {
        await api.del(`/sfp/api/integrations/${i.id}`);
        if (rotating?.id === i.id) setRotating(null);
        await list.reload();
      },
    });

  return (
    <>
      <PageTitle title="Integrations">Integrations</PageTitle>
      <p className="lead">
        Credentials for developer, AI and observability services. Secrets are stored encrypted and never shown again: you see a fingerprint and the last four
        characters.
      </p>
      <ErrorNotice error={action.error} context="The action failed" />
      <DataTable
        rows={list.data}
        what="integrations"
        loading={list.loading}
        error={list.error}
        errorContext="Could not load integrations"
        empty="No integrations yet."
        className="integrations"
        rowKey={(i) => i.id}
        rowData={(i) => ({ 'data-integration': i.id })}
        columns={[
          {
            header: 'Provider',
            cell: (i) => (
              <>
                <strong>{byProvider.get(i.provider)?.displayName ?? i.provider}</strong>
                <div className="small muted">
                  {i.provider} · {i.authType}
                </div>
                {i.isDefault ? <Badge value="default" title={`default of category ${i.category}`} /> : null}
              </>
            ),
          },
          { header: 'Scope', cell: (i) => (i.isGlobal ? 'Global' : i.projects.join(', ')) },
          {
            header: 'Stored credential',
            cell: (i) => (
              <ul className="compact hints">
                {Object.entries(i.credentials).map(([field, h]) => (
                  <li key={field}>
                    <span className="field-name">{field}</span> <span className="mono">{h.last4 ? `••••${h.last4}` : '••••'}</span>{' '}
                    <span className="mono small muted" title={h.fingerprint}>
                      {shortFingerprint(h.fingerprint)}
                    </span>
                  </li>
                ))}
              </ul>
            ),
          },
          {
            header: 'Verification',
            cell: (i) => (
              <>
                <Badge value={i.verification.status} />
                {i.verification.reasonCode ? <div className="mono small">{i.verification.reasonCode}</div> : null}
                {i.verification.checkedAt ? <div className="small muted">{when(i.verification.checkedAt)}</div> : null}
              </>
            ),
          },
          {
            header: 'Actions',
            cell: (i) =>
              canManage ? (
                <div className="button-row compact">
                  <button type="button" onClick={() => void verify(i)} aria-label={`Verify ${i.provider} integration`}>
                    Verify
                  </button>
                  {i.isGlobal && !i.isDefault ? (
                    <button type="button" onClick={() => void makeDefault(i)} aria-label={`Make ${i.provider} integration the default`}>
                      Make default
                    </button>
                  ) : null}
                  <button type="button" onClick={() => setRotating(i)} aria-label={`Rotate ${i.provider} credential`}>
                    Rotate…
                  </button>
                  <button type="button" className="danger" onClick={() => remove(i)} aria-label={`Delete ${i.provider} integration`}>
                    Delete…
                  </button>
                </div>
              ) : null,
          },
        ]}
      />

      {verifyRun ? (
        <>
          <RunMonitor
            key={verifyRun.id}
            runId={verifyRun.id}
            title="Verification"
            onDone={() => {
              void list.reload();
              setHistoryKey((k) => k + 1);
            }}
          />
          <RunHistory targetType="integration" targetId={verifyRun.integration} refreshKey={historyKey} heading="Verification history" />
        </>
      ) : null}

      {rotating && byProvider.get(rotating.provider) ? (
        <RotateCredential
          key={rotating.id}
          integration={rotating}
          shape={byProvider.get(rotating.provider)!}
          onDone={async () => {
            setRotating(null);
            await list.reload();
          }}
          onCancel={() => setRotating(null)}
        />
      ) : null}

      {canManage && shapes.data ? (
        <NewIntegration providers={shapes.data.providers} projects={projects.data ?? []} onCreated={() => void list.reload()} />
      ) : null}
      <ErrorNotice error={shapes.error} context="Could not load the provider catalog" />
      <Projects projects={projects.data} error={projects.error} reload={projects.reload} canManage={canManage} />
      <PlatformHealth />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}

function NewIntegration(props: { providers: ProviderShape[]; projects: Project[]; onCreated(): void }) {
  const { api } = useSession();
  const [provider, setProvider] = useState('');
  const [authType, setAuthType] = useState('');
  const [creds, setCreds] = useState<Record<string, string>>({});
  const [config, setConfig] = useState<Record<string, string>>({});
  const [global, setGlobal] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [isDefault, setIsDefault] = useState(false);
  const [verifyNow, setVerifyNow] = useState(false);
  const [saved, setSaved] = useState<Integration | null>(null);
  const save = useAction();
  const spec = props.providers.find((p) => p.provider === provider);
  const shape = spec?.authTypes.find((a) => a.authType === authType) ?? (spec?.authTypes.length === 1 ? spec.authTypes[0] : undefined);

  const chooseProvider = (p: string) => {
    setProvider(p);
    const s = props.providers.find((x) => x.provider === p);
    setAuthType(s?.authTypes[0]?.authType ?? '');
    setCreds({});
    setConfig({});
  };

  const submit = save.submit(async () => {
    if (!spec || !shape) return;
    setSaved(null);
    const configValues = shapeValues(shape.config, config);
    const created = await api.post<Integration>(
      '/sfp/api/integrations',
      {
        // The shapes come from the server's provider catalog: their names are the contract's.
        provider: spec.provider as CreateIntegration['provider'],
        authType: shape.authType as CreateIntegration['authType'],
        credentials: shapeValues(shape.credentials, creds),
        ...(Object.keys(configValues).length ? { config: configValues } : {}),
        isGlobal: global,
        ...(global ? { isDefault } : { projects: chosen }),
      } satisfies CreateIntegration,
      { query: verifyNow ? { verify: true } : undefined },
    );
    // The secret leaves the browser's memory with the form.
    setCreds({});
    setSaved(created);
    props.onCreated();
  });

  const ready = spec && shape && shapeComplete(shape.credentials, creds) && shapeComplete(shape.config, config) && (global || chosen.length > 0);
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="new-int-h">
      <h2 id="new-int-h">New integration</h2>
      <div className="field">
        <label htmlFor="int-provider">Provider</label>
        <select id="int-provider" required value={provider} onChange={(e) => chooseProvider(e.target.value)}>
          <option value="">Choose a provider…</option>
          {props.providers.map((p) => (
            <option key={p.provider} value={p.provider}>
              {p.displayName} ({p.provider})
            </option>
          ))}
        </select>
      </div>
      {spec ? (
        <div className="field">
          <label htmlFor="int-auth">Authentication</label>
          <select
            id="int-auth"
            value={shape?.authType ?? ''}
            onChange={(e) => {
              setAuthType(e.target.value);
              setCreds({});
            }}
          >
            {spec.authTypes.map((a) => (
              <option key={a.authType} value={a.authType}>
                {a.authType}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {shape ? (
        <>
          <ShapeFields idPrefix="int-cred" legend="Credentials" fields={shape.credentials} values={creds} onChange={setCreds} />
          <ShapeFields idPrefix="int-config" legend="Configuration" fields={shape.config} values={config} onChange={setConfig} />
          <fieldset className="radios">
            <legend>Scope</legend>
            <label>
              <input type="radio" name="int-scope" checked={global} onChange={() => setGlobal(true)} /> Global: every project may use it
            </label>
            <label>
              <input type="radio" name="int-scope" checked={!global} onChange={() => setGlobal(false)} disabled={props.projects.length === 0} /> Only these
              projects{props.projects.length === 0 ? ' (register a project first)' : ''}
            </label>
            {!global ? (
              <div className="checkbox-list">
                {props.projects.map((p) => (
                  <label key={p.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={chosen.includes(p.identifier)}
                      onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.identifier] : c.filter((x) => x !== p.identifier)))}
                    />{' '}
                    {p.identifier}
                  </label>
                ))}
              </div>
            ) : null}
          </fieldset>
          {global ? (
            <label className="checkbox">
              <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> Default of its category ({spec?.category})
            </label>
          ) : null}
          <label className="checkbox">
            <input type="checkbox" checked={verifyNow} onChange={(e) => setVerifyNow(e.target.checked)} /> Verify with one live call while saving
          </label>
        </>
      ) : null}
      <button type="submit" className="primary" disabled={save.busy || !ready}>
        Save integration
      </button>
      <ErrorNotice error={save.error} context="The integration was not saved" />
      {saved ? (
        <Notice tone="success">
          Saved {saved.provider} ({saved.authType}). Stored:{' '}
          {Object.entries(saved.credentials)
            .map(([f, h]) => `${f} ${h.last4 ? `••••${h.last4}` : '••••'}`)
            .join(', ')}
          . Verification: {saved.verification.status}
          {saved.verification.reasonCode ? ` (${saved.verification.reasonCode})` : ''}.
        </Notice>
      ) : null}
    </form>
  );
}

function RotateCredential(props: { integration: Integration; shape: ProviderShape; onDone(): Promise<void>; onCancel(): void }) {
  const { api } = useSession();
  const shape = props.shape.authTypes.find((a) => a.authType === props.integration.authType);
  const [creds, setCreds] = useState<Record<string, string>>({});
  const save = useAction();
  if (!shape) return null;
  const submit = save.submit(async () => {
    await api.patch(`/sfp/api/integrations/${props.integration.id}`, { credentials: shapeValues(shape.credentials, creds) } satisfies UpdateIntegration);
    setCreds({});
    await props.onDone();
  });
  return (
    <form className="inline-form rotate" onSubmit={submit} aria-labelledby="rotate-h">
      <h2 id="rotate-h">
        Rotate the {props.shape.displayName} credential ({props.integration.authType})
      </h2>
      <p className="help">The new values replace the stored ones; the old ones are destroyed.</p>
      <ShapeFields idPrefix="rot-cred" legend="New credentials" fields={shape.credentials} values={creds} onChange={setCreds} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.busy || !shapeComplete(shape.credentials, creds)}>
          Save new credential
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <ErrorNotice error={save.error} context="The credential was not rotated" />
    </form>
  );
}

function Projects(props: { projects: Project[] | undefined; error: unknown; reload(): Promise<void>; canManage: boolean }) {
  const { api } = useSession();
  const [identifier, setIdentifier] = useState('');
  const [platform, setPlatform] = useState('github');
  const register = useAction();
  const submit = register.submit(async () => {
    await api.post('/sfp/api/projects', { identifier: identifier.trim(), platform: platform as CreateProject['platform'] } satisfies CreateProject);
    setIdentifier('');
    await props.reload();
  });
  return (
    <section aria-labelledby="projects-h">
      <h2 id="projects-h">Projects</h2>
      <ErrorNotice error={props.error} context="Could not load projects" />
      {props.projects && props.projects.length === 0 ? <p className="empty">No projects registered.</p> : null}
      {props.projects && props.projects.length > 0 ? (
        <ul className="projects">
          {props.projects.map((p) => (
            <li key={p.id}>
              <span className="mono">{p.identifier}</span> <span className="muted">({p.platform})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {props.canManage ? (
        <form className="inline-form row" onSubmit={submit} aria-label="Register a project">
          <div className="field">
            <label htmlFor="proj-id">Project identifier</label>
            <input id="proj-id" className="mono" placeholder="org/repo" value={identifier} onChange={(e) => setIdentifier(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="proj-platform">Platform</label>
            <select id="proj-platform" value={platform} onChange={(e) => setPlatform(e.target.value)}>
              <option value="github">GitHub</option>
              <option value="azure-devops">Azure DevOps</option>
            </select>
          </div>
          <button type="submit" disabled={register.busy || !identifier.trim()}>
            Register project
          </button>
          <ErrorNotice error={register.error} context="The project was not registered" />
        </form>
      ) : null}
    </section>
  );
}
