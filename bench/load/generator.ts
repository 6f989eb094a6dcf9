// Drives HTTP load from a separate process (./child.ts), so the process under test spends its
// event loop only on the requests it serves. A scenario is plain data (it crosses a process
// boundary): the child picks a path and a body at random for each request and replaces every
// "{n}" in them with a counter that is unique in the run (for writes that must not collide).
import { fork } from 'node:child_process';
import { join } from 'node:path';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface LoadRequest {
  method: HttpMethod;
  headers?: Record<string, string>;
  /** One is picked at random per request, or in turn with `order: 'sequential'`. */
  paths: string[];
  order?: 'random' | 'sequential';
  /** One is picked at random per request (none: no body). */
  bodies?: string[];
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests instead (durationSeconds is then ignored). */
  amount?: number;
  /** Run this long first and discard it (JIT, pools, caches). */
  warmupSeconds?: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  rate?: number;
  request: LoadRequest;
}

export interface LoadMeasurement {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failed: number;
}

export function generateLoad(spec: LoadSpec): Promise<LoadMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'child.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (m) => {
      settled = true;
      const msg = m as { ok: true; result: LoadMeasurement } | { ok: false; error: string };
      if (msg.ok) resolve(msg.result);
      else reject(new Error(`load generator failed: ${msg.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before reporting`));
    });
    child.once('error', reject);
    child.send(spec);
  });
}
