// The built-in GitHub App's identity from SWITCHBOARD_GITHUB_APP_* (declared in schema.ts), read
// and loaded once at start. A half-given or unreadable App stops the start with one line naming
// the variable; the line never repeats the key or the file's content.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { loadPrivateKey } from '../providers/integrations/github/app-jwt.ts';
import { ConfigError } from './read-environment.ts';
import type { Config } from './schema.ts';

export interface BuiltinGithubAppIdentity {
  appId: string;
  key: KeyObject;
}

type AppVariables = Pick<Config['integrations'], 'githubAppId' | 'githubAppPrivateKey' | 'githubAppPrivateKeyFile'>;

const ID = 'SWITCHBOARD_GITHUB_APP_ID';
const KEY = 'SWITCHBOARD_GITHUB_APP_PRIVATE_KEY';
const KEY_FILE = 'SWITCHBOARD_GITHUB_APP_PRIVATE_KEY_FILE';

/** null when no built-in App is configured. */
export function builtinGithubAppFrom(c: AppVariables): BuiltinGithubAppIdentity | null {
  const { githubAppId: appId, githubAppPrivateKey: inline, githubAppPrivateKeyFile: file } = c;
  if (appId === undefined) {
    if (inline !== undefined || file !== undefined) throw new ConfigError(`${inline !== undefined ? KEY : KEY_FILE} is set but ${ID} is not`);
    return null;
  }
  if (!/^[1-9][0-9]{0,19}$/.test(appId)) throw new ConfigError(`${ID} must be the App's numeric id, got "${appId}"`);
  if (inline !== undefined && file !== undefined) throw new ConfigError(`give ${KEY} or ${KEY_FILE}, not both`);
  if (inline === undefined && file === undefined) throw new ConfigError(`${KEY} or ${KEY_FILE} is required with ${ID}`);
  let pem: string;
  let source: string;
  if (file !== undefined) {
    source = KEY_FILE;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`${KEY_FILE}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    source = KEY;
    // One-line environment values often carry the PEM's line breaks as the two characters \n.
    pem = inline!.includes('\n') ? inline! : inline!.replace(/\\n/g, '\n');
  }
  const key = loadPrivateKey(pem);
  if (!key) throw new ConfigError(`${source} is not a PEM-encoded RSA private key`);
  return { appId, key };
}
