// HashiCorp Vault / OpenBao on loopback: the Transit secrets engine's encrypt/decrypt
// (`POST /v1/<mount>/encrypt/<key>`, `…/decrypt/<key>`, ciphertext `vault:v<N>:<base64>`) with
// AES-256-GCM keys it holds, `associated_data` as GCM associated data and, for a key created
// derived, `context` as the HKDF input of a per-context key (Vault refuses a derived key without
// it); token auth by `X-Vault-Token`, and AppRole login (`POST /v1/auth/<mount>/login` with
// role_id + secret_id) issuing tokens with a lease that expires. Errors in Vault's shape:
// `{"errors": ["permission denied"]}`.
import { hkdfSync, randomBytes } from 'node:crypto';
import { gcmOpen, gcmSeal, type Handled, type RunningServer, startSimServer } from './server.ts';

export interface VaultTransitSimulator extends RunningServer {
  /** A token with access to Transit (like a root or policy-bound token). */
  rootToken: string;
  createKey(name: string, opts?: { derived?: boolean }): void;
  /** Rotates a Transit key: new encryptions use the next version, old ones still decrypt. */
  rotateKey(name: string): void;
  createAppRole(opts?: { tokenTtlSeconds?: number }): { roleId: string; secretId: string };
  revokeAllTokens(): void;
  logins(): number;
}

const errors = (status: number, ...messages: string[]): Handled => ({ status, body: { errors: messages } });

export async function startVaultTransitSimulator(opts: { mount?: string } = {}): Promise<VaultTransitSimulator> {
  const mount = opts.mount ?? 'transit';
  const rootToken = `hvs.${randomBytes(18).toString('base64url')}`;
  const tokens = new Map<string, number>([[rootToken, Number.POSITIVE_INFINITY]]); // token → expires at
  const roles = new Map<string, { secretId: string; ttl: number }>();
  const keys = new Map<string, { versions: Buffer[]; derived: boolean }>();
  let loginCount = 0;

  const keyFor = (k: { versions: Buffer[]; derived: boolean }, version: number, context: Buffer | null) => {
    const base = k.versions[version - 1];
    return k.derived ? Buffer.from(hkdfSync('sha256', base, context!, 'transit-derived', 32)) : base;
  };

  const server = await startSimServer({
    failure: errors(503, 'Vault is sealed'),
    handle(req, body) {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const input = body.length ? JSON.parse(body.toString('utf8')) : {};
      const login = /^\/v1\/auth\/([^/]+)\/login$/.exec(path);
      if (req.method === 'POST' && login) {
        const role = roles.get(input.role_id);
        if (!role || role.secretId !== input.secret_id) return errors(400, 'invalid role or secret ID');
        loginCount++;
        const token = `hvs.${randomBytes(18).toString('base64url')}`;
        tokens.set(token, Date.now() + role.ttl * 1000);
        return { status: 200, op: 'login', body: { auth: { client_token: token, lease_duration: role.ttl, renewable: true, policies: ['switchboard'] } } };
      }
      const m = new RegExp(`^/v1/${mount}/(encrypt|decrypt)/([^/]+)$`).exec(path);
      if (req.method !== 'POST' || !m) return errors(404, `no handler for route "${path}"`);
      const token = String(req.headers['x-vault-token'] ?? '');
      const expires = tokens.get(token);
      if (!expires || expires < Date.now()) return errors(403, 'permission denied');
      const [, op, name] = m;
      const key = keys.get(decodeURIComponent(name));
      if (!key) return errors(400, 'encryption key not found');
      const context = input.context ? Buffer.from(input.context, 'base64') : null;
      if (key.derived && !context)
        return errors(
          400,
          "missing 'context' for key derivation; the key was created using a derived key, which means additional, per-request information must be included in order to perform operations with the key",
        );
      const aad = Buffer.from(input.associated_data ?? '', 'base64');
      if (op === 'encrypt') {
        const version = key.versions.length;
        const blob = gcmSeal(keyFor(key, version, context), Buffer.from(input.plaintext ?? '', 'base64'), aad);
        return { status: 200, op: 'encrypt', body: { data: { ciphertext: `vault:v${version}:${blob.toString('base64')}`, key_version: version } } };
      }
      const c = /^vault:v(\d+):(.+)$/.exec(String(input.ciphertext ?? ''));
      if (!c || Number(c[1]) < 1 || Number(c[1]) > key.versions.length) return errors(400, 'invalid ciphertext: no prefix');
      const plain = gcmOpen(keyFor(key, Number(c[1]), context), Buffer.from(c[2], 'base64'), aad);
      if (!plain) return errors(400, 'cipher: message authentication failed');
      return { status: 200, op: 'decrypt', body: { data: { plaintext: plain.toString('base64') } } };
    },
  });
  return {
    ...server,
    rootToken,
    createKey(name, o) {
      keys.set(name, { versions: [randomBytes(32)], derived: !!o?.derived });
    },
    rotateKey(name) {
      keys.get(name)!.versions.push(randomBytes(32));
    },
    createAppRole(o) {
      const roleId = randomBytes(16).toString('hex');
      const secretId = randomBytes(16).toString('hex');
      roles.set(roleId, { secretId, ttl: o?.tokenTtlSeconds ?? 3600 });
      return { roleId, secretId };
    },
    revokeAllTokens() {
      for (const t of tokens.keys()) if (t !== rootToken) tokens.delete(t);
    },
    logins: () => loginCount,
  };
}
