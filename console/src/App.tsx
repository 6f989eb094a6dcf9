// The console: sign-in until a session is established, then the shell with its screens.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorText, getPublic } from './lib/api.ts';
import { whoAmI } from './lib/me.ts';
import { clearSession, finishOidcSignIn, loadSession, rememberReturnPath, saveSession, type StoredSession, takeReturnPath } from './lib/auth.ts';
import { navigate, usePath } from './lib/router.tsx';
import { SessionProvider } from './lib/session.tsx';
import type { ConsoleConfig, Me } from './lib/api-types.ts';
import { Shell } from './Shell.tsx';
import { SignIn } from './pages/SignIn.tsx';

type State = { kind: 'checking' } | { kind: 'signed-out'; message?: string } | { kind: 'signed-in'; session: StoredSession; me: Me };

export function App() {
  const path = usePath();
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [state, setState] = useState<State>({ kind: 'checking' });

  useEffect(() => {
    getPublic<ConsoleConfig>('/console/api/config')
      .then(setConfig)
      .catch(() => setConfig({ oidc: null }));
  }, []);

  const signedIn = useCallback((session: StoredSession, me: Me) => {
    saveSession(session);
    setState({ kind: 'signed-in', session, me });
    navigate(takeReturnPath(), { replace: true });
  }, []);

  // On load: an OIDC answer to finish, a session of this tab to check, or the sign-in form.
  useEffect(() => {
    if (path.startsWith('/oidc/callback')) {
      if (!config) return;
      const search = location.search;
      history.replaceState(null, '', '/console/oidc/callback'); // the code is single-use: do not keep it in history
      if (!config.oidc) {
        setState({ kind: 'signed-out', message: 'OIDC sign-in is not configured on this server.' });
        return;
      }
      finishOidcSignIn(config.oidc, search)
        .then(async (session) => signedIn(session, await whoAmI(session.token)))
        .catch((err) => {
          setState({ kind: 'signed-out', message: errorText(err) });
          navigate('/sign-in', { replace: true });
        });
      return;
    }
    if (state.kind !== 'checking') return;
    const stored = loadSession();
    if (!stored) {
      rememberReturnPath(path);
      setState({ kind: 'signed-out' });
      return;
    }
    whoAmI(stored.token)
      .then((me) => setState({ kind: 'signed-in', session: stored, me }))
      .catch((err) => {
        clearSession();
        rememberReturnPath(path);
        setState({ kind: 'signed-out', message: err instanceof ApiError && err.status === 401 ? 'Your session has ended; sign in again.' : errorText(err) });
      });
  }, [config, path.startsWith('/oidc/callback')]);

  const onSignOut = useCallback((message?: string) => {
    setState({ kind: 'signed-out', message });
    navigate('/sign-in', { replace: true });
  }, []);

  if (state.kind === 'checking') {
    return (
      <main className="centered">
        <p className="loading" aria-live="polite">
          Checking your session…
        </p>
      </main>
    );
  }
  if (state.kind === 'signed-out') {
    return <SignIn config={config} message={state.message} onSignedIn={signedIn} />;
  }
  return (
    <SessionProvider session={state.session} me={state.me} onSignOut={onSignOut}>
      <Shell path={path} />
    </SessionProvider>
  );
}
