// The documentation cannot leave the schema behind: the variable tables of docs/configuration*.md
// are generated from src/config/schema.ts and must be current, every group is documented, no
// variable row is written by hand, and the code names no SWITCHBOARD_ variable the schema lacks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defaultCell, groupsIn, handWrittenRows, renderDocument, renderTable, variables } from '../../src/config/docs.ts';
import { DOC_GROUPS, RENAMED_VARIABLES } from '../../src/config/schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const docs = readdirSync(join(ROOT, 'docs'))
  .filter((f) => /^configuration.*\.md$/.test(f))
  .map((name) => ({ name, text: readFileSync(join(ROOT, 'docs', name), 'utf8') }));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('configuration documentation', () => {
  test('every generated table is current (npm run docs:config rewrites them)', () => {
    for (const d of docs) assert.equal(renderDocument(d.text), d.text, `docs/${d.name} is stale: run npm run docs:config`);
  });

  test('every group has its table somewhere, so every variable is documented with its default', () => {
    const rendered = new Set(docs.flatMap((d) => groupsIn(d.text)));
    for (const group of Object.keys(DOC_GROUPS)) assert.ok(rendered.has(group), `no table for group "${group}"`);
    const all = docs.map((d) => d.text).join('\n');
    for (const v of variables()) assert.ok(all.includes(`| \`${v.schema.env}\` | ${defaultCell(v)} |`), `${v.schema.env} documented with its default`);
  });

  test('docs/configuration.md has every group, each under its own heading', () => {
    const main = docs.find((d) => d.name === 'configuration.md')!.text;
    for (const [group, heading] of Object.entries(DOC_GROUPS)) {
      const section = main.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
      assert.ok(section, `a "## ${heading}" section`);
      assert.deepEqual(groupsIn(section), [group], `the ${group} table is in "## ${heading}"`);
    }
  });

  test('no variable row is written by hand outside a generated table', () => {
    for (const d of docs) assert.deepEqual(handWrittenRows(d.text), [], `docs/${d.name}`);
  });

  test('a changed default shows as a stale document', () => {
    const main = docs.find((d) => d.name === 'configuration.md')!;
    const tampered = main.text.replace('| `PORT` | `3000` |', '| `PORT` | `8080` |');
    assert.notEqual(tampered, main.text);
    assert.notEqual(renderDocument(tampered), tampered);
    assert.match(renderTable('service'), /\| `PORT` \| `3000` \| HTTP port \|/);
  });

  test('the code names no SWITCHBOARD_ variable that the schema does not list', () => {
    // A renamed variable's old name is named once more, by the refusal that says its new name.
    const known = new Set([...variables().map((v) => v.schema.env), ...Object.keys(RENAMED_VARIABLES)]);
    const named = new Set(
      sources(join(ROOT, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bSWITCHBOARD_[A-Z][A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => m[0])),
    );
    const unknown = [...named].filter((n) => !known.has(n));
    assert.deepEqual(unknown, []);
  });
});
