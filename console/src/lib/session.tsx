// The signed-in session as React context: the API client, who the token belongs to, the
// workspaces it may see and the one selected (the vendor switches; a member has exactly one).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Api, type ApiError, createApi } from './api.ts';
import { clearSession, type StoredSession, saveWorkspace, savedWorkspace } from './auth.ts';
import type { Me, Workspace, WorkspacePage } from './api-types.ts';
import { listAll } from './api.ts';

export interface SessionValue {
  api: Api;
  me: Me;
  workspaces: Workspace[];
  workspace: Workspace | null;
  selectWorkspace(id: string): void;
  reloadWorkspaces(): Promise<void>;
  can(capability: string): boolean;
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside a signed-in shell');
  return v;
}

/** Workspace-scoped pages need a workspace: this one, never null inside <RequireWorkspace>. */
export function useWorkspace(): Workspace {
  const { workspace } = useSession();
  if (!workspace) throw new Error('no workspace selected');
  return workspace;
}

export function SessionProvider(props: { session: StoredSession; me: Me; onSignOut(reason?: string): void; children: ReactNode }) {
  const { session, me, onSignOut } = props;
  const signOut = useCallback(
    (reason?: string) => {
      clearSession();
      onSignOut(reason);
    },
    [onSignOut],
  );
  const api = useMemo(() => createApi(session.token, (err: ApiError) => signOut(`Your session ended: ${err.message}`)), [session.token, signOut]);
  const [workspaces, setWorkspaces] = useState<Workspace[]>([]);
  const [selected, setSelected] = useState<string | null>(me.workspace_id ?? savedWorkspace());

  const reloadWorkspaces = useCallback(async () => {
    const list = await listAll<WorkspacePage>(api, '/api/v1/workspaces'); // the vendor sees every workspace
    setWorkspaces(list);
    setSelected((cur) => (cur && list.some((w) => w.id === cur) ? cur : (list[0]?.id ?? null)));
  }, [api]);

  useEffect(() => {
    reloadWorkspaces().catch(() => {});
  }, [reloadWorkspaces]);

  const value = useMemo<SessionValue>(
    () => ({
      api,
      me,
      workspaces,
      workspace: workspaces.find((w) => w.id === selected) ?? null,
      selectWorkspace(id: string) {
        saveWorkspace(id);
        setSelected(id);
      },
      reloadWorkspaces,
      can: (c: string) => me.capabilities.includes(c),
      signOut,
    }),
    [api, me, workspaces, selected, reloadWorkspaces, signOut],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}
