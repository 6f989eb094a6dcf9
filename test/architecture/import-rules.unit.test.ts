// The layer rule, checked over the real import graph of src/ (parsed with oxc-parser, a full
// TypeScript parser, so every import, type import, re-export, side-effect and dynamic import counts):
//   surfaces (src/surfaces/*, and the SCIM endpoint src/scim) → core → providers, db, http, lib;
//   core imports no surface, module or runtime file; a surface imports no other surface (what
//   several surfaces show alike lives in src/surfaces/shared/, which imports no surface);
//   providers import nothing from core; the wiring (src/modules/) is imported only by runtime.ts;
//   the loopback simulators are used by the demo only; and there is no import cycle anywhere. docs/architecture.md describes the same rule.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { parseSync } from 'oxc-parser';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** src-relative path → the src-relative files it imports (local imports only). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(SRC)) {
    const code = readFileSync(file, 'utf8');
    const { module, errors } = parseSync(file, code);
    if (errors.length) throw new Error(`${file}: ${errors[0].message}`);
    const specs = [
      ...module.staticImports.map((i) => i.moduleRequest.value),
      ...module.staticExports.flatMap((e) => e.entries.flatMap((x) => (x.moduleRequest ? [x.moduleRequest.value] : []))),
      // import('…') with a literal: the quoted text of its argument
      ...module.dynamicImports
        .map((d) => code.slice(d.moduleRequest.start, d.moduleRequest.end))
        .filter((t) => /^['"].*['"]$/.test(t))
        .map((t) => t.slice(1, -1)),
    ];
    const local = [...new Set(specs)].filter((spec) => spec.startsWith('.')).map((spec) => relative(SRC, resolve(dirname(file), spec)));
    graph.set(relative(SRC, file), local);
  }
  return graph;
}

const graph = importGraph();
const top = (p: string) => p.split('/')[0];
const surfaceOf = (p: string) => (p.startsWith('surfaces/') ? p.split('/').slice(0, 2).join('/') : p.startsWith('scim/') ? 'scim' : null);
const SHARED = 'surfaces/shared';
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));
const violations = (rule: (e: { from: string; to: string }) => boolean) => edges.filter(rule).map((e) => `${e.from} → ${e.to}`);

test('the graph is read: every file of src is in it and the imports resolve to files that exist', () => {
  assert.ok(graph.size > 100, `only ${graph.size} files`);
  const missing = edges.filter((e) => !graph.has(e.to));
  assert.deepEqual(missing, [], 'imports of files that do not exist (or are not .ts)');
});

test('core imports no surface, no module and not the runtime', () => {
  assert.deepEqual(
    violations((e) => top(e.from) === 'core' && (surfaceOf(e.to) !== null || top(e.to) === 'modules' || ['runtime.ts', 'app.ts', 'main.ts'].includes(e.to))),
    [],
  );
});

test('a surface imports no other surface but the shared shapes, which import no surface', () => {
  assert.deepEqual(
    violations(
      (e) =>
        surfaceOf(e.from) !== null &&
        surfaceOf(e.to) !== null &&
        surfaceOf(e.from) !== surfaceOf(e.to) &&
        (surfaceOf(e.to) !== SHARED || surfaceOf(e.from) === SHARED),
    ),
    [],
  );
});

test('providers import nothing from core, a surface, a module or the runtime', () => {
  assert.deepEqual(
    violations((e) => top(e.from) === 'providers' && (top(e.to) === 'core' || surfaceOf(e.to) !== null || top(e.to) === 'modules' || e.to === 'runtime.ts')),
    [],
  );
});

test('the wiring (src/modules/) is imported only by runtime.ts', () => {
  assert.deepEqual(
    violations((e) => top(e.to) === 'modules' && top(e.from) !== 'modules' && e.from !== 'runtime.ts'),
    [],
  );
});

test('the simulators (src/simulators/) are used only by the demo (src/demo/) and import no part of the service but provider types', () => {
  assert.deepEqual(
    violations((e) => top(e.to) === 'simulators' && top(e.from) !== 'simulators' && top(e.from) !== 'demo'),
    [],
  );
  assert.deepEqual(
    violations((e) => top(e.from) === 'simulators' && top(e.to) !== 'simulators' && e.to !== 'providers/integrations/base-urls.ts'),
    [],
  );
});

test('no import cycle', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  assert.deepEqual(cycles, []);
});
