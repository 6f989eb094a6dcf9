// Shared bench plumbing: run autocannon against a URL and report req/s and latency percentiles.
// Every figure is printed next to a baseline measured in the same run (the machine is shared
// and noisy, so only ratios mean anything).
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(opts: { url: string; method?: string; headers?: Record<string, string>; body?: string; connections?: number; seconds?: number }): Promise<LoadResult> {
  const r = await autocannon({
    url: opts.url,
    method: (opts.method ?? 'GET') as never,
    headers: opts.headers,
    body: opts.body,
    connections: opts.connections ?? 10,
    duration: opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 5),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function report(name: string, subject: LoadResult, baseline: LoadResult, target?: number): string {
  const ratio = subject.rps / baseline.rps;
  const line =
    `${name.padEnd(44)} ${subject.rps.toFixed(0).padStart(7)} req/s  p99 ${String(subject.p99).padStart(4)} ms | baseline ${baseline.rps.toFixed(0).padStart(7)} req/s  p99 ${String(baseline.p99).padStart(4)} ms | ratio ${ratio.toFixed(2)}` +
    (target ? (ratio >= target ? `  (target ${target}: met)` : `  (target ${target}: NOT met)`) : '') +
    (subject.non2xx || subject.errors ? `  [non-2xx ${subject.non2xx}, errors ${subject.errors}]` : '');
  console.log(line);
  return line;
}

export const dbLabel = () => (process.env.DATABASE_URL ? 'PostgreSQL server (pg pool)' : 'embedded PGlite');
