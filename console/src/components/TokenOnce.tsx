// A SCIM bearer token right after it was created or rotated: the only time it is ever shown.
import { CopyField } from './CopyButton.tsx';
import type { ScimToken } from '../lib/api-types.ts';
import { when } from '../lib/format.ts';

export function TokenOnce(props: { token: ScimToken; onDismiss(): void }) {
  const { token } = props;
  return (
    <section className="token-once" aria-labelledby="token-once-h">
      <h2 id="token-once-h">Copy the token now</h2>
      <p className="notice notice-warning" role="status">
        This token is shown <strong>once</strong>. Switchboard keeps only its hash; if it is lost, rotate to get a new one.
      </p>
      <CopyField id="scim-token" label="SCIM token" value={token.token} secret />
      <CopyField id="scim-url" label="Provisioning URL" value={token.baseUrl} />
      {'previousTokenExpiresAt' in token ? (
        <p className="help">
          {token.previousTokenExpiresAt
            ? `The previous token keeps working until ${when(token.previousTokenExpiresAt)}, or until the rotation is completed.`
            : 'The previous token stopped working.'}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={props.onDismiss}>
        I have stored the token
      </button>
    </section>
  );
}
