// HashiCorp Vault / OpenBao Transit over its HTTP API (there is no official Node SDK):
// POST /v1/<mount>/encrypt/<key> and /decrypt/<key> with the version context as
// `associated_data` (AEAD keys: aes256-gcm96, chacha20-poly1305) and, for a key created with
// derived=true, also as `context`, so Transit derives a key per version. Authentication by a token
// (or a token file a Vault Agent keeps fresh) or by AppRole (role_id + secret_id), logging in
// again when the token's lease runs out or Vault answers 403.
import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import { AppError } from '../../errors.ts';
import { contextBytes, type KekContext, kmsFailure, type KmsWrapper } from './kms-wrapper.ts';

export type VaultAuth =
  | { method: 'token'; token?: string; tokenFile?: string }
  | { method: 'approle'; roleId: string; secretId?: string; secretIdFile?: string; mount: string };

export interface VaultTransitConfig {
  /** https://vault.internal:8200 */
  addr: string;
  mount: string;
  key: string;
  namespace?: string;
  auth: VaultAuth;
  /** The Transit key was created with derived=true: send the context for key derivation too. */
  derived: boolean;
  caFile?: string;
  timeoutMs: number;
  maxAttempts: number;
}

interface VaultResponse {
  status: number;
  body: { data?: Record<string, unknown>; auth?: { client_token?: string; lease_duration?: number }; errors?: string[] } | null;
}

export function vaultTransit(cfg: VaultTransitConfig): KmsWrapper {
  const base = cfg.addr.replace(/\/$/, '');
  const dispatcher = cfg.caFile ? new Agent({ connect: { ca: readFileSync(cfg.caFile, 'utf8') } }) : undefined;
  let token: { value: string; renewAt: number } | null = null;
  let loggingIn: Promise<string> | null = null;
  const read = (file: string) => readFileSync(file, 'utf8').trim();

  async function send(path: string, body: unknown, withToken: string | null): Promise<VaultResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (withToken) headers['x-vault-token'] = withToken;
    if (cfg.namespace) headers['x-vault-namespace'] = cfg.namespace;
    const op = path.startsWith('auth/') ? 'login' : (path.split('/').at(-2) ?? path);
    let lastErr: AppError | null = null;
    for (let attempt = 1; attempt <= cfg.maxAttempts; attempt++) {
      try {
        const r = await undiciFetch(`${base}/v1/${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(cfg.timeoutMs),
          dispatcher,
        });
        const text = await r.text();
        let parsed: VaultResponse['body'] = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = null;
        }
        if ((r.status >= 500 || r.status === 429) && attempt < cfg.maxAttempts) {
          lastErr = kmsFailure('vault-transit', op, null, r.status, undefined);
          await new Promise((res) => setTimeout(res, 100 * attempt));
          continue;
        }
        return { status: r.status, body: parsed };
      } catch (err) {
        lastErr = kmsFailure('vault-transit', op, err, undefined, (err as Error)?.name === 'TimeoutError' ? 'timeout' : 'network');
        if (attempt < cfg.maxAttempts) await new Promise((res) => setTimeout(res, 100 * attempt));
      }
    }
    throw lastErr!;
  }

  async function login(): Promise<string> {
    const a = cfg.auth;
    if (a.method === 'token') {
      const value = a.tokenFile ? read(a.tokenFile) : (a.token ?? '');
      if (!value) throw new AppError('config.invalid', 'Vault token auth needs SWITCHBOARD_VAULT_TOKEN or SWITCHBOARD_VAULT_TOKEN_FILE');
      // A token file is read again after every 403 (Vault Agent rewrites it); a fixed token never renews here.
      token = { value, renewAt: Number.POSITIVE_INFINITY };
      return value;
    }
    const secretId = a.secretIdFile ? read(a.secretIdFile) : (a.secretId ?? '');
    const r = await send(`auth/${a.mount}/login`, { role_id: a.roleId, secret_id: secretId }, null);
    const t = r.body?.auth?.client_token;
    if (r.status !== 200 || !t) throw kmsFailure('vault-transit', 'approle login', null, r.status, r.status === 400 ? 'invalid role or secret id' : undefined);
    const lease = Number(r.body?.auth?.lease_duration ?? 0);
    // Log in again at 80 % of the lease (0: a token that does not expire).
    token = { value: t, renewAt: lease > 0 ? Date.now() + lease * 800 : Number.POSITIVE_INFINITY };
    return t;
  }

  async function currentToken(force: boolean): Promise<string> {
    if (!force && token && Date.now() < token.renewAt) return token.value;
    if (!loggingIn) loggingIn = login().finally(() => (loggingIn = null));
    return loggingIn;
  }

  async function transit(op: 'encrypt' | 'decrypt', body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const path = `${cfg.mount}/${op}/${encodeURIComponent(cfg.key)}`;
    let r = await send(path, body, await currentToken(false));
    if (r.status === 403) r = await send(path, body, await currentToken(true)); // expired or revoked token: once more with a fresh one
    if (r.status !== 200 || !r.body?.data) {
      // Vault's error strings name no secret, but they are not ours to relay: keep the status.
      throw kmsFailure(
        'vault-transit',
        op,
        null,
        r.status,
        r.status === 400 ? 'invalid request or ciphertext' : r.status === 403 ? 'permission denied' : undefined,
      );
    }
    return r.body.data;
  }

  const contextFor = (ctx: KekContext) => {
    const b64 = contextBytes(ctx).toString('base64');
    return { associated_data: b64, ...(cfg.derived ? { context: b64 } : {}) };
  };

  return {
    name: 'vault-transit',
    keyRef: `${cfg.mount}/keys/${cfg.key}`,
    async wrap(plaintext: Buffer, ctx: KekContext) {
      const data = await transit('encrypt', { plaintext: plaintext.toString('base64'), ...contextFor(ctx) });
      if (typeof data.ciphertext !== 'string' || !data.ciphertext.startsWith('vault:'))
        throw new AppError('vault.kms_refused', 'vault-transit encrypt returned no ciphertext');
      return { ciphertext: Buffer.from(data.ciphertext, 'utf8'), keyRef: `${cfg.mount}/keys/${cfg.key}` };
    },
    async unwrap(ciphertext: Buffer, keyRef: string, ctx: KekContext) {
      if (keyRef !== `${cfg.mount}/keys/${cfg.key}`) {
        throw new AppError('vault.source_not_configured', `this version was wrapped by Transit key ${keyRef}, not the configured ${cfg.mount}/keys/${cfg.key}`);
      }
      const data = await transit('decrypt', { ciphertext: ciphertext.toString('utf8'), ...contextFor(ctx) });
      if (typeof data.plaintext !== 'string') throw new AppError('vault.kms_refused', 'vault-transit decrypt returned no plaintext');
      return Buffer.from(data.plaintext, 'base64');
    },
    close: () => void dispatcher?.close(),
  };
}
