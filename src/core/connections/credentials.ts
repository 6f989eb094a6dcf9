// Which credential a connection runs with. Platform connections use the operator's app
// registration from configuration (its secret is never copied into a row); dedicated connections
// carry their own, sealed in the vault as one JSON value and opened only inside this process.
import { createHmac, hkdfSync } from 'node:crypto';
import type { MicrosoftConfig } from '../../config.ts';
import type { Queryable } from '../../db/database.ts';
import { prepareCertificate } from '../../providers/microsoft/client-assertion.ts';
import type { MicrosoftCredential } from '../../providers/microsoft/credentials.ts';
import { MicrosoftProviderError } from '../../providers/microsoft/errors.ts';
import { AppError } from '../errors.ts';
import type { Keyring } from '../vault/keyring.ts';
import type { Vault } from '../vault/vault.ts';
import { type ConnectionRecord, credentialRef } from './connection-record.ts';

export type CredentialInput =
  | { kind: 'client_secret'; clientId: string; clientSecret: string }
  | { kind: 'certificate'; clientId: string; privateKeyPem: string; certificatePem: string };

/** Refuses a credential that cannot work before it is stored (a certificate whose key does not match). */
export function validateCredential(input: CredentialInput): MicrosoftCredential {
  if (!input.clientId.trim()) throw new AppError('provider_connection.credential.invalid', 'client_id must not be empty');
  if (input.kind === 'client_secret') {
    if (!input.clientSecret) throw new AppError('provider_connection.credential.invalid', 'client_secret must not be empty');
    return { kind: 'client_secret', clientId: input.clientId.trim(), clientSecret: input.clientSecret };
  }
  const credential: MicrosoftCredential = {
    kind: 'certificate',
    clientId: input.clientId.trim(),
    privateKeyPem: input.privateKeyPem,
    certificatePem: input.certificatePem,
  };
  try {
    prepareCertificate(credential);
  } catch (err) {
    // The adapter's message never quotes the PEM.
    const message = err instanceof MicrosoftProviderError ? err.message : 'the certificate or private key could not be read';
    throw new AppError('provider_connection.credential.invalid', message);
  }
  return credential;
}

export async function sealCredential(
  vault: Vault,
  q: Queryable,
  c: Pick<ConnectionRecord, 'workspace_id' | 'id'>,
  credential: MicrosoftCredential,
): Promise<string> {
  const sealed = await vault.seal(q, credentialRef(c), JSON.stringify(credential));
  return sealed.fingerprint;
}

export async function openCredential(vault: Vault, q: Queryable, c: Pick<ConnectionRecord, 'workspace_id' | 'id'>): Promise<MicrosoftCredential | null> {
  const raw = await vault.open(q, credentialRef(c));
  return raw ? (JSON.parse(raw) as MicrosoftCredential) : null;
}

/** The part of the configuration these functions read: the operator's platform app registration. */
export interface PlatformAppConfig {
  microsoft: Pick<MicrosoftConfig, 'platformClientId' | 'platformClientSecret'>;
}

export function platformCredential(config: PlatformAppConfig): MicrosoftCredential | null {
  const { platformClientId, platformClientSecret } = config.microsoft;
  return platformClientId && platformClientSecret ? { kind: 'client_secret', clientId: platformClientId, clientSecret: platformClientSecret } : null;
}

/** The app a connection acts as: the operator's for platform, the dedicated credential's otherwise. */
export function effectiveAppId(c: ConnectionRecord, config: PlatformAppConfig): string | null {
  return c.connection_type === 'platform' ? (config.microsoft.platformClientId ?? null) : c.credential_client_id;
}

/**
 * A stable identifier of the platform credential, the same on every node, that reveals nothing
 * about the secret: an HMAC under a key derived from the keyring. It lets a pause recorded after an
 * authentication failure lift by itself once the operator configures a different secret.
 */
export function platformFingerprint(keyring: Keyring, config: PlatformAppConfig): string | null {
  const cred = platformCredential(config);
  if (!cred || cred.kind !== 'client_secret') return null;
  const version = keyring.activeVersion();
  const key = Buffer.from(hkdfSync('sha256', keyring.key(version), 'switchboard', 'platform-credential-fingerprint', 32));
  return `platform:${createHmac('sha256', key).update(cred.clientId).update('\0').update(cred.clientSecret).digest('hex').slice(0, 32)}`;
}
