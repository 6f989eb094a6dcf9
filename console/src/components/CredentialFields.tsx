// The dedicated app registration's credential: a client secret, or a certificate with its
// private key. Write-only: the console never receives these values back.
import type { DedicatedCredential } from '../lib/api-types.ts';

export interface CredentialDraft {
  kind: 'client_secret' | 'certificate';
  clientId: string;
  clientSecret: string;
  privateKeyPem: string;
  certificatePem: string;
}

export const emptyCredential = (): CredentialDraft => ({ kind: 'client_secret', clientId: '', clientSecret: '', privateKeyPem: '', certificatePem: '' });

export function credentialBody(d: CredentialDraft): DedicatedCredential {
  return d.kind === 'client_secret'
    ? { credential_kind: 'client_secret' as const, client_id: d.clientId.trim(), client_secret: d.clientSecret }
    : { credential_kind: 'certificate' as const, client_id: d.clientId.trim(), private_key_pem: d.privateKeyPem, certificate_pem: d.certificatePem };
}

export const credentialComplete = (d: CredentialDraft) =>
  !!d.clientId.trim() && (d.kind === 'client_secret' ? !!d.clientSecret : !!d.privateKeyPem && !!d.certificatePem);

export function CredentialFields(props: { idPrefix: string; value: CredentialDraft; onChange(v: CredentialDraft): void }) {
  const { value: d, onChange, idPrefix: p } = props;
  const set = (patch: Partial<CredentialDraft>) => onChange({ ...d, ...patch });
  return (
    <fieldset className="credential">
      <legend>Dedicated app credential</legend>
      <div className="field">
        <label htmlFor={`${p}-client-id`}>Application (client) id</label>
        <input id={`${p}-client-id`} required value={d.clientId} onChange={(e) => set({ clientId: e.target.value })} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${p}-kind`}>Credential kind</label>
        <select id={`${p}-kind`} value={d.kind} onChange={(e) => set({ kind: e.target.value as CredentialDraft['kind'] })}>
          <option value="client_secret">Client secret</option>
          <option value="certificate">Certificate</option>
        </select>
      </div>
      {d.kind === 'client_secret' ? (
        <div className="field">
          <label htmlFor={`${p}-secret`}>Client secret</label>
          <input
            id={`${p}-secret`}
            type="password"
            required
            autoComplete="new-password"
            value={d.clientSecret}
            onChange={(e) => set({ clientSecret: e.target.value })}
          />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${p}-key`}>Private key (PEM)</label>
            <textarea
              id={`${p}-key`}
              required
              rows={4}
              className="mono secret-input"
              value={d.privateKeyPem}
              onChange={(e) => set({ privateKeyPem: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${p}-cert`}>Certificate (PEM)</label>
            <textarea id={`${p}-cert`} required rows={4} className="mono" value={d.certificatePem} onChange={(e) => set({ certificatePem: e.target.value })} />
          </div>
        </>
      )}
      <p className="help">Stored encrypted. It is never shown again — not here, not in the API.</p>
    </fieldset>
  );
}
