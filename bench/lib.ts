// Shared bench plumbing: load a URL from the load generator's own process (./load/generator.ts)
// and report req/s and latency percentiles. Every figure is printed next to a baseline measured
// in the same run (the machine is shared and noisy, so only ratios mean anything).
import { generateLoad, type HttpMethod } from './load/generator.ts';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failed: number;
}

export async function load(opts: {
  url: string;
  method?: HttpMethod;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  seconds?: number;
}): Promise<LoadResult> {
  const url = new URL(opts.url);
  const r = await generateLoad({
    url: url.origin,
    connections: opts.connections ?? 10,
    durationSeconds: opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 5),
    request: {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      paths: [url.pathname + url.search],
      ...(opts.body !== undefined ? { bodies: [opts.body] } : {}),
    },
  });
  return { rps: r.rps, p50: r.p50, p99: r.p99, failed: r.failed };
}

export function report(name: string, subject: LoadResult, baseline: LoadResult, target?: number): string {
  const ratio = subject.rps / baseline.rps;
  const line =
    `${name.padEnd(44)} ${subject.rps.toFixed(0).padStart(7)} req/s  p99 ${String(subject.p99).padStart(4)} ms | baseline ${baseline.rps.toFixed(0).padStart(7)} req/s  p99 ${String(baseline.p99).padStart(4)} ms | ratio ${ratio.toFixed(2)}` +
    (target ? (ratio >= target ? `  (target ${target}: met)` : `  (target ${target}: NOT met)`) : '') +
    (subject.failed ? `  [failed ${subject.failed}]` : '');
  console.log(line);
  return line;
}

export const dbLabel = () => (process.env.DATABASE_URL ? 'PostgreSQL server (pg pool)' : 'embedded PGlite');
