// One entry per KMS API for tests: starts its loopback simulator with a key, and gives the
// Switchboard environment that points a node at it (exactly the variables an operator sets, see
// docs/configuration.md) — so a test can run the same scenario against every source.
//
//   const kms = await startKms('aws-kms', dir);   // kms.env, kms.control.down()/fail()/slow(ms)/up()
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeySourceName } from '../../../src/core/vault/key-source.ts';
import { startAwsKmsSimulator } from './aws-kms.ts';
import { startAzureKeyVaultSimulator } from './azure-key-vault.ts';
import { startGcpKmsSimulator } from './gcp-kms.ts';
import type { SimControl } from './server.ts';
import { startVaultTransitSimulator } from './vault-transit.ts';

export type KmsName = Exclude<KeySourceName, 'keyring'>;
export const KMS_NAMES: KmsName[] = ['aws-kms', 'azure-key-vault', 'gcp-kms', 'vault-transit'];

export interface RunningKms {
  name: KmsName;
  control: SimControl;
  /** SWITCHBOARD_* variables for this source (SWITCHBOARD_KEY_SOURCE not included). */
  env: Record<string, string>;
  /** Variables the SDK itself reads from the process (AWS credentials), for child processes too. */
  processEnv: Record<string, string>;
  /** Rotates the key inside the KMS (a new KMS key version; old ciphertexts still decrypt). */
  rotateKmsKey(): void;
  /** Vault: revokes every token it issued (the client must log in again); how many logins so far. */
  revokeSessions?(): void;
  logins?(): number;
  close(): Promise<void>;
}

export async function startKms(name: KmsName, dir: string): Promise<RunningKms> {
  switch (name) {
    case 'aws-kms': {
      const sim = await startAwsKmsSimulator();
      const arn = sim.createKey();
      const processEnv = { AWS_ACCESS_KEY_ID: sim.accessKeyId, AWS_SECRET_ACCESS_KEY: sim.secretAccessKey };
      // The SDK's default credential chain reads the process environment (as in production).
      Object.assign(process.env, processEnv);
      return {
        name,
        control: sim.control,
        env: { SWITCHBOARD_AWS_KMS_KEY_ID: arn, SWITCHBOARD_AWS_KMS_REGION: sim.region, SWITCHBOARD_AWS_KMS_ENDPOINT: sim.url },
        processEnv,
        rotateKmsKey: () => {}, // AWS rotates backing keys behind the same ARN: nothing a client sees
        close: () => sim.close(),
      };
    }
    case 'azure-key-vault': {
      const sim = await startAzureKeyVaultSimulator();
      const keyId = sim.createKey('switchboard-kek');
      return {
        name,
        control: sim.control,
        env: {
          SWITCHBOARD_AZURE_KEY_VAULT_KEY_ID: keyId,
          SWITCHBOARD_AZURE_TENANT_ID: sim.tenantId,
          SWITCHBOARD_AZURE_CLIENT_ID: sim.clientId,
          SWITCHBOARD_AZURE_CLIENT_SECRET: sim.clientSecret,
          SWITCHBOARD_AZURE_AUTHORITY_HOST: sim.authorityHost,
          SWITCHBOARD_AZURE_KEY_VAULT_CA_FILE: sim.writeCaFile(dir),
          // The loopback vault is not under vault.azure.net, the resource its challenge names.
          SWITCHBOARD_AZURE_KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: 'true',
        },
        processEnv: {},
        rotateKmsKey: () => sim.rotateKey('switchboard-kek'),
        close: () => sim.close(),
      };
    }
    case 'gcp-kms': {
      const sim = await startGcpKmsSimulator();
      const keyName = 'projects/sim-project/locations/europe-west1/keyRings/switchboard/cryptoKeys/kek';
      sim.createKey(keyName);
      const credentials = join(dir, 'gcp-service-account.json');
      writeFileSync(credentials, sim.serviceAccountJson, { mode: 0o600 });
      return {
        name,
        control: sim.control,
        env: { SWITCHBOARD_GCP_KMS_KEY_NAME: keyName, SWITCHBOARD_GCP_KMS_ENDPOINT: sim.url, SWITCHBOARD_GCP_KMS_CREDENTIALS_FILE: credentials },
        processEnv: {},
        rotateKmsKey: () => sim.rotateKey(keyName),
        close: () => sim.close(),
      };
    }
    case 'vault-transit': {
      const sim = await startVaultTransitSimulator();
      sim.createKey('switchboard', { derived: true });
      const role = sim.createAppRole({ tokenTtlSeconds: 3600 });
      const secretIdFile = join(dir, 'vault-secret-id');
      writeFileSync(secretIdFile, role.secretId, { mode: 0o600 });
      return {
        name,
        control: sim.control,
        env: {
          SWITCHBOARD_VAULT_ADDR: sim.url,
          SWITCHBOARD_VAULT_TRANSIT_KEY: 'switchboard',
          SWITCHBOARD_VAULT_TRANSIT_DERIVED: 'true',
          SWITCHBOARD_VAULT_AUTH: 'approle',
          SWITCHBOARD_VAULT_ROLE_ID: role.roleId,
          SWITCHBOARD_VAULT_SECRET_ID_FILE: secretIdFile,
        },
        processEnv: {},
        rotateKmsKey: () => sim.rotateKey('switchboard'),
        revokeSessions: () => sim.revokeAllTokens(),
        logins: () => sim.logins(),
        close: () => sim.close(),
      };
    }
  }
}
