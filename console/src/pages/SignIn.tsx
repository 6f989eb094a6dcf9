// Sign in with an API token (kept in this tab's sessionStorage only) or through the configured
// OIDC issuer (authorization code + PKCE).
import { useEffect, useRef, useState } from 'react';
import { ApiError, errorText } from '../lib/api.ts';
import { startOidcSignIn, type StoredSession } from '../lib/auth.ts';
import type { ConsoleConfig, Me } from '../lib/api-types.ts';
import { whoAmI } from '../lib/me.ts';
import { useAction } from '../lib/use-action.ts';

/** A rejected token says so with its code; anything else as it is. */
const signInError = (err: unknown) => (err instanceof ApiError && err.status === 401 ? `This token was not accepted (${err.code}).` : errorText(err));

export function SignIn(props: { config: ConsoleConfig | null; message?: string; onSignedIn(session: StoredSession, me: Me): void }) {
  const [token, setToken] = useState('');
  const signIn = useAction();
  const error = signIn.error ? signInError(signIn.error) : null;
  const input = useRef<HTMLInputElement>(null);
  const oidc = props.config?.oidc ?? null;

  useEffect(() => {
    document.title = 'Sign in · Switchboard';
    // The page has one field: the cursor starts in it (autoFocus, done where it can be seen).
    input.current?.focus();
  }, []);

  const submit = signIn.submit(async () => {
    const value = token.trim();
    try {
      if (!value) throw new Error('Paste an API token first.');
      const me = await whoAmI(value);
      setToken('');
      props.onSignedIn({ token: value, via: 'token', expiresAt: null }, me);
    } catch (err) {
      input.current?.focus();
      throw err;
    }
  });

  const oidcSignIn = () =>
    signIn.run(async () => {
      if (oidc) await startOidcSignIn(oidc);
    });

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
        <form onSubmit={submit} noValidate>
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
          />
          <p id="token-help" className="help">
            A Switchboard API token (<code>sbt_…</code>). It is kept in this browser tab only and forgotten when the tab closes.
          </p>
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={signIn.busy}>
            {signIn.busy ? 'Signing in…' : 'Sign in'}
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
