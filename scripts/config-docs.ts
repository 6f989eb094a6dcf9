// `npm run docs:config`: rewrites the generated variable tables of docs/configuration*.md from
// src/config/schema.ts. `--check` changes nothing and exits 1 naming each stale file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocument } from '../src/config/docs.ts';

const DOCS = join(import.meta.dirname, '..', 'docs');
const check = process.argv.includes('--check');
let stale = 0;
for (const name of readdirSync(DOCS)
  .filter((f) => /^configuration.*\.md$/.test(f))
  .sort()) {
  const path = join(DOCS, name);
  const text = readFileSync(path, 'utf8');
  const rendered = renderDocument(text);
  if (rendered === text) continue;
  stale++;
  if (check) console.error(`docs/${name} is stale: run npm run docs:config`);
  else {
    writeFileSync(path, rendered);
    console.log(`docs/${name} updated`);
  }
}
process.exit(check && stale > 0 ? 1 : 0);
