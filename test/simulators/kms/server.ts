// What every KMS simulator shares: a loopback HTTP (or HTTPS) server whose behaviour can be
// changed while a test runs — slow (added latency per request), failing (the API's own 5xx
// answer) or down (every connection reset, as a KMS that is unreachable) — and that counts the
// calls it served. Each API's file (aws-kms.ts, azure-key-vault.ts, gcp-kms.ts, vault-transit.ts)
// gives the routes; the cryptography is real and the keys never leave the simulator.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

type Mode = 'up' | 'failing' | 'down';

export interface SimControl {
  /** Added to every request (ms). */
  latencyMs: number;
  mode: Mode;
  /** Requests answered by the API's routes (not refused by down/failing), by operation name. */
  calls: Map<string, number>;
  slow(ms: number): void;
  fail(): void;
  down(): void;
  up(): void;
  count(op: string): number;
}

export interface Handled {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Counted as this operation. */
  op?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  control: SimControl;
  close(): Promise<void>;
}

export function createControl(): SimControl {
  const c: SimControl = {
    latencyMs: 0,
    mode: 'up',
    calls: new Map(),
    slow: (ms) => void (c.latencyMs = ms),
    fail: () => void (c.mode = 'failing'),
    down: () => void (c.mode = 'down'),
    up: () => {
      c.mode = 'up';
      c.latencyMs = 0;
    },
    count: (op) => c.calls.get(op) ?? 0,
  };
  return c;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startSimServer(opts: {
  control?: SimControl;
  tls?: { key: string; cert: string };
  /** The API's answer while `failing` (its own error format). */
  failure: Handled;
  handle(req: IncomingMessage, body: Buffer): Promise<Handled> | Handled;
}): Promise<RunningServer> {
  const control = opts.control ?? createControl();
  const sockets = new Set<Socket>();
  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    if (control.mode === 'down') {
      req.socket.destroy();
      return;
    }
    try {
      const body = await readBody(req);
      if (control.latencyMs > 0) await new Promise((r) => setTimeout(r, control.latencyMs));
      // It may have gone down while this request waited.
      if ((control.mode as Mode) === 'down') {
        req.socket.destroy();
        return;
      }
      const out = control.mode === 'failing' ? opts.failure : await opts.handle(req, body);
      if (out.op && control.mode !== 'failing') control.calls.set(out.op, (control.calls.get(out.op) ?? 0) + 1);
      const text = out.body === undefined ? '' : JSON.stringify(out.body);
      res.writeHead(out.status, { ...(text ? { 'content-type': 'application/json' } : {}), 'content-length': Buffer.byteLength(text), ...out.headers });
      res.end(text);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${(err as Error).message}`);
    }
  };
  const server: Server = opts.tls ? createHttpsServer(opts.tls, onRequest) : createHttpServer(onRequest);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    // An unreachable KMS: connections are cut as they arrive, before TLS or HTTP.
    if (control.mode === 'down') s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    control,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** AES-256-GCM with the simulator's own key: iv(12) ‖ ciphertext ‖ tag(16). */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([iv, ct, c.getAuthTag()]);
}

/** Null when the ciphertext or the associated data does not authenticate. */
export function gcmOpen(key: Buffer, blob: Buffer, aad: Buffer): Buffer | null {
  if (blob.length < 28) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
    d.setAAD(aad);
    d.setAuthTag(blob.subarray(blob.length - 16));
    return Buffer.concat([d.update(blob.subarray(12, blob.length - 16)), d.final()]);
  } catch {
    return null;
  }
}
