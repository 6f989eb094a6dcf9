// `npm run bench`: every benchmark in bench/, one after another (each in its own process so one
// bench's memory and connections do not colour the next). Set DATABASE_URL to measure on a
// PostgreSQL server; BENCH_SECONDS to change the length of each measurement.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort((a, b) => (a === 'core.ts' ? -1 : b === 'core.ts' ? 1 : a.localeCompare(b)));
let failed = 0;
for (const f of benches) {
  if (!existsSync(join(dir, f))) continue;
  console.log(`\n=== bench/${f} ===`);
  const r = spawnSync(process.execPath, [join(dir, f)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
