// The variable tables of docs/configuration*.md, generated from the schema (schema.ts): a block
// between `<!-- config-table <group> … -->` and `<!-- /config-table -->` holds the table of that
// group, one row per variable with its default and description. `npm run docs:config` rewrites
// the blocks; test/config/docs.unit.test.ts fails while any is stale, so a variable added,
// removed or given another default cannot leave the documentation behind.
import { ConfigSchema, DOC_GROUPS, type DocGroup } from './schema.ts';
import { variablesOf, type Variable } from './read-environment.ts';

const BLOCK = /<!-- config-table ([a-zA-Z]+)[^>]*-->\n[\s\S]*?<!-- \/config-table -->/g;

export const variables = (): Variable[] => variablesOf(ConfigSchema);

/** The "default" column: what the schema says, or its own words for a computed or absent default. */
export function defaultCell(v: Variable): string {
  if (v.schema.docDefault !== undefined) return v.schema.docDefault;
  const d = v.schema.default;
  if (d === undefined) return 'unset';
  return `\`${typeof d === 'object' ? JSON.stringify(d) : String(d)}\``;
}

export function renderTable(group: DocGroup): string {
  const rows = variables()
    .filter((v) => v.schema.group === group)
    .map((v) => `| \`${v.schema.env}\` | ${defaultCell(v)} | ${v.schema.description} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

function block(group: DocGroup): string {
  return `<!-- config-table ${group} (generated from src/config/schema.ts by \`npm run docs:config\`; edit there) -->\n${renderTable(group)}\n<!-- /config-table -->`;
}

/** The document with every generated block rewritten from the schema. */
export function renderDocument(text: string): string {
  return text.replace(BLOCK, (whole, group: string) => {
    if (!(group in DOC_GROUPS)) throw new Error(`unknown configuration group "${group}" (known: ${Object.keys(DOC_GROUPS).join(', ')})`);
    return block(group as DocGroup);
  });
}

/** The groups a document has a generated block for. */
export function groupsIn(text: string): string[] {
  return [...text.matchAll(BLOCK)].map((m) => m[1]);
}

/** Table rows naming a variable outside any generated block: documentation written by hand, which can drift. */
export function handWrittenRows(text: string): string[] {
  return text
    .replace(BLOCK, '')
    .split('\n')
    .filter((line) => /^\|\s*`[A-Z][A-Z0-9_]*`/.test(line));
}
