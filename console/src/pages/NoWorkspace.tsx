// The vendor before any workspace exists: create the first one here.
import { useState } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import type { CreateWorkspace as CreateWorkspaceBody, Workspace } from '../lib/api-types.ts';

export function NoWorkspace() {
  const { me, workspaces } = useSession();
  if (me.kind !== 'vendor') {
    return (
      <>
        <PageTitle title="Workspace">Loading workspace…</PageTitle>
      </>
    );
  }
  return (
    <>
      <PageTitle title="Workspaces">{workspaces.length ? 'Choose a workspace' : 'No workspaces yet'}</PageTitle>
      <p>Every tenant, connection, integration and SCIM configuration belongs to a workspace: one customer of the admin suite.</p>
      <CreateWorkspace />
    </>
  );
}

export function CreateWorkspace() {
  const { api, reloadWorkspaces, selectWorkspace } = useSession();
  const [name, setName] = useState('');
  const create = useAction();
  const submit = create.submit(async () => {
    const w = await api.post<Workspace>('/api/v1/workspaces', { name: name.trim() } satisfies CreateWorkspaceBody);
    await reloadWorkspaces();
    selectWorkspace(w.id);
    setName('');
  });
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="new-ws-h">
      <h2 id="new-ws-h">New workspace</h2>
      <div className="field">
        <label htmlFor="ws-name">Workspace name</label>
        <input id="ws-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={create.busy || !name.trim()}>
        Create workspace
      </button>
      <ErrorNotice error={create.error} context="The workspace was not created" />
    </form>
  );
}
