// The signed-in frame: header with the workspace switcher, navigation, and the current screen.
import { useEffect, useRef } from 'react';
import { Link, match, navigate } from './lib/router.tsx';
import { useSession } from './lib/session.tsx';
import { Audit } from './pages/Audit.tsx';
import { ConnectionDetail } from './pages/ConnectionDetail.tsx';
import { ConsentResult } from './pages/ConsentResult.tsx';
import { Integrations } from './pages/Integrations.tsx';
import { NoWorkspace } from './pages/NoWorkspace.tsx';
import { RunPage } from './pages/RunPage.tsx';
import { ScimDetail } from './pages/ScimDetail.tsx';
import { ScimList } from './pages/ScimList.tsx';
import { TenantDetail } from './pages/TenantDetail.tsx';
import { Tenants } from './pages/Tenants.tsx';
import { PageTitle } from './components/PageTitle.tsx';

const NAV = [
  { to: '/tenants', label: 'Tenants', section: 'tenants' },
  { to: '/integrations', label: 'Integrations', section: 'integrations' },
  { to: '/scim', label: 'SCIM', section: 'scim' },
  { to: '/audit', label: 'Audit log', section: 'audit' },
];

function Redirect(props: { to: string }) {
  useEffect(() => navigate(props.to, { replace: true }), [props.to]);
  return null;
}

function Screen(props: { path: string }) {
  const { path } = props;
  const { workspace } = useSession();
  const bare = path.split('?')[0];
  if (bare === '/' || bare === '' || bare === '/sign-in') {
    return <Redirect to="/tenants" />;
  }
  let m: Record<string, string> | null;
  if ((m = match('/runs/:id', bare))) return <RunPage id={Number(m.id)} />;
  if (match('/consent-result', bare)) return <ConsentResult search={path.slice(bare.length)} />;
  if (!workspace) return <NoWorkspace />;
  if (match('/tenants', bare)) return <Tenants key={workspace.id} />;
  if ((m = match('/tenants/:tenantId', bare))) return <TenantDetail key={workspace.id} tenantId={Number(m.tenantId)} />;
  if ((m = match('/tenants/:tenantId/connections/:connectionId', bare)))
    return <ConnectionDetail key={workspace.id} tenantId={Number(m.tenantId)} connectionId={m.connectionId} />;
  if (match('/integrations', bare)) return <Integrations key={workspace.id} />;
  if (match('/scim', bare)) return <ScimList key={workspace.id} />;
  if ((m = match('/scim/:id', bare))) return <ScimDetail key={workspace.id} id={m.id} />;
  if (match('/audit', bare)) return <Audit key={workspace.id} />;
  return (
    <>
      <PageTitle title="Not found">Page not found</PageTitle>
      <p>
        There is no console page at <code>{bare}</code>. <Link to="/tenants">Go to tenants</Link>.
      </p>
    </>
  );
}

function WorkspaceSwitcher() {
  const { me, workspaces, workspace, selectWorkspace } = useSession();
  if (me.kind !== 'vendor') {
    return (
      <p className="workspace-name">
        <span className="muted">Workspace</span> <strong>{workspace?.name ?? '…'}</strong>
      </p>
    );
  }
  return (
    <div className="workspace-switcher">
      <label htmlFor="workspace-select">Workspace</label>
      <select
        id="workspace-select"
        value={workspace?.id ?? ''}
        onChange={(e) => {
          selectWorkspace(e.target.value);
          navigate('/tenants');
        }}
      >
        {workspaces.length === 0 ? <option value="">No workspaces yet</option> : null}
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Shell(props: { path: string }) {
  const { me, signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const section = props.path.split('/')[1]?.split('?')[0] ?? '';

  // After a navigation, focus the new page's heading (not on the first render: the browser's own start is fine).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => main.current?.querySelector<HTMLElement>('h1')?.focus(), 0);
    return () => clearTimeout(t);
  }, [props.path]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/tenants" className="brand">
          Switchboard
        </Link>
        <WorkspaceSwitcher />
        <div className="who">
          <span className="muted" title={me.actor}>
            {me.kind === 'vendor' ? 'Vendor operator' : me.role ? `${me.role} (${me.kind})` : me.kind}
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Console">
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <Link to={n.to} aria-current={section === n.section ? 'page' : undefined}>
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} className="content">
        <Screen path={props.path} />
      </main>
    </div>
  );
}
