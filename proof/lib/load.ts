// Closed-loop load for the fault suites: a few concurrent loops, each sending one request after
// another and recording every answer (status, error code, the phase it was sent in). Bounded:
// every loop stops when told to, and every request has its own timeout.
import { http, type HttpResult } from './cluster.ts';

export interface Sample {
  phase: string;
  name: string;
  status: number;
  error?: string;
  ms: number;
  body?: any;
}

export interface LoadHandle {
  samples: Sample[];
  setPhase(p: string): void;
  stop(): Promise<void>;
}

export type Step = (i: number) => Promise<{ name: string; r: HttpResult } | null>;

export function runLoops(loops: Array<{ concurrency: number; step: Step }>, keep?: (s: Sample) => boolean): LoadHandle {
  const samples: Sample[] = [];
  let phase = 'start';
  let stopped = false;
  const running: Promise<void>[] = [];
  for (const { concurrency, step } of loops) {
    for (let c = 0; c < concurrency; c++) {
      running.push(
        (async () => {
          for (let i = 0; !stopped; i++) {
            const sentIn = phase;
            const t0 = performance.now();
            const out = await step(i).catch((err: Error) => ({
              name: 'error',
              r: { status: -1, body: { error: err.message }, text: err.message, ms: performance.now() - t0 },
            }));
            if (!out) continue;
            const s: Sample = { phase: sentIn, name: out.name, status: out.r.status, error: out.r.body?.error, ms: out.r.ms, body: out.r.body };
            if (!keep || keep(s)) samples.push(s);
            else samples.push({ ...s, body: undefined });
          }
        })(),
      );
    }
  }
  return {
    samples,
    setPhase: (p) => {
      phase = p;
    },
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}

export function summarize(samples: Sample[]): Record<string, Record<string, { n: number; p50: number; max: number }>> {
  const out: Record<string, Record<string, number[]>> = {};
  for (const s of samples) ((out[s.phase] ??= {})[`${s.name} ${s.status}${s.error ? ` ${s.error}` : ''}`] ??= []).push(s.ms);
  return Object.fromEntries(
    Object.entries(out).map(([p, byKey]) => [
      p,
      Object.fromEntries(
        Object.entries(byKey).map(([k, v]) => {
          const sorted = [...v].sort((a, b) => a - b);
          return [k, { n: v.length, p50: Math.round(sorted[Math.floor(sorted.length / 2)]), max: Math.round(sorted[sorted.length - 1]) }];
        }),
      ),
    ]),
  );
}
