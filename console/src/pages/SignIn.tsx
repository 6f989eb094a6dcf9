// Sign in with an API token (kept in this tab's sessionStorage only) or through the configured
// OIDC issuer (authorization code + PKCE).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, errorText } from '../lib/api.ts';
import { startOidcSignIn, type StoredSession } from '../lib/auth.ts';
import type { ConsoleConfig, Me } from '../lib/api-types.ts';
import { whoAmI } from '../lib/me.ts';

export function SignIn(props: { config: ConsoleConfig | null; message?: string; onSignedIn(session: StoredSession, me: Me): void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const oidc = props.config?.oidc ?? null;

  useEffect(() => {
    document.title = 'Sign in · Switchboard';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Paste an API token first.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await whoAmI(value);
      setToken('');
      props.onSignedIn({ token: value, via: 'token', expiresAt: null }, me);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? `This token was not accepted (${err.code}).` : errorText(err));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const oidcSignIn = async () => {
    setError(null);
    try {
      if (oidc) await startOidcSignIn(oidc);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <p className="brand-large">Switchboard</p>
        <h1>Sign in to the console</h1>
        {props.message ? (
          <p className="notice notice-warning" role="status">
            {props.message}
          </p>
        ) : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="token">API token</label>
          <input
            id="token"
            ref={input}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="token-help"
            aria-invalid={error ? true : undefined}
            autoFocus
          />
          <p id="token-help" className="help">
            A Switchboard API token (<code>sbt_…</code>). It is kept in this browser tab only and forgotten when the tab closes.
          </p>
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {oidc ? (
          <div className="oidc">
            <p className="divider">or</p>
            {oidc.clientId && oidc.authorizationEndpoint ? (
              <button type="button" onClick={() => void oidcSignIn()}>
                Sign in with {new URL(oidc.issuer).host}
              </button>
            ) : (
              <p className="help">
                Single sign-on through {oidc.issuer} is not available{oidc.error ? `: ${oidc.error}` : ' (no console client id configured)'}.
              </p>
            )}
          </div>
        ) : null}
      </div>
    </main>
  );
}
