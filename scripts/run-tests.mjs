// Runs the whole suite with node's own test runner on the Node the project ships (node_modules/.bin/node).
// With DATABASE_URL set the suite runs against that PostgreSQL server; otherwise on embedded PGlite.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
let files = collect('test').sort();
// *.pg.test.ts need a PostgreSQL server (several processes on one database): they run in the
// DATABASE_URL pass (.ci/run does both passes). Said out loud, never skipped silently.
if (!process.env.DATABASE_URL) {
  const pgOnly = files.filter((f) => f.endsWith('.pg.test.ts'));
  if (pgOnly.length) console.log(`note: ${pgOnly.length} multi-process test files need DATABASE_URL and run in the PostgreSQL pass: ${pgOnly.join(', ')}`);
  files = files.filter((f) => !f.endsWith('.pg.test.ts'));
}
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (!files.length) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, '--test-timeout=180000', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
