// A loopback webhook receiver for tests: records every request (headers and raw body) and answers
// as told — 200, a status, or not at all (hangs until the sender gives up).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number | 'hung';
}

type Mode = { status: number } | 'hang';

export interface Receiver {
  url(path?: string): string;
  received: Received[];
  /** How the receiver answers from now on (default 200). */
  mode: Mode;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const hung = new Set<import('node:http').ServerResponse>();
  const r: Receiver = {
    url: (path = '/hook') => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    mode: { status: 200 },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const mode = r.mode;
      received.push({
        at: Date.now(),
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        answered: mode === 'hang' ? 'hung' : mode.status,
      });
      if (mode === 'hang') {
        hung.add(res);
        return;
      }
      res.writeHead(mode.status, { 'content-type': 'text/plain' }).end(mode.status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return r;
}
