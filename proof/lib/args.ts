// Command-line plumbing shared by the proof suites: `--name value` options, the PostgreSQL server
// to use (DATABASE_URL, or a private cluster started for the run), and a JSON report file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.ts';

export function option(name: string, fallback: number): number;
export function option(name: string, fallback: string): string;
export function option(name: string, fallback: number | string): number | string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  const raw = i >= 0 ? argv[i + 1] : undefined;
  if (raw === undefined) return fallback;
  if (typeof fallback === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
    return n;
  }
  return raw;
}

function flag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

/** The PostgreSQL server the suite runs against: DATABASE_URL when set, else a private cluster. */
export async function postgresServer(): Promise<{ url: string; label: string; close(): void; cluster: PrivatePostgres | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, label: 'DATABASE_URL', close() {}, cluster: null };
  const cluster = await startPrivatePostgres();
  return { url: cluster.url(), label: `private cluster on port ${cluster.port}`, close: () => cluster.destroy(), cluster };
}

/** Writes proof/results/<name>.json (ignored by git) and returns its path. */
export function writeReport(name: string, data: unknown): string {
  const dir = join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export const log = (...parts: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
